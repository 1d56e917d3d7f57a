package io.resettle.cli;

import io.resettle.run.JobRunner;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle restart}: resume a failed or killed run from its last committed chunk (R11.4). */
@Command(name = "restart", sortOptions = false, description = "Resume a failed or killed run from its last committed chunk.")
class RestartCommand extends SpringCommand {

    @Option(names = "--execution", required = true, paramLabel = "ID", description = "the job execution to resume")
    long execution;

    @Option(names = "--user", paramLabel = "NAME", description = "who runs it, for the audit log (default: the OS user)")
    String user;

    @Override
    int run(ConfigurableApplicationContext context) throws Exception {
        JobReport report = new JobReport(context, out(), err());
        return audited(context, userOr(user), "restart", "execution=" + execution, report, c -> {
            out().printf("Restarting execution %d%n", execution);
            return report.report(c.getBean(JobRunner.class).restart(execution));
        });
    }
}
