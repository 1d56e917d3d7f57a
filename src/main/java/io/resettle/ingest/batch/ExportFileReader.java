package io.resettle.ingest.batch;

import io.resettle.ingest.ExportEncoding;
import io.resettle.ingest.ExportRow;
import io.resettle.ingest.RecordingReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams the data rows of one export file with Commons CSV. Restartable: the item count is saved
 * in the step's ExecutionContext after every chunk, and a restart skips that many rows.
 */
class ExportFileReader extends AbstractItemCountingItemStreamItemReader<ExportRow> {

    private final Path file;
    private final String name;
    private final ExportEncoding encoding;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private RecordingReader recording;
    /** The next record, read ahead: its start is where the current row's raw text ends. */
    private CSVRecord next;

    ExportFileReader(Path file, String name, ExportEncoding encoding) {
        this.file = file;
        this.name = name;
        this.encoding = encoding;
        setName("exportFileReader");
    }

    @Override
    protected void doOpen() throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(encoding.bomLength());
        recording = new RecordingReader(new InputStreamReader(in, encoding.charset()));
        parser = ScanExportsTasklet.CSV.parse(recording);
        records = parser.iterator();
        if (records.hasNext()) {
            records.next(); // the header row, already checked by the scan step
        }
        next = records.hasNext() ? records.next() : null;
    }

    @Override
    protected ExportRow doRead() {
        try {
            if (next == null) {
                return null;
            }
            CSVRecord record = next;
            next = records.hasNext() ? records.next() : null;
            long end = next == null ? -1 : next.getCharacterPosition();
            String raw = recording.between(record.getCharacterPosition(), end);
            recording.forgetBefore(record.getCharacterPosition());
            return new ExportRow(getCurrentItemCount(), record.values(), raw);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalStateException(name + " row " + getCurrentItemCount() + ": the CSV cannot be parsed from here on ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    protected void doClose() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }
}
