package io.resettle.bench;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code resettle bench}, parsed here so that the command line only hands them on:
 * {@code --lines N [--groups G] [--sub-accounts S] [--seed K] [--db URL] [--json FILE]
 * [--sweep sub-accounts] [--policy FILE] [--warm-up R]}. {@code --policy} replaces the generated policy file with
 * another (to time a program the example policy lacks, e.g. a GROUP-scope GRADUATED one).
 * {@code --warm-up R} first runs the same bench R times unmeasured in the same JVM, so the measured
 * run shows a JVM that has loaded and compiled its code, as {@code resettle serve}'s scheduler is
 * after its first run; without it the run pays the start, as a command-line launch does.
 *
 * <p>Without {@code --groups} and {@code --sub-accounts} the data set has a real agent's shape:
 * 2,000 groups and 20,000 sub-accounts per million lines (ten sub-accounts a group, fifty lines a
 * sub-account), at least 10 groups and 40 sub-accounts. {@code --sweep sub-accounts} runs the bench
 * at 40, 2,000, 20,000 and 200,000 sub-accounts (ten a group, at least 10 groups) at the given
 * lines and prints how each step's time grows.
 */
public record BenchOptions(long lines, int groups, int subAccounts, long seed, String db, Path json, boolean sweep,
        Path policy, int warmUps) {

    static final int GROUPS_PER_MILLION_LINES = 2_000;
    static final int SUB_ACCOUNTS_PER_MILLION_LINES = 20_000;
    static final int MIN_GROUPS = 10;
    static final int MIN_SUB_ACCOUNTS = 40;
    /** The sweep's sizes, as in issue 20's table. */
    static final List<Integer> SWEEP_SUB_ACCOUNTS = List.of(40, 2_000, 20_000, 200_000);

    private static final Set<String> KNOWN = Set.of("lines", "groups", "sub-accounts", "seed", "db", "json", "sweep", "policy", "warm-up");

    /** Parses the arguments after the command name; an unknown or malformed option is refused with its name. */
    public static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !KNOWN.contains(arg.substring(2))) {
                throw new IllegalArgumentException("bench: unknown option '" + arg + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("bench: " + arg + " needs a value");
            }
            values.put(arg.substring(2), args[++i]);
        }
        if (!values.containsKey("lines")) {
            throw new IllegalArgumentException("bench needs --lines");
        }
        long lines = number(values, "lines");
        boolean sweep = false;
        if (values.containsKey("sweep")) {
            if (!values.get("sweep").equals("sub-accounts")) {
                throw new IllegalArgumentException("bench: --sweep " + values.get("sweep")
                        + " is not known (the one sweep is --sweep sub-accounts)");
            }
            if (values.containsKey("db")) {
                throw new IllegalArgumentException("bench: --sweep sub-accounts needs a fresh database per run (no --db)");
            }
            if (values.containsKey("groups") || values.containsKey("sub-accounts")) {
                throw new IllegalArgumentException("bench: --sweep sub-accounts chooses the groups and sub-accounts itself");
            }
            sweep = true;
        }
        int groups = values.containsKey("groups") ? (int) number(values, "groups") : defaultGroups(lines);
        int subAccounts = values.containsKey("sub-accounts") ? (int) number(values, "sub-accounts")
                : Math.max(groups, defaultSubAccounts(lines));
        long seed = values.containsKey("seed") ? number(values, "seed") : 1;
        int warmUps = values.containsKey("warm-up") ? (int) number(values, "warm-up") : 0;
        if (warmUps > 0 && (sweep || values.containsKey("db"))) {
            throw new IllegalArgumentException("bench: --warm-up needs a fresh database per run, without --sweep or --db"
                    + " (a sweep's later points run warm already)");
        }
        return new BenchOptions(lines, groups, subAccounts, seed, values.get("db"),
                path(values, "json"), sweep, path(values, "policy"), warmUps);
    }

    static int defaultGroups(long lines) {
        return (int) Math.max(MIN_GROUPS, Math.round(lines / 1e6 * GROUPS_PER_MILLION_LINES));
    }

    static int defaultSubAccounts(long lines) {
        return (int) Math.max(MIN_SUB_ACCOUNTS, Math.round(lines / 1e6 * SUB_ACCOUNTS_PER_MILLION_LINES));
    }

    /** The groups of a sweep point: ten sub-accounts a group, at least 10 groups. */
    static int sweepGroups(int subAccounts) {
        return Math.max(MIN_GROUPS, subAccounts / 10);
    }

    /** The unmeasured runs before the measured one: the same data set, each its own database, no JSON. */
    public List<Bench.Settings> warmUpRuns() {
        return Collections.nCopies(warmUps, new Bench.Settings(lines, groups, subAccounts, seed, null, null, policy));
    }

    /** One bench run: the options themselves, or each point of the sweep. */
    public List<Bench.Settings> runs() {
        if (!sweep) {
            return List.of(new Bench.Settings(lines, groups, subAccounts, seed, db, json, policy));
        }
        return SWEEP_SUB_ACCOUNTS.stream()
                .map(s -> new Bench.Settings(lines, sweepGroups(s), s, seed, db, null, policy)).toList();
    }

    private static Path path(Map<String, String> values, String key) {
        return values.containsKey(key) ? Path.of(values.get(key)).toAbsolutePath().normalize() : null;
    }

    private static long number(Map<String, String> values, String key) {
        try {
            long value = Long.parseLong(values.get(key));
            if (value < 0 || (!key.equals("lines") && !key.equals("seed") && value > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench: --" + key + " " + values.get(key) + " is not a whole number in range");
        }
    }
}
