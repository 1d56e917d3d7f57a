package io.resettle.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a zip (an .xlsx) entry by entry, in the same order, with every entry's time set to one
 * given local time and no extra fields: POI stamps each entry with the clock, so two writes of the
 * same workbook differ by their zip headers alone. The time is written as a DOS date (local, no
 * zone), so the bytes do not depend on the machine's time zone either.
 */
public final class StableZip {

    private StableZip() {
    }

    /**
     * Writes a streamed workbook to {@code target} (a temporary name, then renamed) with POI's created
     * date and every zip entry time set to {@code time}, and disposes of its temporary files.
     */
    public static void save(org.apache.poi.xssf.streaming.SXSSFWorkbook workbook, Path target, LocalDateTime time) {
        Path raw = target.resolveSibling("." + target.getFileName() + ".raw");
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            stamp(workbook.getXSSFWorkbook(), time);
            try (OutputStream out = Files.newOutputStream(raw)) {
                workbook.write(out);
            }
            workbook.dispose();
            copy(raw, temporary, time);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(raw);
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the temporary copies of " + target, e);
            }
        }
    }

    /** POI's created date set to {@code time} and the creator to Resettle: the properties part, clock-free. */
    static void stamp(org.apache.poi.xssf.usermodel.XSSFWorkbook workbook, LocalDateTime time) {
        var core = workbook.getProperties().getCoreProperties();
        core.setCreated(java.util.Optional.of(java.util.Date.from(time.toInstant(java.time.ZoneOffset.UTC))));
        core.setCreator("Resettle");
    }

    /** A zip entry stamped with {@code time} as a DOS local time and nothing else. */
    static ZipEntry entry(String name, LocalDateTime time) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        return entry;
    }

    private static void copy(Path source, Path target, LocalDateTime entryTime) {
        try (ZipFile zip = new ZipFile(source.toFile());
                OutputStream out = Files.newOutputStream(target);
                ZipOutputStream stable = new ZipOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
            stable.setLevel(6);
            byte[] buffer = new byte[1 << 16];
            // in the order of the central directory, which is the order POI wrote them in
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                stable.putNextEntry(entry(entry.getName(), entryTime));
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                        stable.write(buffer, 0, read);
                    }
                }
                stable.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
