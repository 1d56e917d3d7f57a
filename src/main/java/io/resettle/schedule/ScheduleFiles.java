package io.resettle.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code jobs/*.yml}: one schedule per file, named after the file.
 * <pre>
 * job: settle
 * cron: "0 0 6 4 * *"      # second minute hour day-of-month month day-of-week
 * period: previous-month
 * zone: Asia/Shanghai      # optional, default UTC
 * </pre>
 */
public final class ScheduleFiles {

    private ScheduleFiles() {
    }

    public static List<Schedule> read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        List<Schedule> schedules = new ArrayList<>();
        for (Path file : files) {
            schedules.add(parse(file));
        }
        return schedules;
    }

    static Schedule parse(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.yml$", "");
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": expected job, cron and period");
            }
            String job = text(map, "job", file);
            String cron = text(map, "cron", file);
            Object zone = map.get("zone");
            try {
                return new Schedule(name, job, cron, new PeriodExpression(text(map, "period", file)),
                        zone == null ? ZoneId.of("UTC") : ZoneId.of(zone.toString()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String text(Map<?, ?> map, String key, Path file) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(file + ": missing '" + key + "'");
        }
        return value.toString();
    }
}
