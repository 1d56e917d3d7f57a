package io.resettle.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code resettle}: the top command; holds what every command shares (streams, --debug, test properties). */
@Command(name = "resettle", sortOptions = false,
        description = "Settlement and reconciliation for cloud resellers (README, docs/).",
        subcommands = {
            IngestCommand.class, SettleCommand.class, DemoCommand.class, RestartCommand.class, ForecastCommand.class,
            CloseCommand.class, ReopenCommand.class, ServeCommand.class, GenerateCommand.class, BenchCommand.class,
            WorkerCommand.class,
            picocli.CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 completed, 3 completed with breaks, 1 failed, 2 refused.",
            "Each command has its own help: resettle <command> --help"})
public class ResettleCommand implements Callable<Integer> {

    final PrintStream out;
    final PrintStream err;
    final Map<String, Object> extraProperties;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the log and the stack trace of a failure on the console")
    boolean debug;

    ResettleCommand(PrintStream out, PrintStream err, Map<String, Object> extraProperties) {
        this.out = out;
        this.err = err;
        this.extraProperties = extraProperties;
    }

    /** {@code resettle} alone: the overview, and exit 2 (no command given). */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return ResettleCommandLine.REFUSED;
    }
}
