package io.resettle.cli;

import io.resettle.run.JobRunner;
import java.time.YearMonth;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle close}: no re-run or ingest of a settled period until it is reopened (R11.5). */
@Command(name = "close", sortOptions = false, description = "Close a settled period: no re-run or ingest until reopened.")
class CloseCommand extends SpringCommand {

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the billing month")
    YearMonth period;

    @Option(names = "--user", paramLabel = "NAME", description = "who closes it (default: the OS user)")
    String user;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        String who = userOr(user);
        return audited(context, who, "close", "period=" + period, new JobReport(context, out(), err()), c -> {
            c.getBean(JobRunner.class).close(period, who);
            out().printf("%s closed%n", period);
            return ResettleCommandLine.OK;
        });
    }
}
