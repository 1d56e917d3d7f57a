package io.resettle.masterdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 15: Resettle reads only regular files inside the data set and never follows a symbolic
 * link there (a link to {@code /etc/shadow} would put its lines into a report any viewer can
 * download). Lists the links among what a run reads: the master-data files, {@code policies/},
 * {@code formats/} and the period's {@code statements/}. Export files are judged one by one by the
 * ingest's scan (a link there is rejected as SYMBOLIC_LINK).
 */
public final class DataSetLinks {

    private static final List<String> TOP_LEVEL = List.of("groups.csv", "accounts.csv", "agreements.csv",
            "allocations.csv", "ambassadors.csv", "referrals.csv", "policies", "formats", "statements", "exports");

    private DataSetLinks() {
    }

    public static List<String> problems(Path dataDir, YearMonth period) {
        List<String> problems = new ArrayList<>();
        for (String name : TOP_LEVEL) {
            check(dataDir, dataDir.resolve(name), problems);
        }
        for (String folder : List.of("policies", "formats", "statements/" + period)) {
            Path dir = dataDir.resolve(folder);
            if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    entries.sorted().forEach(entry -> check(dataDir, entry, problems));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        check(dataDir, dataDir.resolve("statements"), problems);
        return problems.stream().distinct().toList();
    }

    private static void check(Path dataDir, Path path, List<String> problems) {
        if (Files.isSymbolicLink(path)) {
            problems.add(dataDir.relativize(path).toString().replace('\\', '/') + " is a symbolic link; Resettle reads"
                    + " only regular files inside the data set and does not follow links: put the file itself there");
        }
    }
}
