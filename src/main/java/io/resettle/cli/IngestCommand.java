package io.resettle.cli;

import io.resettle.run.JobRunner;
import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle ingest}: read the period's billing exports and the master data. */
@Command(name = "ingest", sortOptions = false,
        description = "Read the period's billing exports and the master data (refused while the period runs or is closed).")
class IngestCommand extends SpringCommand {

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the billing month")
    YearMonth period;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "sample-data",
            description = "the data set folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--user", paramLabel = "NAME", description = "who runs it, for the audit log (default: the OS user)")
    String user;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        return ingest(context, new JobReport(context, out(), err()), period, ResettleCommandLine.absolute(data),
                ResettleCommandLine.absolute(outDir), userOr(user));
    }

    /** Shared with demo. */
    int ingest(ConfigurableApplicationContext context, JobReport report, YearMonth period, Path data, Path outDir,
            String user) throws Exception {
        return audited(context, user, "ingest", "period=" + period, report, c -> {
            out().printf("Ingesting %s from %s%n", period, data);
            return report.report(c.getBean(JobRunner.class).ingest(period, data.toString(), outDir.toString()));
        });
    }
}
