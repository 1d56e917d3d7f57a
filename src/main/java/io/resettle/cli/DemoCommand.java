package io.resettle.cli;

import io.resettle.money.Money;
import io.resettle.run.PeriodRuns;
import io.resettle.support.OutputFolders;
import io.resettle.support.RefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle demo}: ingest and settle every period of the data set, then a summary. */
@Command(name = "demo", sortOptions = false,
        description = "Ingest and settle every period of the data set (the sample data by default), then a summary.")
class DemoCommand extends SpringCommand {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "sample-data",
            description = "the data set folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        Path dataDir = ResettleCommandLine.absolute(data);
        Path out = ResettleCommandLine.absolute(outDir);
        String user = userOr(null);
        List<YearMonth> periods = periodsOf(dataDir);
        if (periods.isEmpty()) {
            throw new RefusedException("no periods under " + dataDir.resolve("exports"));
        }
        JobReport report = new JobReport(context, out(), err());
        IngestCommand ingest = new IngestCommand();
        ingest.root = root;
        SettleCommand settle = new SettleCommand();
        settle.root = root;
        int worst = ResettleCommandLine.OK;
        for (YearMonth period : periods) {
            worst = JobReport.worse(worst, ingest.ingest(context, report, period, dataDir, out, user));
            if (worst == ResettleCommandLine.FAILED || worst == ResettleCommandLine.REFUSED) {
                return worst;
            }
        }
        PeriodRuns runs = context.getBean(PeriodRuns.class);
        for (YearMonth period : periods) {
            if (runs.latest(period).filter(PeriodRuns.PeriodRun::completed).isPresent()) {
                out().printf("%s is already settled; not settling it again%n", period);
                continue;
            }
            worst = JobReport.worse(worst, settle.settle(context, report, period, false, false, out, user));
            if (worst == ResettleCommandLine.FAILED || worst == ResettleCommandLine.REFUSED) {
                return worst;
            }
        }
        printSettlementSummary(context, periods, out);
        // The demo shows breaks rather than failing on them: the sample data holds one on purpose.
        return worst == ResettleCommandLine.BREAKS ? ResettleCommandLine.OK : worst;
    }

    private void printSettlementSummary(ConfigurableApplicationContext context, List<YearMonth> periods, Path outDir) {
        ReportQueries queries = new ReportQueries(context.getBean(DataSource.class));
        PeriodRuns runs = context.getBean(PeriodRuns.class);
        out().println();
        out().printf("%-8s %-4s %-22s %9s %18s %7s  %s%n", "period", "rev", "status", "invoices", "net total", "breaks",
                "files");
        for (YearMonth period : periods) {
            var latest = runs.latest(period);
            if (latest.isEmpty()) {
                continue;
            }
            int revision = latest.get().revision();
            ReportQueries.InvoiceTotals totals = queries.invoiceTotals(period, revision);
            out().printf("%-8s r%-3d %-22s %9d %18s %7d  %s%n", period, revision, latest.get().status(),
                    totals.count(), Money.round2(totals.net()).toPlainString(), queries.breaks(period, revision),
                    OutputFolders.revision(outDir, period.toString(), revision));
        }
    }

    static List<YearMonth> periodsOf(Path data) throws IOException {
        Path exports = data.resolve("exports");
        if (!Files.isDirectory(exports)) {
            return List.of();
        }
        List<YearMonth> periods = new ArrayList<>();
        try (Stream<Path> folders = Files.list(exports)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try {
                    periods.add(YearMonth.parse(folder.getFileName().toString()));
                } catch (DateTimeParseException e) {
                    // not a period folder
                }
            }
        }
        periods.sort(null);
        return periods;
    }
}
