package io.resettle.ingest;

import io.resettle.ingest.ExportFormat.Field;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.RejectReason;
import io.resettle.support.csv.RowRejectedException;
import io.resettle.support.csv.Values;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A row's value of a canonical field (io-contract §2): the first of the format's columns for it that
 * the row fills, parsed as text, an amount or a time in the file's zone.
 */
final class RowFields {

    private final ExportFormat format;
    private final ExportHeader header;
    private final ZoneId zone;

    RowFields(ExportFormat format, ExportHeader header, ZoneId zone) {
        this.format = format;
        this.header = header;
        this.zone = zone;
    }

    String first(String[] c, Field field) {
        for (String column : format.columnsOf(field)) {
            String value = Values.text(header.cell(c, column));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    BigDecimal amount(String[] c, Field field) {
        for (String column : format.columnsOf(field)) {
            String cell = header.cell(c, column);
            if (Values.text(cell) != null) {
                return Values.amount(column, cell);
            }
        }
        return null;
    }

    BigDecimal requiredAmount(String[] c, Field field) {
        BigDecimal value = amount(c, field);
        if (value == null) {
            throw new RowRejectedException(RejectReason.BAD_NUMBER, String.join(" / ", format.columnsOf(field)) + " is empty");
        }
        return value;
    }

    LocalDateTime time(String[] c, Field field) {
        for (String column : format.columnsOf(field)) {
            String cell = header.cell(c, column);
            if (Values.text(cell) != null) {
                return Values.time(column, cell, zone, format.datePatterns());
            }
        }
        return null;
    }
}
