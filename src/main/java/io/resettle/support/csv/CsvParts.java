package io.resettle.support.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * One output file written in parts while a chunked step runs, and put together when the files are
 * written: the rebate slices of the GRADUATED walk, one part per program and scope, each appended
 * in event order. Writing them to the database and sorting them back took a quarter of the walk's
 * time (docs/performance.md).
 *
 * <p>What every part held at the last committed chunk ({@link #state()}) is saved with the chunk,
 * so a restart cuts off what a failed chunk appended ({@link #restore}) and the file comes out
 * byte for byte the same; putting the file together reads only the saved bytes of each part.
 *
 * <p>Above 250 lines as one job: appending, the saved state and putting the parts together must
 * agree on the parts' byte lengths, which is easiest to check in one class.
 */
public final class CsvParts {

    private static final String KEYS = "keys";

    private final Path folder;
    private final List<String> totalNames;
    /** By key, in the order the parts were created: a part's file is named by its place. */
    private final Map<String, Part> parts = new LinkedHashMap<>();

    private static final class Part {
        private final Path file;
        private long bytes;
        private long rows;
        private final BigDecimal[] totals;

        private Part(Path file, int totals) {
            this.file = file;
            this.totals = new BigDecimal[totals];
            java.util.Arrays.fill(this.totals, BigDecimal.ZERO);
        }
    }

    private CsvParts(Path folder, List<String> totalNames) {
        this.folder = folder;
        this.totalNames = List.copyOf(totalNames);
    }

    /** Where the parts of {@code fileName} are kept beside it until the file is written. */
    public static Path folderOf(Path revisionFolder, String fileName) {
        return revisionFolder.resolve("." + fileName + ".parts");
    }

    /** No parts: whatever an earlier attempt left in {@code folder} is removed. */
    public static CsvParts empty(Path folder, List<String> totalNames) {
        deleteFolder(folder);
        return new CsvParts(folder, totalNames);
    }

    /**
     * The parts as a saved state records them, every part file cut back to its saved length and
     * those created after the state removed. Refuses, naming the part, when a part is shorter
     * than saved: then rows of a committed chunk were lost and only a new revision can tell.
     */
    public static CsvParts restore(Path folder, List<String> totalNames, Map<String, String> state) {
        CsvParts parts = saved(folder, totalNames, state);
        try {
            Files.createDirectories(folder);
            List<Path> known = parts.parts.values().stream().map(p -> p.file).toList();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    if (!known.contains(file)) {
                        Files.delete(file);
                    }
                }
            }
            for (Part part : parts.parts.values()) {
                try (FileChannel channel = FileChannel.open(part.file, StandardOpenOption.WRITE)) {
                    channel.truncate(part.bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the parts in " + folder, e);
        }
        return parts;
    }

    /** The parts as a saved state records them, checked against the files but left as they are. */
    public static CsvParts saved(Path folder, List<String> totalNames, Map<String, String> state) {
        CsvParts parts = new CsvParts(folder, totalNames);
        String keys = state.getOrDefault(KEYS, "");
        int number = 0;
        for (String key : keys.isEmpty() ? new String[0] : keys.split("\n", -1)) {
            number++;
            Part part = new Part(folder.resolve(number + ".part"), totalNames.size());
            part.bytes = Long.parseLong(state.get(number + ".bytes"));
            part.rows = Long.parseLong(state.get(number + ".rows"));
            for (int i = 0; i < totalNames.size(); i++) {
                part.totals[i] = new BigDecimal(state.get(number + ".total." + i));
            }
            long onDisk;
            try {
                onDisk = Files.exists(part.file) ? Files.size(part.file) : -1;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + part.file, e);
            }
            if (onDisk < part.bytes) {
                throw new IllegalStateException("part " + part.file + " (" + key.replace('\t', ' ') + ") holds "
                        + (onDisk < 0 ? "nothing" : onDisk + " bytes") + " but " + part.bytes
                        + " were committed: it was changed or lost after its chunk; settle the period again with --rerun");
            }
            parts.parts.put(key, part);
        }
        return parts;
    }

    /** Appends rows to the part of {@code key} (created on first use), with their totals in the order of the total names. */
    public void append(String key, CsvOutput.Rows rows, BigDecimal... totals) {
        Map<String, CsvOutput.Rows> one = new LinkedHashMap<>();
        one.put(key, rows);
        appendAll(one, Map.of(key, totals));
    }

    /**
     * {@link #append} for several parts, in the map's order (new parts are numbered in it), each
     * with its totals. Every part written is forced to disk before this returns, as one append
     * does, but the parts' fsyncs wait on the disk together: one after the other they took a few
     * milliseconds each, for every part of every chunk (a GROUP-scope walk writes a part per
     * group, issue 20).
     */
    public void appendAll(Map<String, CsvOutput.Rows> rows, Map<String, BigDecimal[]> totals) {
        List<Path> written = new ArrayList<>();
        boolean created = false;
        for (Map.Entry<String, CsvOutput.Rows> entry : rows.entrySet()) {
            if (entry.getValue().count() == 0) {
                continue;
            }
            created |= !parts.containsKey(entry.getKey());
            written.add(write(entry.getKey(), entry.getValue(), totals.get(entry.getKey())));
        }
        if (written.isEmpty()) {
            return;
        }
        List<Future<?>> forced = new ArrayList<>();
        for (Path file : written) {
            // On disk before the chunk that records the new length commits, even if the machine stops.
            forced.add(FORCE.submit(() -> {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(false);
                }
                return null;
            }));
        }
        for (Future<?> force : forced) {
            try {
                force.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the parts in " + folder, e);
            } catch (ExecutionException e) {
                throw new UncheckedIOException("cannot write the parts in " + folder,
                        e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            }
        }
        if (created) {
            forceDirectory(folder);
        }
    }

    /** Threads that wait on the parts' fsyncs (daemons: they hold nothing between chunks). */
    private static final ExecutorService FORCE = Executors.newFixedThreadPool(16, task -> {
        Thread thread = new Thread(task, "csv-parts-force");
        thread.setDaemon(true);
        return thread;
    });

    /** Writes rows at the part's saved length (not forced yet) and counts them in; the part's file. */
    private Path write(String key, CsvOutput.Rows rows, BigDecimal[] totals) {
        Part part = parts.computeIfAbsent(key, k -> new Part(folder.resolve((parts.size() + 1) + ".part"),
                totalNames.size()));
        byte[] bytes = rows.text().toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(part.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // At the saved length, not the file's end: what a failed write left after it is overwritten.
                channel.position(part.bytes);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.truncate(part.bytes + bytes.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part.file, e);
        }
        part.bytes += bytes.length;
        part.rows += rows.count();
        for (int i = 0; i < totals.length; i++) {
            part.totals[i] = part.totals[i].add(totals[i]);
        }
        return part.file;
    }

    /** What to save with a chunk: every part's key, length, rows and totals. */
    public Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(KEYS, String.join("\n", parts.keySet()));
        int number = 0;
        for (Part part : parts.values()) {
            number++;
            state.put(number + ".bytes", Long.toString(part.bytes));
            state.put(number + ".rows", Long.toString(part.rows));
            for (int i = 0; i < part.totals.length; i++) {
                state.put(number + ".total." + i, part.totals[i].toPlainString());
            }
        }
        return state;
    }

    /** The file put together: its rows and totals, for the manifest. */
    public record Written(long rows, Map<String, BigDecimal> totals) {
    }

    /**
     * Writes the header and then the parts in key order to {@code target} (a temporary name, then
     * renamed), reading only the saved bytes of each part.
     */
    public Written writeTo(Path target, Comparator<String> keyOrder, String... header) {
        List<String> keys = new ArrayList<>(parts.keySet());
        keys.sort(keyOrder);
        CsvOutput.writeWhole(target, header, out -> {
            for (String key : keys) {
                try (InputStream in = Files.newInputStream(parts.get(key).file)) {
                    copy(in, out, parts.get(key).bytes);
                }
            }
        });
        long rows = 0;
        BigDecimal[] totals = new BigDecimal[totalNames.size()];
        java.util.Arrays.fill(totals, BigDecimal.ZERO);
        for (Part part : parts.values()) {
            rows += part.rows;
            for (int i = 0; i < totals.length; i++) {
                totals[i] = totals[i].add(part.totals[i]);
            }
        }
        Map<String, BigDecimal> named = new LinkedHashMap<>();
        for (int i = 0; i < totals.length; i++) {
            named.put(totalNames.get(i), totals[i]);
        }
        return new Written(rows, named);
    }

    /** Removes the parts in {@code folder}, and the folder, once the file is written for good. */
    public static void remove(Path folder) {
        deleteFolder(folder);
    }

    /** A new file's name is on disk once its folder is flushed (Linux; elsewhere opening a folder may fail). */
    private static void forceDirectory(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform: the part's own force is what can be done
        }
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("part ended " + left + " bytes early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void deleteFolder(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
        }
    }
}
