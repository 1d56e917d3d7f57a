package io.resettle.output.batch;

import io.resettle.output.BankPayoutBatch;
import io.resettle.output.InvoicingWorkbooks;
import io.resettle.output.PeriodWorkbook;
import io.resettle.output.Written;
import io.resettle.policy.OutputPolicy;
import io.resettle.policy.Policy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.support.csv.CsvOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The files of a revision that finance uses as they are (issue 18, docs/outputs.md), written after
 * the CSVs and from them, before manifest.json lists them all: the bank payout batch (pain.001) and
 * the 数电票 import workbooks with invoice-serials.csv, and the period workbook, whose summary says
 * what the others hold, leave out, or why one is missing.
 */
final class FinanceFiles {

    private final JdbcTemplate jdbc;
    private final YearMonth period;
    private final int revision;
    private final Path folder;
    private final String exitStatus;

    FinanceFiles(JdbcTemplate jdbc, YearMonth period, int revision, Path folder, String exitStatus) {
        this.jdbc = jdbc;
        this.period = period;
        this.revision = revision;
        this.folder = folder;
        this.exitStatus = exitStatus;
    }

    /** Writes them; what the manifest says of each, in the order it lists them. */
    List<Written> write(List<String> csvFiles) {
        Policy policy = new PolicyStore(jdbc).inForce(period);
        OutputPolicy outputs = policy.outputs();
        List<Written> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Written bankBatch = bankPayouts(outputs, notes);
        List<Written> invoicing = invoicing(outputs, notes);
        Written workbook = new PeriodWorkbook(folder, period, revision, exitStatus,
                outputs.workbookHeaders() == OutputPolicy.HeaderLanguage.ZH ? PeriodWorkbook.Headers.ZH
                        : PeriodWorkbook.Headers.EN).write(csvFiles, notes);
        written.add(workbook);
        if (bankBatch != null) {
            written.add(bankBatch);
        }
        written.addAll(invoicing);
        return written;
    }

    /** The 数电票 import workbooks and invoice-serials.csv, or none (and a note why) without the policy's invoicing section. */
    private List<Written> invoicing(OutputPolicy outputs, List<String> notes) {
        if (outputs.invoicing().isEmpty()) {
            InvoicingWorkbooks.deleteEarlier(folder, period, revision);
            deleteStale(InvoicingWorkbooks.SERIALS);
            notes.add("invoicing-" + period + "-r" + revision + "-*.xlsx (数电票): not written, the policy has no invoicing"
                    + " section (tax classification codes, tax rate, invoice types)");
            return List.of();
        }
        InvoicingWorkbooks.Written invoicing = new InvoicingWorkbooks(folder, period, revision).write(outputs.invoicing().get());
        List<Written> written = new ArrayList<>();
        written.add(Written.of(InvoicingWorkbooks.SERIALS, invoicing.serials(), invoicing.serialRows(),
                Map.of()));
        for (InvoicingWorkbooks.File file : invoicing.files()) {
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            totals.put("金额", file.amount());
            totals.put("折扣金额", file.discount());
            written.add(Written.of(file.name(), file.path(), file.detailRows(), totals));
            notes.add(file.name() + " (数电票): " + file.invoices() + " invoices, " + file.detailRows() + " detail rows, net "
                    + CsvOutput.money(file.amount().subtract(file.discount())));
        }
        if (invoicing.leftOut() > 0) {
            notes.add(InvoicingWorkbooks.SERIALS + ": " + invoicing.leftOut()
                    + " invoices left out of the 数电票 workbooks, each with the reason");
        }
        return written;
    }

    /** The pain.001 batch of this payout run, or null (and a note why) when none is written. */
    private Written bankPayouts(OutputPolicy outputs, List<String> notes) {
        String name = BankPayoutBatch.name(period, revision);
        if (outputs.bankPayouts().isEmpty()) {
            deleteStale(name);
            notes.add(name + ": not written, the policy has no bank_payouts section (debtor accounts)");
            return null;
        }
        BankPayoutBatch.Written batch = new BankPayoutBatch(folder, period, revision)
                .write(folder.resolve("payouts.csv"), outputs.bankPayouts().get());
        if (batch.file().isEmpty()) {
            notes.add(name + ": not written, no payout of this run goes by bank transfer");
        } else {
            notes.add(name + ": " + batch.transactions() + " bank transfers, " + CsvOutput.money(batch.controlSum()));
        }
        batch.leftOut().forEach(why -> notes.add(name + " leaves out " + why));
        return batch.file().map(file -> Written.of(name, file, batch.transactions(),
                Map.of("net", batch.controlSum()))).orElse(null);
    }

    /** A file an earlier attempt wrote that this one does not: removed, so the folder holds only what the manifest lists. */
    private void deleteStale(String name) {
        try {
            Files.deleteIfExists(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder.resolve(name), e);
        }
    }
}
