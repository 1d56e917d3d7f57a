package io.resettle.support.csv;

import java.io.IOException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One output file written in parts while a chunked step runs, and put together when the files are
 * written: the rebate slices of the GRADUATED walk, one part per program and scope, each appended
 * in event order. Writing them to the database and sorting them back took a quarter of the walk's
 * time (docs/performance.md).
 *
 * <p>The parts share one append-only journal: a chunk appends a block per part it wrote (the part's
 * number, the block's length, its rows) and forces the journal once. A file per part cost a
 * GROUP-scope walk an open and an fsync per group and chunk (docs/performance.md, issue 20).
 *
 * <p>The journal's length and every part's rows and totals at the last committed chunk
 * ({@link #state()}) are saved with the chunk, so a restart cuts off what a failed chunk appended
 * ({@link #restore}) and the file comes out byte for byte the same; putting the file together reads
 * only the saved length of the journal, each part's blocks in the order they were appended.
 *
 * <p>Above 250 lines as one job: appending, the saved state and putting the parts together must
 * agree on the journal's layout, which is easiest to check in one class.
 */
public final class CsvParts {

    private static final String KEYS = "keys";
    private static final String JOURNAL_BYTES = "journal.bytes";
    /** A block's head: the part's number and the length of its rows, two ints. */
    private static final int BLOCK_HEAD = 8;
    /** What the saved state holds: lengths and row counts, and totals as {@code toPlainString} prints them. */
    private static final Pattern COUNT = Pattern.compile("\\d{1,18}");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Path folder;
    private final Path journal;
    private final List<String> totalNames;
    /** By key, in the order the parts were created: a part's number is its place. */
    private final Map<String, Part> parts = new LinkedHashMap<>();
    /** The journal's length this object has written or restored: where the next block goes. */
    private long journalBytes;
    private boolean directoryForced;

    private static final class Part {
        private final int number;
        private long rows;
        private final BigDecimal[] totals;

        private Part(int number, int totals) {
            this.number = number;
            this.totals = new BigDecimal[totals];
            java.util.Arrays.fill(this.totals, BigDecimal.ZERO);
        }
    }

    private CsvParts(Path folder, List<String> totalNames) {
        this.folder = folder;
        this.journal = folder.resolve("journal");
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
     * The parts as a saved state records them, the journal cut back to its saved length and any
     * other file in the folder removed. Refuses when the journal is shorter than saved: then rows of
     * a committed chunk were lost and only a new revision can tell.
     */
    public static CsvParts restore(Path folder, List<String> totalNames, Map<String, String> state) {
        CsvParts parts = saved(folder, totalNames, state);
        try {
            Files.createDirectories(folder);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    if (!file.equals(parts.journal)) {
                        Files.delete(file);
                    }
                }
            }
            if (Files.exists(parts.journal)) {
                try (FileChannel channel = FileChannel.open(parts.journal, StandardOpenOption.WRITE)) {
                    channel.truncate(parts.journalBytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the parts in " + folder, e);
        }
        return parts;
    }

    /**
     * The parts as a saved state records them, checked against the journal but left as they are. A
     * state saved before the journal (a file per part) is refused: its parts are not in a journal.
     */
    public static CsvParts saved(Path folder, List<String> totalNames, Map<String, String> state) {
        CsvParts parts = new CsvParts(folder, totalNames);
        String keys = state.getOrDefault(KEYS, "");
        if (!keys.isEmpty() && !state.containsKey(JOURNAL_BYTES)) {
            throw new IllegalStateException("the parts in " + folder + " were saved by an older version of Resettle,"
                    + " a file per part: finish the run with that version, or settle the period again with --rerun");
        }
        parts.journalBytes = Long.parseLong(savedValue(folder, state, JOURNAL_BYTES, "0", COUNT));
        int number = 0;
        for (String key : keys.isEmpty() ? new String[0] : keys.split("\n", -1)) {
            number++;
            Part part = new Part(number, totalNames.size());
            part.rows = Long.parseLong(savedValue(folder, state, number + ".rows", null, COUNT));
            for (int i = 0; i < totalNames.size(); i++) {
                part.totals[i] = new BigDecimal(savedValue(folder, state, number + ".total." + i, null, AMOUNT));
            }
            if (part.rows > 0 && parts.journalBytes == 0) {
                throw damaged(folder, "part " + number + " has " + part.rows + " rows in an empty journal");
            }
            parts.parts.put(key, part);
        }
        long onDisk;
        try {
            onDisk = Files.exists(parts.journal) ? Files.size(parts.journal) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + parts.journal, e);
        }
        if (parts.journalBytes > 0 && onDisk < parts.journalBytes) {
            throw new IllegalStateException("the journal " + parts.journal + " holds "
                    + (onDisk < 0 ? "nothing" : onDisk + " bytes") + " but " + parts.journalBytes
                    + " were committed: it was changed or lost after its chunk; settle the period again with --rerun");
        }
        return parts;
    }

    /** A value of the saved state of {@code shape}; its default when absent, or null if it must be there. */
    private static String savedValue(Path folder, Map<String, String> state, String name, String absent,
            Pattern shape) {
        String value = state.getOrDefault(name, absent);
        if (value == null || !shape.matcher(value).matches()) {
            throw damaged(folder, "its saved " + name + " is " + (value == null ? "missing" : "'" + value + "'"));
        }
        return value;
    }

    private static IllegalStateException damaged(Path folder, String what) {
        return new IllegalStateException("the saved state of the parts in " + folder + " is damaged (" + what
                + "); settle the period again with --rerun");
    }

    /** Appends rows to the part of {@code key} (created on first use), with their totals in the order of the total names. */
    public void append(String key, CsvOutput.Rows rows, BigDecimal... totals) {
        Map<String, CsvOutput.Rows> one = new LinkedHashMap<>();
        one.put(key, rows);
        appendAll(one, Map.of(key, totals));
    }

    /**
     * {@link #append} for several parts, in the map's order (new parts are numbered in it), each
     * with its totals: a block each at the journal's saved length, then one force of the journal
     * before this returns, so the blocks are on disk before the chunk that records them commits.
     */
    public void appendAll(Map<String, CsvOutput.Rows> rows, Map<String, BigDecimal[]> totals) {
        List<String> written = rows.keySet().stream().filter(key -> rows.get(key).count() > 0).toList();
        if (written.isEmpty()) {
            return;
        }
        // New parts are numbered here but kept only once their blocks are written.
        Map<String, Integer> numbers = new HashMap<>();
        int next = parts.size();
        for (String key : written) {
            Part part = parts.get(key);
            numbers.put(key, part != null ? part.number : ++next);
        }
        long end = journalBytes;
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // At the saved length, not the file's end: what a failed write left after it is overwritten.
                channel.position(journalBytes);
                for (String key : written) {
                    byte[] bytes = rows.get(key).text().toString().getBytes(StandardCharsets.UTF_8);
                    ByteBuffer head = ByteBuffer.allocate(BLOCK_HEAD).putInt(numbers.get(key)).putInt(bytes.length)
                            .flip();
                    writeFully(channel, head);
                    writeFully(channel, ByteBuffer.wrap(bytes));
                    end += BLOCK_HEAD + (long) bytes.length;
                }
                channel.truncate(end);
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + journal, e);
        }
        if (!directoryForced) {
            // The journal's name on disk too, once for this object: it may have been created by a
            // write that failed, or by an earlier attempt whose folder was never forced.
            forceDirectory(folder);
            directoryForced = true;
        }
        journalBytes = end;
        for (String key : written) {
            Part part = parts.computeIfAbsent(key, k -> new Part(numbers.get(k), totalNames.size()));
            part.rows += rows.get(key).count();
            BigDecimal[] partTotals = totals.get(key);
            for (int i = 0; i < partTotals.length; i++) {
                part.totals[i] = part.totals[i].add(partTotals[i]);
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** What to save with a chunk: the journal's length, every part's key, rows and totals. */
    public Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(KEYS, String.join("\n", parts.keySet()));
        state.put(JOURNAL_BYTES, Long.toString(journalBytes));
        for (Part part : parts.values()) {
            state.put(part.number + ".rows", Long.toString(part.rows));
            for (int i = 0; i < part.totals.length; i++) {
                state.put(part.number + ".total." + i, part.totals[i].toPlainString());
            }
        }
        return state;
    }

    /** The file put together: its rows and totals, for the manifest. */
    public record Written(long rows, Map<String, BigDecimal> totals) {
    }

    /**
     * Writes the header and then the parts in key order to {@code target} (a temporary name, then
     * renamed), each part's blocks in the order they were appended, reading only the journal's
     * saved length.
     */
    public Written writeTo(Path target, Comparator<String> keyOrder, String... header) {
        List<String> keys = new ArrayList<>(parts.keySet());
        keys.sort(keyOrder);
        CsvOutput.writeWhole(target, header, out -> {
            if (journalBytes == 0) {
                return;
            }
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
                Map<Integer, List<long[]>> blocks = blocksByPart(channel);
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                for (String key : keys) {
                    for (long[] block : blocks.getOrDefault(parts.get(key).number, List.of())) {
                        copy(channel, block[0], block[1], buffer, out);
                    }
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

    /** Each part's blocks (offset of the rows, their length) in journal order, up to the saved length. */
    private Map<Integer, List<long[]>> blocksByPart(FileChannel channel) throws IOException {
        Map<Integer, List<long[]>> blocks = new HashMap<>();
        ByteBuffer head = ByteBuffer.allocate(BLOCK_HEAD);
        long position = 0;
        while (position < journalBytes) {
            head.clear();
            readFully(channel, head, position);
            int number = head.getInt(0);
            int length = head.getInt(4);
            long rowsAt = position + BLOCK_HEAD;
            if (number < 1 || number > parts.size() || length < 0 || rowsAt + length > journalBytes) {
                throw new IllegalStateException("the journal " + journal + " is damaged at byte " + position
                        + "; settle the period again with --rerun");
            }
            blocks.computeIfAbsent(number, n -> new ArrayList<>()).add(new long[] {rowsAt, length});
            position = rowsAt + length;
        }
        return blocks;
    }

    private void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException(journal + " ended at byte " + at + ", before its saved length");
            }
            at += read;
        }
    }

    private void copy(FileChannel channel, long position, long length, ByteBuffer buffer, OutputStream out)
            throws IOException {
        long at = position;
        long left = length;
        while (left > 0) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), left));
            readFully(channel, buffer, at);
            out.write(buffer.array(), 0, buffer.limit());
            at += buffer.limit();
            left -= buffer.limit();
        }
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
            // not supported on this platform: the journal's own force is what can be done
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
