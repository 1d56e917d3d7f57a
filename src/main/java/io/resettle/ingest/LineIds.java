package io.resettle.ingest;

import io.resettle.ingest.ExportFormat.Field;
import io.resettle.support.csv.ExportHeader;
import io.resettle.support.csv.Values;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A row's line id (io-contract §2 "Line ids", R2.7) as one file's format and header give it: the
 * record id qualified by the identifying columns the header has, else those columns alone, else an
 * id derived from the row's identifying values.
 */
final class LineIds {

    private final ExportFormat format;
    private final ExportHeader header;
    /** The line-id qualifier columns this file's header has, in the definition's order. */
    private final List<String> qualifiers;
    private final List<String> derivedIdColumns;

    LineIds(ExportFormat format, ExportHeader header) {
        this.format = format;
        this.header = header;
        this.qualifiers = format.columnsOf(Field.LINE_QUALIFIERS).stream().filter(header::has).toList();
        this.derivedIdColumns = derivedIdColumns(format);
    }

    /** The record id qualified by the identifying columns (io-contract §2 "Line ids"), else derived. */
    String lineId(String[] c, String recordId) {
        if (recordId != null) {
            return qualified(c, recordId);
        }
        List<String> parts = qualifierValues(c);
        if (!parts.isEmpty()) {
            return String.join("/", parts);
        }
        return derivedLineId(c);
    }

    String qualified(String[] c, String id) {
        List<String> parts = new ArrayList<>();
        parts.add(id);
        parts.addAll(qualifierValues(c));
        return String.join("/", parts);
    }

    private List<String> qualifierValues(String[] c) {
        List<String> values = new ArrayList<>(qualifiers.size());
        for (String column : qualifiers) {
            String value = Values.text(header.cell(c, column));
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * The columns a derived line id is built from: the definition's {@code derived_id}, else every
     * identifying column it maps (never an amount, so that a corrected re-export replaces the line, R2.7).
     */
    private static List<String> derivedIdColumns(ExportFormat format) {
        if (!format.columnsOf(Field.DERIVED_ID).isEmpty()) {
            return format.columnsOf(Field.DERIVED_ID);
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Field field : List.of(Field.PERIOD, Field.ORDER_ID, Field.PRODUCT_CODE, Field.PAYMENT_TIME,
                Field.USAGE_START, Field.USAGE_END)) {
            columns.addAll(format.columnsOf(field));
        }
        format.subAccountOrder().forEach(entry -> columns.add(entry.startsWith(ExportFormat.LOGIN_PREFIX)
                ? entry.substring(ExportFormat.LOGIN_PREFIX.length()) : entry));
        if (format.billingMethod().column() != null) {
            columns.add(format.billingMethod().column());
        }
        if (format.chargeType().column() != null) {
            columns.add(format.chargeType().column());
        }
        return List.copyOf(columns);
    }

    /**
     * R2.7: a row without a record id or qualifiers gets a line id derived from its identifying
     * values, so that the same row gives the same id in any file; identical rows in one file are
     * therefore DUPLICATE_LINE.
     */
    private String derivedLineId(String[] cells) {
        StringBuilder key = new StringBuilder(format.name());
        for (String column : derivedIdColumns) {
            String value = Values.text(header.cell(cells, column));
            key.append('\u001F').append(value == null ? "" : value);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "D-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
