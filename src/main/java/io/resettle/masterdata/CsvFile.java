package io.resettle.masterdata;

import io.resettle.support.csv.ExportEncoding;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.RowRejectedException;
import io.resettle.support.csv.Values;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A small input table of the data set (master data, statements), read whole. Every problem is
 * recorded as "file row N (key): what is wrong" rather than thrown, so that all are reported at once.
 */
final class CsvFile {

    private final String name;
    private final List<String> problems;

    CsvFile(String name, List<String> problems) {
        this.name = name;
        this.problems = problems;
    }

    /** Calls {@code rowHandler} for each data row; a missing file is an empty table unless required. */
    void read(Path file, boolean required, List<String> requiredColumns, Consumer<Row> rowHandler) {
        if (!Files.exists(file)) {
            if (required) {
                problems.add(name + ": the file is missing");
            }
            return;
        }
        try {
            ExportEncoding encoding = ExportEncoding.detect(file).orElse(null);
            if (encoding == null) {
                problems.add(name + ": the file is neither UTF-8 nor GB18030");
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(encoding.bomLength());
                Reader reader = new InputStreamReader(in, encoding.charset());
                CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(reader);
                var records = parser.iterator();
                if (!records.hasNext()) {
                    problems.add(name + ": the file is empty (no header row)");
                    return;
                }
                ExportHeader header = new ExportHeader(records.next().toList());
                List<String> missing = requiredColumns.stream().filter(c -> !header.has(c)).toList();
                if (!missing.isEmpty()) {
                    problems.add(name + ": missing column(s) " + String.join(", ", missing));
                    return;
                }
                long rowNo = 0;
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    rowNo++;
                    rowHandler.accept(new Row(rowNo, header, record.values()));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** One data row; typed getters record a problem and return {@code null} when a value is bad. */
    final class Row {
        private final long rowNo;
        private final ExportHeader header;
        private final String[] cells;
        private String key = "";

        Row(long rowNo, ExportHeader header, String[] cells) {
            this.rowNo = rowNo;
            this.header = header;
            this.cells = cells;
        }

        /** Names the row in messages by its key as well as its number. */
        Row key(String key) {
            this.key = key == null ? "" : " (" + key + ")";
            return this;
        }

        String where() {
            return name + " row " + rowNo + key;
        }

        void problem(String message) {
            problems.add(where() + ": " + message);
        }

        String text(String column) {
            return Values.text(header.cell(cells, column));
        }

        String required(String column) {
            String value = text(column);
            if (value == null) {
                problem(column + " is empty");
            }
            return value;
        }

        BigDecimal amount(String column, boolean required) {
            try {
                BigDecimal value = Values.amount(column, header.cell(cells, column));
                if (value == null && required) {
                    problem(column + " is empty");
                }
                return value;
            } catch (RowRejectedException e) {
                problem(e.getMessage());
                return null;
            }
        }

        BigDecimal rate(String column) {
            BigDecimal rate = amount(column, true);
            if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
                problem(column + " " + rate.toPlainString() + " is outside [0, 1]");
            }
            return rate;
        }

        YearMonth month(String column, boolean required) {
            String value = required ? required(column) : text(column);
            if (value == null) {
                return null;
            }
            try {
                return YearMonth.parse(value);
            } catch (DateTimeParseException e) {
                problem(column + " '" + value + "' is not a month YYYY-MM");
                return null;
            }
        }

        LocalDate date(String column, boolean required) {
            String value = required ? required(column) : text(column);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                problem(column + " '" + value + "' is not a date YYYY-MM-DD");
                return null;
            }
        }

        LocalDateTime time(String column) {
            try {
                LocalDateTime value = Values.time(column, header.cell(cells, column));
                if (value == null) {
                    problem(column + " is empty");
                }
                return value;
            } catch (RowRejectedException e) {
                problem(e.getMessage());
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type, E whenEmpty) {
            String value = text(column);
            if (value == null) {
                if (whenEmpty == null) {
                    problem(column + " is empty");
                }
                return whenEmpty;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.toUpperCase(Locale.ROOT))) {
                    return constant;
                }
            }
            List<String> known = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                known.add(constant.name());
            }
            problem(column + ": unknown value '" + value + "' (expected " + String.join(", ", known) + ")");
            return null;
        }
    }
}
