package io.resettle.cli;

import io.resettle.run.JobRunner;
import java.time.YearMonth;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle reopen}: allow re-runs of a closed period again, saying why (R11.5). */
@Command(name = "reopen", sortOptions = false, description = "Reopen a closed period, with the reason.")
class ReopenCommand extends SpringCommand {

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the billing month")
    YearMonth period;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why it is reopened (kept with the event)")
    String reason;

    @Option(names = "--user", paramLabel = "NAME", description = "who reopens it (default: the OS user)")
    String user;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        String who = userOr(user);
        return audited(context, who, "reopen", "period=" + period + " reason=" + reason,
                new JobReport(context, out(), err()), c -> {
                    c.getBean(JobRunner.class).reopen(period, reason, who);
                    out().printf("%s reopened%n", period);
                    return ResettleCommandLine.OK;
                });
    }
}
