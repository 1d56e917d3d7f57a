package io.resettle.support.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The header row of an export: column names (case-insensitive, trimmed) to their position. */
public final class ExportHeader {

    private final List<String> names;
    private final Map<String, Integer> positions = new HashMap<>();
    /**
     * Each looked-up column name (as the caller spells it) to its position or -1: the normaliser asks
     * for the same dozen names on every row, so the name is trimmed and lower-cased once per header.
     */
    private final Map<String, Integer> resolved = new ConcurrentHashMap<>();

    public ExportHeader(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            positions.putIfAbsent(key(names.get(i)), i);
        }
    }

    private static String key(String name) {
        return name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    public List<String> names() {
        return names;
    }

    public boolean has(String column) {
        return positions.containsKey(key(column));
    }

    /** The cell of {@code column} in {@code cells}, or {@code null} if the column is absent. */
    public String cell(String[] cells, String column) {
        int position = resolved.computeIfAbsent(column, c -> positions.getOrDefault(key(c), -1));
        return position < 0 || position >= cells.length ? null : cells[position];
    }

    /**
     * The first of {@code columns} whose cell holds a value ("X, else Y" of io-contract §2), or
     * {@code null} when none does.
     */
    public String firstValue(String[] cells, String... columns) {
        for (String column : columns) {
            String value = Values.text(cell(cells, column));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
