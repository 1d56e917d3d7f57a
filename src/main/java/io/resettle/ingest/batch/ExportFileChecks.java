package io.resettle.ingest.batch;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

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
        long offset = firstNul(file);
        return offset < 0 ? 0 : linesBefore(file, offset) + 1;
    }

    /**
     * The offset of the first NUL byte, or -1: eight bytes at a time (a word has a zero byte iff
     * {@code (w - 0x01..01) & ~w & 0x80..80} is not zero): every export is read through here before
     * any of its rows is, so this loop runs over every byte ingested.
     */
    private static long firstNul(Path file) throws IOException {
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                int i = 0;
                for (; i + Long.BYTES <= read; i += Long.BYTES) {
                    long word = (long) LONGS.get(buffer, i);
                    if (((word - ONES) & ~word & HIGHS) != 0) {
                        break;
                    }
                }
                for (; i < read; i++) {
                    if (buffer[i] == 0) {
                        return offset + i;
                    }
                }
                offset += read;
            }
        }
        return -1;
    }

    /** Line feeds in the first {@code length} bytes of the file. */
    private static long linesBefore(Path file, long length) throws IOException {
        long lines = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                left -= read;
            }
        }
        return lines;
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
