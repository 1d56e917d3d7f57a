package io.resettle.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * How the generator writes CSV: UTF-8 without BOM, a header row, comma, RFC 4180 quoting and
 * {@code \n} line ends, the same as the output files of io-contract §3.
 */
final class CsvFiles {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private static final int BUFFER = 1 << 16;

    private CsvFiles() {
    }

    /** Creates the parent folders, truncates the file and writes the header row. */
    static CSVPrinter open(Path file, String... header) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedWriter writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord((Object[]) header);
        return printer;
    }
}
