package io.resettle.ingest.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;

/**
 * The byte- and header-level looks at an export that decide whether it is rejected whole before
 * any row is read (R2.5): NUL bytes, repeated column names, and the line and record counts a
 * file rejected whole reports.
 */
final class ExportFileChecks {

    private ExportFileChecks() {
    }

    /**
     * Column names that repeat, compared as the header lookup compares them (trimmed, any letter
     * case, BOM removed), each as "PretaxAmount (columns 13, 21)". Empty names are not compared.
     */
    static List<String> duplicateColumns(List<String> names) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String key = names.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (!key.isEmpty()) {
                positions.computeIfAbsent(key, k -> new ArrayList<>()).add(i + 1);
            }
        }
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String key = names.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            List<Integer> at = positions.get(key);
            if (at != null && at.size() > 1 && at.get(0) == i + 1) {
                duplicates.add(names.get(i).strip() + " (columns " + at.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        return duplicates;
    }

    static long countRecords(Iterator<CSVRecord> records) {
        long count = 0;
        try {
            while (records.hasNext()) {
                records.next();
                count++;
            }
        } catch (RuntimeException e) {
            // A file already rejected whole: its row count is informative only.
        }
        return count;
    }

    /** The 1-based line of the first NUL byte, or 0 when there is none. */
    static long firstLineWithNul(Path file) throws IOException {
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == 0) {
                        return line;
                    }
                    if (buffer[i] == '\n') {
                        line++;
                    }
                }
            }
        }
        return 0;
    }

    static long countLines(Path file) throws IOException {
        long lines = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            int last = '\n';
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
            if (last != '\n') {
                lines++;
            }
        }
        return Math.max(0, lines - 1);
    }
}
