package io.resettle.cli;

import io.resettle.run.JobRunner;
import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle settle}: price, invoice, accrue, pay out and reconcile a period. */
@Command(name = "settle", sortOptions = false,
        description = "Price, invoice, pay out and reconcile a period; each step and its progress is shown.")
class SettleCommand extends SpringCommand {

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the billing month")
    YearMonth period;

    @Option(names = "--rerun", description = "settle a settled period again as revision n+1 (R11.1)")
    boolean rerun;

    @Option(names = "--force", description = "settle despite quarantined files, without their rows (R2.6)")
    boolean force;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir;

    @Option(names = "--user", paramLabel = "NAME", description = "who runs it, for the audit log (default: the OS user)")
    String user;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        return settle(context, new JobReport(context, out(), err()), period, rerun, force,
                ResettleCommandLine.absolute(outDir), userOr(user));
    }

    /** Shared with demo. */
    int settle(ConfigurableApplicationContext context, JobReport report, YearMonth period, boolean rerun, boolean force,
            Path outDir, String user) throws Exception {
        String parameters = "period=" + period + (rerun ? " rerun" : "") + (force ? " force" : "");
        return audited(context, user, rerun ? "rerun" : "settle", parameters, report, c -> {
            out().printf("Settling %s%s%n", period, rerun ? " (re-run)" : "");
            return report.report(c.getBean(JobRunner.class).settle(period, rerun, force, outDir.toString()));
        });
    }
}
