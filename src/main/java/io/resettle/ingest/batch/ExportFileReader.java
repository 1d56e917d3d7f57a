package io.resettle.ingest.batch;

import io.resettle.ingest.ExportRow;
import io.resettle.ingest.RecordingReader;
import io.resettle.support.csv.ExportEncoding;
import io.resettle.support.csv.RejectReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams the data rows of one export file with Commons CSV, and judges each row's shape before
 * anything reads its cells (issue 15: no money lost without a word). A row whose cell count differs
 * from the header's, and the last row of a file that does not end with a line break (it was cut
 * short, perhaps inside an amount), are MALFORMED_ROW. When the quoting breaks (a quote never
 * closed, text after a closing quote, or a record that swallowed line breaks and came out with the
 * wrong cell count) the row boundaries can no longer be trusted: the file is rejected whole (a
 * row-0 reject) and every line from the broken record on is kept as read, one MALFORMED_ROW each,
 * so that the file's rows still add up.
 *
 * <p>Restartable: the item count is saved in the step's ExecutionContext after every chunk, and a
 * restart reads that many items again (the state machine below is deterministic).
 */
class ExportFileReader extends AbstractItemCountingItemStreamItemReader<ExportRow> {

    private final Path file;
    private final String name;
    private final ExportEncoding encoding;
    private CSVParser parser;
    /** Remembers the decoded text, so a row's raw text is kept exactly as written (io-contract §2). */
    private RecordingReader recording;
    private Iterator<CSVRecord> records;
    private int headerSize;
    private boolean endsWithLineBreak;
    private long rowNo;
    /** The record read ahead (to know whether the current one is the last), with its line span. */
    private Fetched ahead;
    /** Set when reading ahead broke the parser: line mode starts after the current record. */
    private RuntimeException brokenAhead;
    private BufferedReader lines;
    private long lineNo;
    /** Physical lines read up to the end of the last record returned (the header's at first). */
    private long lastEnd;

    private record Fetched(CSVRecord record, long startAfterLine, long endLine) {
    }

    ExportFileReader(Path file, String name, ExportEncoding encoding) {
        this.file = file;
        this.name = name;
        this.encoding = encoding;
        setName("exportFileReader");
    }

    @Override
    protected void doOpen() throws IOException {
        endsWithLineBreak = endsWithLineBreak(file);
        recording = new RecordingReader(new InputStreamReader(open(), encoding.charset()));
        parser = ScanExportsTasklet.CSV.parse(recording);
        records = parser.iterator();
        if (records.hasNext()) {
            headerSize = records.next().size(); // the header row, already checked by the scan step
        }
        lastEnd = parser.getCurrentLineNumber();
        rowNo = 0;
        ahead = null;
        brokenAhead = null;
        lines = null;
    }

    private InputStream open() throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(encoding.bomLength());
        return in;
    }

    @Override
    protected ExportRow doRead() throws IOException {
        if (lines != null) {
            return nextLine();
        }
        if (brokenAhead != null) {
            return startLineMode(lastEnd, brokenAhead);
        }
        Fetched current;
        try {
            current = ahead != null ? ahead : fetch();
        } catch (RuntimeException e) {
            return startLineMode(lastEnd, e);
        }
        ahead = null;
        if (current == null) {
            return null;
        }
        lastEnd = current.endLine();
        String[] cells = current.record().values();
        if (cells.length != headerSize && spansLines(cells)) {
            return startLineMode(current.startAfterLine(), new IllegalStateException(
                    "a quoted cell runs over line breaks and the record has " + cells.length + " cells, the header "
                            + headerSize));
        }
        boolean last = false;
        try {
            ahead = fetch();
            last = ahead == null;
        } catch (RuntimeException e) {
            brokenAhead = e;
        }
        rowNo++;
        // The raw text runs to the next record's start; after a broken read-ahead it is rebuilt from the cells.
        long start = current.record().getCharacterPosition();
        String raw = brokenAhead != null ? null
                : recording.between(start, ahead == null ? -1 : ahead.record().getCharacterPosition());
        recording.forgetBefore(start);
        if (cells.length != headerSize) {
            return ExportRow.rejected(rowNo, cells, raw, RejectReason.MALFORMED_ROW, "the row has " + cells.length
                    + " cells, the header " + headerSize);
        }
        if (last && !endsWithLineBreak) {
            return ExportRow.rejected(rowNo, cells, raw, RejectReason.MALFORMED_ROW,
                    "the file ends inside this row (no line break after it): it may have been cut short");
        }
        return new ExportRow(rowNo, cells, raw);
    }

    /** The next record and the lines it spans; null at the end of the file. */
    private Fetched fetch() {
        long before = parser.getCurrentLineNumber();
        if (!records.hasNext()) {
            return null;
        }
        CSVRecord record = records.next();
        return new Fetched(record, before, parser.getCurrentLineNumber());
    }

    private static boolean spansLines(String[] cells) {
        for (String cell : cells) {
            if (cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives up on the CSV structure: reopens the file as plain lines after {@code afterLine} physical
     * lines and first returns the row-0 reject of the whole file.
     */
    private ExportRow startLineMode(long afterLine, RuntimeException cause) throws IOException {
        lines = new BufferedReader(new InputStreamReader(open(), encoding.charset()));
        for (lineNo = 0; lineNo < afterLine && lines.readLine() != null; lineNo++) {
            // skip what was read as records
        }
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String detail = "the CSV quoting breaks at line " + (afterLine + 1) + " (" + root.getMessage()
                + "): the file is rejected whole; every line from there on is listed as read";
        return ExportRow.rejectedLine(0, detail, RejectReason.MALFORMED_ROW, detail);
    }

    private ExportRow nextLine() throws IOException {
        String line;
        do {
            line = lines.readLine();
            lineNo++;
        } while (line != null && line.isEmpty());
        if (line == null) {
            return null;
        }
        rowNo++;
        return ExportRow.rejectedLine(rowNo, line, RejectReason.MALFORMED_ROW,
                "line " + lineNo + " follows broken CSV quoting; kept as read");
    }

    /** The last byte is LF or CR (a GB18030 or UTF-8 multi-byte character never contains one). */
    static boolean endsWithLineBreak(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            byte b = last.get(0);
            return b == '\n' || b == '\r';
        }
    }

    @Override
    protected void doClose() throws IOException {
        if (parser != null) {
            parser.close();
        }
        if (lines != null) {
            lines.close();
            lines = null;
        }
    }
}
