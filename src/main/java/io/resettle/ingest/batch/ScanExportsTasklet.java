package io.resettle.ingest.batch;

import io.resettle.ingest.ExportFormat;
import io.resettle.ingest.ExportFormats;
import io.resettle.ingest.FileStatus;
import io.resettle.ingest.batch.IngestStore.FileRecord;
import io.resettle.masterdata.DataSetException;
import io.resettle.support.Hashing;
import io.resettle.support.csv.ExportEncoding;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Makes the period's files what the export folder holds now (R2.7, issue 15). Every entry of
 * {@code exports/<period>/} is listed: a {@code *.csv} regular file is an export; a symbolic link
 * is never followed and rejected whole (SYMBOLIC_LINK); anything else (another extension, a hidden
 * file, a folder) is IGNORED with its reason. A file ingested before and gone now is REMOVED, its
 * rows forgotten. An export is skipped when its content (SHA-256) and the basis it was judged on
 * (the policy in force and the sub-accounts, {@link #basis}) are both unchanged; otherwise it is
 * rejected whole when its encoding, format or columns are unusable (R2.5: NUL bytes, a duplicate
 * column) or marked PENDING for this ingest's generation, forgetting what an earlier version
 * produced.
 */
class ScanExportsTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ScanExportsTasklet.class);

    /** Read by the reader: how to parse the file. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private final IngestStore store;
    private final Path dataDir;
    private final YearMonth period;
    private final long generation;
    private final Supplier<String> basis;
    private String currentBasis;
    private ExportFormats formats;

    ScanExportsTasklet(IngestStore store, Path dataDir, YearMonth period, long generation, Supplier<String> basis) {
        this.store = store;
        this.dataDir = dataDir;
        this.period = period;
        this.generation = generation;
        this.basis = basis;
    }

    /** What the folder holds: exports to read, and entries listed with what was done with them. */
    record FolderEntry(Path path, String name, FileStatus status, String note) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        // The data set's own format definitions are validated before any row of any file is read.
        formats = IngestFormats.load(dataDir);
        List<FolderEntry> entries = entries(dataDir, period);
        currentBasis = basis.get();
        Map<String, FolderEntry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        for (FileRecord known : store.files(period)) {
            if (!byName.containsKey(known.file())) {
                forget(known);
            }
        }
        for (FolderEntry entry : entries) {
            Optional<FileRecord> known = store.file(period, entry.name());
            if (entry.status() == FileStatus.IGNORED) {
                if (known.isEmpty() || known.get().status() != FileStatus.IGNORED
                        || !entry.note().equals(known.get().note())) {
                    store.resetFile(period, entry.name());
                    store.insertFile(period, new FileRecord(entry.name(), "", null, null, generation, 0, 0, 0,
                            FileStatus.IGNORED, BigDecimal.ZERO, entry.note(), null));
                    log.info("{}: IGNORED ({})", entry.name(), entry.note());
                }
                continue;
            }
            if (entry.status() == FileStatus.REJECTED) {
                if (known.isEmpty() || known.get().status() != FileStatus.REJECTED || !known.get().sha256().isEmpty()) {
                    store.resetFile(period, entry.name());
                    rejectWhole(entry.name(), "", null, null, 0, RejectReason.SYMBOLIC_LINK, entry.note(), null);
                }
                log.warn("{}: REJECTED ({})", entry.name(), entry.note());
                continue;
            }
            String sha256 = Hashing.sha256(entry.path());
            if (known.isPresent() && known.get().sha256().equals(sha256) && currentBasis.equals(known.get().basis())
                    && known.get().status() != FileStatus.PENDING && known.get().status() != FileStatus.REMOVED
                // A file rejected whole is looked at again: a format definition added since may read it.
                && known.get().status() != FileStatus.REJECTED) {
                continue;
            }
            store.resetFile(period, entry.name());
            scan(entry.path(), entry.name(), sha256);
            contribution.incrementReadCount();
        }
        return RepeatStatus.FINISHED;
    }

    /** A file that left the folder: IGNORED entries just go; files that were read become REMOVED (R2.7). */
    private void forget(FileRecord known) {
        if (known.status() == FileStatus.REMOVED) {
            return;
        }
        store.resetFile(period, known.file());
        if (known.status() != FileStatus.IGNORED) {
            store.insertFile(period, new FileRecord(known.file(), known.sha256(), known.format(), known.encoding(),
                    generation, 0, 0, 0, FileStatus.REMOVED, BigDecimal.ZERO,
                    "no longer in the data set folder; its lines were withdrawn", null));
            log.info("{}: REMOVED (no longer in the folder; its lines are withdrawn from {})", known.file(), period);
        }
    }

    /**
     * Every entry of the period's export folder in path order, judged without following links: a
     * regular {@code *.csv} file is PENDING (to read), a link REJECTED, the rest IGNORED. The folder
     * itself must lie inside the data set (its real path), or the data set is refused.
     */
    static List<FolderEntry> entries(Path dataDir, YearMonth period) throws IOException {
        Path folder = dataDir.resolve("exports").resolve(period.toString());
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new DataSetException(List.of(relative(dataDir, folder) + " is not a folder"));
        }
        if (!folder.toRealPath().startsWith(dataDir.toRealPath())) {
            throw new DataSetException(List.of(relative(dataDir, folder) + " leads outside the data set (a symbolic link"
                    + " to " + folder.toRealPath() + "); Resettle reads only files inside the data set folder"));
        }
        List<FolderEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                entries.add(judge(file, relative(dataDir, file)));
            }
        }
        return entries;
    }

    private static FolderEntry judge(Path file, String name) {
        String fileName = file.getFileName().toString();
        boolean csv = fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
        if (Files.isSymbolicLink(file)) {
            return csv
                    ? new FolderEntry(file, name, FileStatus.REJECTED, name + " is a symbolic link; Resettle does not"
                            + " follow links: put the file itself in the folder")
                    : new FolderEntry(file, name, FileStatus.IGNORED, "a symbolic link, not followed");
        }
        if (fileName.startsWith(".")) {
            return new FolderEntry(file, name, FileStatus.IGNORED, "a hidden file");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderEntry(file, name, FileStatus.IGNORED,
                    "a folder: exports are read only directly under exports/<period>/");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderEntry(file, name, FileStatus.IGNORED, "not a regular file");
        }
        if (!csv) {
            return new FolderEntry(file, name, FileStatus.IGNORED, "not a .csv file");
        }
        return new FolderEntry(file, name, FileStatus.PENDING, null);
    }

    private static String relative(Path dataDir, Path file) {
        return dataDir.relativize(file).toString().replace('\\', '/');
    }

    private void scan(Path file, String name, String sha256) throws IOException {
        Optional<ExportEncoding> encoding = ExportEncoding.detect(file);
        if (encoding.isEmpty()) {
            long lines = countLines(file);
            rejectWhole(name, sha256, null, null, lines, RejectReason.UNREADABLE_ENCODING,
                    "the file is neither UTF-8 (with or without BOM) nor GB18030/GBK", null);
            return;
        }
        long nulLine = firstLineWithNul(file);
        if (nulLine > 0) {
            rejectWhole(name, sha256, null, encoding.get(), countLines(file), RejectReason.UNREADABLE_ENCODING,
                    "the file contains NUL bytes (first on line " + nulLine + "): a binary file or UTF-16, which is"
                            + " not a CSV export; save it as UTF-8 or GBK", null);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.get().bomLength());
            CSVParser parser = CSV.parse(new InputStreamReader(in, encoding.get().charset()));
            var records = parser.iterator();
            CSVRecord headerRecord;
            try {
                if (!records.hasNext()) {
                    rejectWhole(name, sha256, null, encoding.get(), 0, RejectReason.UNKNOWN_FORMAT, "the file is empty", "");
                    return;
                }
                headerRecord = records.next();
            } catch (RuntimeException e) {
                rejectWhole(name, sha256, null, encoding.get(), countLines(file), RejectReason.MALFORMED_ROW,
                        "the header row cannot be read as CSV (" + e.getMessage() + ")", null);
                return;
            }
            ExportHeader header = new ExportHeader(headerRecord.toList());
            String headerText = String.join(",", headerRecord.toList());
            ExportFormats.Recognition recognition = formats.recognise(header);
            if (recognition instanceof ExportFormats.Ignored ignored) {
                // Another dataset of the format's family (FOCUS ContractCommitment): listed, counted nowhere.
                store.insertFile(period, new FileRecord(name, sha256, ignored.format().label() + "/" + ignored.dataset(),
                        encoding.get().label(), generation, countRecords(records), 0, 0, FileStatus.IGNORED, BigDecimal.ZERO,
                        "not billing lines: " + ignored.format().label() + " " + ignored.dataset(), currentBasis));
                return;
            }
            if (recognition instanceof ExportFormats.Unmatched unmatched) {
                rejectWhole(name, sha256, unmatched.recognised() ? unmatched.closest() : null, encoding.get(),
                        countRecords(records), unmatched.recognised() ? RejectReason.MISSING_COLUMN : RejectReason.UNKNOWN_FORMAT,
                        unmatched.message(), headerText);
                return;
            }
            ExportFormat format = ((ExportFormats.Matched) recognition).format();
            List<String> duplicates = duplicateColumns(headerRecord.toList());
            if (!duplicates.isEmpty()) {
                rejectWhole(name, sha256, format, encoding.get(), countRecords(records), RejectReason.DUPLICATE_COLUMN,
                        format.label() + " export names a column more than once: " + String.join("; ", duplicates)
                                + " (which one holds the value cannot be told)", headerText);
                return;
            }
            store.insertFile(period, new FileRecord(name, sha256, format.label(), encoding.get().label(), generation,
                    0, 0, 0, FileStatus.PENDING, BigDecimal.ZERO, null, currentBasis));
        }
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

    private void rejectWhole(String name, String sha256, ExportFormat format, ExportEncoding encoding, long rows,
            RejectReason reason, String detail, String raw) {
        store.insertFile(period, new FileRecord(name, sha256, format == null ? null : format.label(),
                encoding == null ? null : encoding.label(), generation, rows, 0, rows, FileStatus.REJECTED, BigDecimal.ZERO,
                null, currentBasis));
        store.insertFileReject(period, name, reason, detail, raw == null ? detail : detail + " | header: " + raw);
    }

    private static long countRecords(java.util.Iterator<CSVRecord> records) {
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

    private static long countLines(Path file) throws IOException {
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
