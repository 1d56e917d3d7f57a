package io.resettle.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Effective dating of policy files (io-contract §1): the latest {@code policies/YYYY-MM.yml} not after the period. */
public final class PolicyFiles {

    private PolicyFiles() {
    }

    /** Every policy file of the data set by the month it takes effect. */
    public static TreeMap<YearMonth, Path> list(Path dataDir) throws IOException {
        TreeMap<YearMonth, Path> files = new TreeMap<>();
        Path folder = dataDir.resolve("policies");
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".yml") && !name.endsWith(".yaml")) {
                    continue;
                }
                String month = name.substring(0, name.lastIndexOf('.'));
                try {
                    files.put(YearMonth.parse(month), file);
                } catch (DateTimeParseException e) {
                    throw new PolicyException("policies/" + name, java.util.List.of("the file name must be YYYY-MM.yml"));
                }
            }
        }
        return files;
    }

    public static Optional<Path> inForce(Path dataDir, YearMonth period) throws IOException {
        return Optional.ofNullable(list(dataDir).floorEntry(period)).map(java.util.Map.Entry::getValue);
    }
}
