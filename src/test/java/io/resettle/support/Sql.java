package io.resettle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a test database directly, as rows of text, to compare what jobs stored. */
public final class Sql {

    private Sql() {
    }

    public static List<List<String>> rows(String url, String query) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
                            : String.valueOf(value));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    public static String value(String url, String query) {
        List<List<String>> rows = rows(url, query);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }
}
