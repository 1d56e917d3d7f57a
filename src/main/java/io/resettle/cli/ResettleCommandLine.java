package io.resettle.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TimeZone;
import picocli.CommandLine;

/**
 * The {@code resettle} command line (picocli): one class per command under this package, typed
 * options, every unknown or misspelt option refused naming the nearest valid one, and the exit
 * codes of io-contract §4: 0 completed, 3 completed with breaks, 1 failed, 2 refused.
 *
 * <p>To add a command: write a class extending {@link SpringCommand} (or {@link PlainCommand} if it
 * needs no database) annotated with {@code @Command(name = ...)}, and list it in
 * {@link ResettleCommand}'s subcommands. To add an option: an annotated field on the command.
 */
public final class ResettleCommandLine {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    public static final int BREAKS = 3;

    private ResettleCommandLine() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /** Runs one command; {@code extraProperties} are Spring properties (tests use them for fault injection). */
    public static int run(String[] args, Map<String, Object> extraProperties) {
        return run(args, extraProperties, System.out, System.err);
    }

    /** As {@link #run(String[], Map)}, printing to the given streams. */
    public static int run(String[] args, Map<String, Object> extraProperties, PrintStream out, PrintStream err) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        ResettleCommand root = new ResettleCommand(out, err, extraProperties);
        return commandLine(root, out, err).execute(args);
    }

    static CommandLine commandLine(ResettleCommand root, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.registerConverter(YearMonth.class, ResettleCommandLine::month);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(ResettleCommandLine::badArguments);
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> Failures.report(e, root));
        commandLine.setExitCodeExceptionMapper(e -> REFUSED);
        return commandLine;
    }

    static YearMonth month(String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a month YYYY-MM");
        }
    }

    /** Bad arguments: what is wrong, the nearest valid option or command, and where the help is. Exit 2. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("resettle: refused: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            String nearest = nearest(command, unmatched.getUnmatched());
            if (nearest == null && !unmatched.getSuggestions().isEmpty()) {
                nearest = unmatched.getSuggestions().get(0);
            }
            if (nearest != null) {
                err.println("  did you mean: " + nearest + "?");
            }
        }
        err.println("  see: " + command.getCommandSpec().qualifiedName() + " --help");
        return REFUSED;
    }

    /**
     * The valid option (or, at the top, command) nearest to the first unknown argument by edit
     * distance; null when none is near (more than half its letters differ).
     */
    static String nearest(CommandLine command, java.util.List<String> unmatched) {
        if (unmatched.isEmpty()) {
            return null;
        }
        String wrong = unmatched.get(0);
        int equals = wrong.indexOf('=');
        if (equals > 0) {
            wrong = wrong.substring(0, equals);
        }
        java.util.List<String> candidates = new java.util.ArrayList<>();
        if (wrong.startsWith("-")) {
            command.getCommandSpec().options().forEach(o -> candidates.addAll(java.util.List.of(o.names())));
        } else {
            candidates.addAll(command.getSubcommands().keySet());
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(wrong, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        String bare = wrong.replaceFirst("^-+", "");
        return best != null && bestDistance <= Math.max(2, bare.length() / 2) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A path option as the commands use it: absolute and normalised. */
    static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
