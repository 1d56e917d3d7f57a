package io.resettle.cli;

import io.resettle.ingest.FileStatus;
import io.resettle.ingest.batch.IngestStore;
import io.resettle.masterdata.DataSetException;
import io.resettle.masterdata.batch.MasterDataStore;
import io.resettle.money.Money;
import io.resettle.policy.PolicyException;
import io.resettle.reconcile.Finding;
import io.resettle.support.OutputFolders;
import io.resettle.support.RunStatus;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/** Prints what a job execution did (summaries of ingest and settle) and maps it to an exit code. */
final class JobReport {

    private final ConfigurableApplicationContext context;
    private final PrintStream out;
    private final PrintStream err;
    private String lastResult;

    JobReport(ConfigurableApplicationContext context, PrintStream out, PrintStream err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    /** "execution N STATUS (EXIT)" of the last execution reported, for the audit log. */
    String lastResult() {
        return lastResult;
    }

    int report(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String periodText = execution.getJobParameters().getString("period");
        lastResult = "execution " + execution.getId() + " " + execution.getStatus() + " ("
                + execution.getExitStatus().getExitCode() + ")";
        out.printf("%s %s: %s%n", job, periodText, lastResult);
        if (job.equals("ingest") && periodText != null) {
            printIngestSummary(YearMonth.parse(periodText), execution.getJobParameters().getString("out"), execution);
        }
        if (job.equals("settle") && periodText != null && execution.getStatus() == BatchStatus.COMPLETED) {
            printSettleSummary(YearMonth.parse(periodText), execution);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return RunStatus.COMPLETED_WITH_BREAKS.equals(execution.getExitStatus().getExitCode()) ? ResettleCommandLine.BREAKS
                    : ResettleCommandLine.OK;
        }
        boolean refused = false;
        for (Throwable failure : execution.getAllFailureExceptions()) {
            Throwable cause = failure;
            while (cause.getCause() != null && !(cause instanceof DataSetException || cause instanceof PolicyException)) {
                cause = cause.getCause();
            }
            boolean refusal = cause instanceof DataSetException || cause instanceof PolicyException;
            refused |= refusal;
            err.println("resettle: " + (refusal ? "refused: " + cause.getMessage() : "failed: " + Failures.oneLine(cause)));
        }
        if (!refused) {
            err.printf("  after fixing the cause, resume with: resettle restart --execution %d (details: %s)%n",
                    execution.getId(), SpringCommand.logFile());
        }
        return refused ? ResettleCommandLine.REFUSED : ResettleCommandLine.FAILED;
    }

    private void printSettleSummary(YearMonth period, JobExecution execution) {
        ReportQueries queries = new ReportQueries(context.getBean(DataSource.class));
        long revision = execution.getJobParameters().getLong("revision");
        long lines = queries.billingLines(period);
        if (lines == 0) {
            out.printf("  %s has no billing lines (its last ingest found no export rows): settled with zero lines;"
                    + " rebate stages, commissions, accruals and statements as they fall due%n", period);
        }
        ReportQueries.InvoiceTotals totals = queries.invoiceTotals(period, revision);
        out.printf("  revision %d: %d billing lines, %d invoices, payable %s, discount %s, net %s%n", revision, lines,
                totals.count(), Money.round2(totals.payable()), Money.round2(totals.discount()),
                Money.round2(totals.net()));
        // An R12.4 break names where its return was read (payout-returns.csv row, pain.002 transaction).
        Map<String, String> returnSources = queries.payoutReturnSources(period);
        for (Finding f : queries.findings(period, revision)) {
            String source = f.check().equals("payout_return") ? returnSources.get(f.key()) : null;
            out.printf("  %s %s %s: expected %s, actual %s, difference %s%s%n", f.status(), f.check(), f.key(),
                    orNone(f.expected()), orNone(f.actual()), orNone(f.difference()),
                    source == null ? "" : "; read from " + source);
        }
        out.printf("  files: %s%n", OutputFolders.revision(Path.of(execution.getJobParameters().getString("out")),
                period.toString(), (int) revision));
    }

    /** A finding's side may be missing (a payout return matching no payout, R12.4): shown as "none". */
    private static String orNone(BigDecimal amount) {
        return amount == null ? "none" : Money.round2(amount).toPlainString();
    }

    private void printIngestSummary(YearMonth period, String outDir, JobExecution execution) {
        IngestStore store = context.getBean(IngestStore.class);
        List<IngestStore.FileRecord> files = store.files(period);
        if (files.isEmpty()) {
            out.println("  no export files for " + period);
            printStatementNotes(execution);
            return;
        }
        out.printf("  %-44s %-15s %-9s %8s %8s %8s %-11s %16s%n", "file", "format", "encoding", "rows", "accepted",
                "rejected", "status", "payable");
        for (IngestStore.FileRecord f : files) {
            out.printf("  %-44s %-15s %-9s %8d %8d %8d %-11s %16s%n", f.file(), f.format() == null ? "-" : f.format(),
                    f.encoding() == null ? "-" : f.encoding(), f.rows(), f.accepted(), f.rejected(), f.status(),
                    Money.round2(f.payableTotal()).toPlainString());
        }
        List<IngestStore.RejectRecord> shown = new ArrayList<>();
        List<IngestStore.RejectRecord> wholeFiles = new ArrayList<>();
        long[] total = {0};
        store.forEachReject(period, r -> {
            total[0]++;
            if (r.rowNo() == 0) {
                wholeFiles.add(r);
            } else if (shown.size() < 20) {
                shown.add(r);
            }
        });
        // Which definition read each file is its format above; a file no definition reads names the closest one.
        for (IngestStore.RejectRecord r : wholeFiles) {
            out.printf("  REJECTED %s: %s (%s)%n", r.file(), r.reason(), r.detail());
        }
        files.stream().filter(f -> f.status() == FileStatus.IGNORED && f.sha256() != null && !f.sha256().isEmpty())
                .forEach(f -> out.printf("  IGNORED %s: recognised as %s, not billing lines; counted nowhere%n", f.file(),
                        f.format()));
        // Folder entries that are not exports, and links, with the reason the scan gave (issue 15.7, 15.9).
        files.stream().filter(f -> (f.status() == FileStatus.IGNORED || f.status() == FileStatus.REJECTED)
                && (f.sha256() == null || f.sha256().isEmpty()) && f.note() != null)
                .forEach(f -> out.printf("  %s: %s (%s)%n", f.file(), f.status(), f.note()));
        for (IngestStore.OrphanRefund r : store.largeRefundsWithoutOriginal(period, IngestStore.LARGE_REFUND)) {
            out.println("  warning " + r.describe());
        }
        for (IngestStore.RejectRecord r : shown) {
            out.printf("  reject %s row %d: %s (%s)%n", r.file(), r.rowNo(), r.reason(), r.detail());
        }
        if (total[0] > shown.size() + wholeFiles.size()) {
            out.printf("  … and %d more rejects%n", total[0] - shown.size() - wholeFiles.size());
        }
        files.stream().filter(f -> f.status() == FileStatus.QUARANTINED).forEach(f -> out.printf(
                "  QUARANTINED %s: %d of %d rows rejected; settlement of %s is refused until the file is replaced%n",
                f.file(), f.rejected(), f.rows(), period));
        printStatementNotes(execution);
        if (outDir != null) {
            out.printf("  files: %s%n", Path.of(outDir).resolve(period.toString()).resolve("ingest"));
        }
    }

    /** Issue 18: what the period's pain.002 reports held besides payout returns (pending statuses, unknown payouts). */
    private void printStatementNotes(JobExecution execution) {
        execution.getStepExecutions().stream().map(step -> step.getExecutionContext())
                .filter(context -> context.containsKey(MasterDataStore.STATEMENT_NOTES))
                .flatMap(context -> context.getString(MasterDataStore.STATEMENT_NOTES).lines())
                .forEach(note -> out.println("  note " + note));
    }

    /** The worse of two exit codes: refused over failed over breaks over completed. */
    static int worse(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int exit) {
        return switch (exit) {
            case ResettleCommandLine.OK -> 0;
            case ResettleCommandLine.BREAKS -> 1;
            case ResettleCommandLine.FAILED -> 2;
            default -> 3;
        };
    }
}
