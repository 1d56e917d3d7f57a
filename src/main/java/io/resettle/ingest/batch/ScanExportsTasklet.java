package io.resettle.ingest.batch;

import io.resettle.ingest.ExportFormat;
import io.resettle.ingest.ExportFormats;
import io.resettle.ingest.FileStatus;
import io.resettle.ingest.batch.ExportFolder.FolderEntry;
import io.resettle.ingest.batch.IngestStore.FileRecord;
import io.resettle.support.Hashing;
import io.resettle.support.csv.ExportEncoding;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
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
 * {@code exports/<period>/} is listed ({@link ExportFolder}): a {@code *.csv} regular file is an export; a symbolic link
 * is never followed and rejected whole (SYMBOLIC_LINK); anything else (another extension, a hidden
 * file, a folder) is IGNORED with its reason. A file ingested before and gone now is REMOVED, its
 * rows forgotten. An export is skipped when its content (SHA-256) and the basis it was judged on
 * (the policy in force and the sub-accounts, {@link #basis}) are both unchanged; otherwise it is
 * rejected whole when its encoding, format or columns are unusable (R2.5: NUL bytes, a duplicate
 * column; {@link ExportFileChecks}) or marked PENDING for this ingest's generation, forgetting what an earlier version
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

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        // The data set's own format definitions are validated before any row of any file is read.
        formats = IngestFormats.load(dataDir);
        List<FolderEntry> entries = ExportFolder.entries(dataDir, period);
        currentBasis = basis.get();
        Map<String, FolderEntry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        for (FileRecord known : store.files(period)) {
            if (!byName.containsKey(known.file())) {
                forget(known);
            }
        }
        Map<Path, String> sha256s = sha256s(entries.stream()
                .filter(e -> e.status() != FileStatus.IGNORED && e.status() != FileStatus.REJECTED)
                .map(FolderEntry::path).toList());
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
            String sha256 = sha256s.get(entry.path());
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

    /**
     * Each export's SHA-256, the files read side by side on up to four threads: every export is
     * hashed at every ingest, changed or not, and a file in the page cache hashes at the pace of one core.
     */
    private static Map<Path, String> sha256s(List<Path> files) {
        int threads = Math.min(files.size(), Math.min(4, Runtime.getRuntime().availableProcessors()));
        Map<Path, String> hashes = new HashMap<>();
        if (threads < 2) {
            files.forEach(file -> hashes.put(file, Hashing.sha256(file)));
            return hashes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "scan-sha256");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Path, Future<String>> running = new LinkedHashMap<>();
            files.forEach(file -> running.put(file, pool.submit(() -> Hashing.sha256(file))));
            for (Map.Entry<Path, Future<String>> hash : running.entrySet()) {
                hashes.put(hash.getKey(), hash.getValue().get());
            }
            return hashes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the exports", e);
        } catch (ExecutionException e) {
            // Hashing's own UncheckedIOException ("cannot read <file>"), as when hashed on this thread
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
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

    private void scan(Path file, String name, String sha256) throws IOException {
        Optional<ExportEncoding> encoding = ExportEncoding.detect(file);
        if (encoding.isEmpty()) {
            long lines = ExportFileChecks.countLines(file);
            rejectWhole(name, sha256, null, null, lines, RejectReason.UNREADABLE_ENCODING,
                    "the file is neither UTF-8 (with or without BOM) nor GB18030/GBK", null);
            return;
        }
        long nulLine = ExportFileChecks.firstLineWithNul(file);
        if (nulLine > 0) {
            rejectWhole(name, sha256, null, encoding.get(), ExportFileChecks.countLines(file), RejectReason.UNREADABLE_ENCODING,
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
                rejectWhole(name, sha256, null, encoding.get(), ExportFileChecks.countLines(file), RejectReason.MALFORMED_ROW,
                        "the header row cannot be read as CSV (" + e.getMessage() + ")", null);
                return;
            }
            ExportHeader header = new ExportHeader(headerRecord.toList());
            String headerText = String.join(",", headerRecord.toList());
            ExportFormats.Recognition recognition = formats.recognise(header);
            if (recognition instanceof ExportFormats.Ignored ignored) {
                // Another dataset of the format's family (FOCUS ContractCommitment): listed, counted nowhere.
                store.insertFile(period, new FileRecord(name, sha256, ignored.format().label() + "/" + ignored.dataset(),
                        encoding.get().label(), generation, ExportFileChecks.countRecords(records), 0, 0, FileStatus.IGNORED, BigDecimal.ZERO,
                        "not billing lines: " + ignored.format().label() + " " + ignored.dataset(), currentBasis));
                return;
            }
            if (recognition instanceof ExportFormats.Unmatched unmatched) {
                rejectWhole(name, sha256, unmatched.recognised() ? unmatched.closest() : null, encoding.get(),
                        ExportFileChecks.countRecords(records), unmatched.recognised() ? RejectReason.MISSING_COLUMN : RejectReason.UNKNOWN_FORMAT,
                        unmatched.message(), headerText);
                return;
            }
            ExportFormat format = ((ExportFormats.Matched) recognition).format();
            List<String> duplicates = ExportFileChecks.duplicateColumns(headerRecord.toList());
            if (!duplicates.isEmpty()) {
                rejectWhole(name, sha256, format, encoding.get(), ExportFileChecks.countRecords(records), RejectReason.DUPLICATE_COLUMN,
                        format.label() + " export names a column more than once: " + String.join("; ", duplicates)
                                + " (which one holds the value cannot be told)", headerText);
                return;
            }
            store.insertFile(period, new FileRecord(name, sha256, format.label(), encoding.get().label(), generation,
                    0, 0, 0, FileStatus.PENDING, BigDecimal.ZERO, null, currentBasis));
        }
    }

    private void rejectWhole(String name, String sha256, ExportFormat format, ExportEncoding encoding, long rows,
            RejectReason reason, String detail, String raw) {
        store.insertFile(period, new FileRecord(name, sha256, format == null ? null : format.label(),
                encoding == null ? null : encoding.label(), generation, rows, 0, rows, FileStatus.REJECTED, BigDecimal.ZERO,
                null, currentBasis));
        store.insertFileReject(period, name, reason, detail, raw == null ? detail : detail + " | header: " + raw);
    }
}
