package io.resettle.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A command that needs no database of its own (generate, bench). */
abstract class PlainCommand implements Callable<Integer> {

    @ParentCommand
    ResettleCommand root;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "show this command's help")
    boolean help;

    PrintStream out() {
        return root.out;
    }

    PrintStream err() {
        return root.err;
    }
}
