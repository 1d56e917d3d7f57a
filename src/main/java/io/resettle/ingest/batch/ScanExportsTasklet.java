package io.resettle.ingest.batch;

import io.resettle.ingest.ExportEncoding;
import io.resettle.ingest.ExportFormat;
import io.resettle.ingest.ExportFormats;
import io.resettle.ingest.ExportHeader;
import io.resettle.ingest.FileStatus;
import io.resettle.ingest.RejectReason;
import io.resettle.ingest.batch.IngestStore.FileRecord;
import io.resettle.run.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Finds the period's export files (in path order), and for each: skips it when its content
 * (SHA-256) was already ingested (R2.7 idempotence); rejects it whole when its encoding, format or
 * columns are unusable (R2.5); otherwise marks it PENDING for this ingest's generation, forgetting
 * what an earlier version of the same file produced.
 */
class ScanExportsTasklet implements Tasklet {

    /** Read by the reader: how to parse the file. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private final IngestStore store;
    private final Path dataDir;
    private final YearMonth period;
    private final long generation;
    private ExportFormats formats;

    ScanExportsTasklet(IngestStore store, Path dataDir, YearMonth period, long generation) {
        this.store = store;
        this.dataDir = dataDir;
        this.period = period;
        this.generation = generation;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        // The data set's own format definitions are validated before any row of any file is read.
        formats = IngestFormats.load(dataDir);
        for (Path file : exportFiles(dataDir, period)) {
            String name = dataDir.relativize(file).toString().replace('\\', '/');
            String sha256 = Hashing.sha256(file);
            Optional<FileRecord> known = store.file(period, name);
            // A file rejected whole is looked at again: a format definition added since may read it.
            if (known.isPresent() && known.get().sha256().equals(sha256) && known.get().status() != FileStatus.PENDING
                    && known.get().status() != FileStatus.REJECTED) {
                continue;
            }
            store.resetFile(period, name);
            scan(file, name, sha256);
            contribution.incrementReadCount();
        }
        return RepeatStatus.FINISHED;
    }

    /** The export files of a period: every {@code *.csv} directly under {@code exports/<period>/}, in path order. */
    static List<Path> exportFiles(Path dataDir, YearMonth period) throws IOException {
        Path folder = dataDir.resolve("exports").resolve(period.toString());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().toLowerCase().endsWith(".csv"))
                    .sorted().toList();
        }
    }

    private void scan(Path file, String name, String sha256) throws IOException {
        Optional<ExportEncoding> encoding = ExportEncoding.detect(file);
        if (encoding.isEmpty()) {
            long lines = countLines(file);
            rejectWhole(name, sha256, null, null, lines, RejectReason.UNREADABLE_ENCODING,
                    "the file is neither UTF-8 (with or without BOM) nor GB18030/GBK", null);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.get().bomLength());
            CSVParser parser = CSV.parse(new InputStreamReader(in, encoding.get().charset()));
            var records = parser.iterator();
            if (!records.hasNext()) {
                rejectWhole(name, sha256, null, encoding.get(), 0, RejectReason.UNKNOWN_FORMAT, "the file is empty", "");
                return;
            }
            CSVRecord headerRecord = records.next();
            ExportHeader header = new ExportHeader(headerRecord.toList());
            String headerText = String.join(",", headerRecord.toList());
            ExportFormats.Recognition recognition = formats.recognise(header);
            if (recognition instanceof ExportFormats.Ignored ignored) {
                // Another dataset of the format's family (FOCUS ContractCommitment): listed, counted nowhere.
                store.insertFile(period, new FileRecord(name, sha256, ignored.format().label() + "/" + ignored.dataset(),
                        encoding.get().label(), generation, countRecords(records), 0, 0, FileStatus.IGNORED, BigDecimal.ZERO));
                return;
            }
            if (recognition instanceof ExportFormats.Unmatched unmatched) {
                rejectWhole(name, sha256, unmatched.recognised() ? unmatched.closest() : null, encoding.get(),
                        countRecords(records), unmatched.recognised() ? RejectReason.MISSING_COLUMN : RejectReason.UNKNOWN_FORMAT,
                        unmatched.message(), headerText);
                return;
            }
            ExportFormat format = ((ExportFormats.Matched) recognition).format();
            store.insertFile(period, new FileRecord(name, sha256, format.label(), encoding.get().label(), generation,
                    0, 0, 0, FileStatus.PENDING, BigDecimal.ZERO));
        }
    }

    private void rejectWhole(String name, String sha256, ExportFormat format, ExportEncoding encoding, long rows,
            RejectReason reason, String detail, String raw) {
        store.insertFile(period, new FileRecord(name, sha256, format == null ? null : format.label(),
                encoding == null ? null : encoding.label(), generation, rows, 0, rows, FileStatus.REJECTED, BigDecimal.ZERO));
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
