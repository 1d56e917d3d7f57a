package io.resettle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link SqlDialect#ordered} sorts text by code point on every PostgreSQL database, leaving the
 * column bare only where the database's own collation already does (so indexes give the order).
 */
class SqlDialectIT {

    /** Case, punctuation, digits, accents, CJK and a character outside the BMP: where collations disagree. */
    private static final List<String> WORDS = List.of("b", "B", "a-b", "a_b", "ab", "a b", "A", "10", "9", "é", "e",
            "Z", "代理商", "云大使", "😀", "\uFFFD", "a", "-a", "_a");

    @Test
    void aCodePointDatabaseSortsTheBareColumnsAsCollateC() throws Exception {
        String url = TestDatabases.newPostgres("TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'");
        SqlDialect dialect = new SqlDialect(new DriverManagerDataSource(url));

        assertThat(dialect.sortsByCodePoint()).isTrue();
        assertThat(dialect.ordered("word")).isEqualTo("word");
        assertThat(sorted(url, dialect.ordered("word"))).isEqualTo(byCodePoint(WORDS))
                .isEqualTo(sorted(url, "word COLLATE \"C\""));
    }

    @Test
    void aCDatabaseIsTrustedWithoutAProbe() throws Exception {
        String url = TestDatabases.newPostgres("TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
        SqlDialect dialect = new SqlDialect(new DriverManagerDataSource(url));

        assertThat(dialect.sortsByCodePoint()).isTrue();
        assertThat(sorted(url, dialect.ordered("word"))).isEqualTo(byCodePoint(WORDS));
    }

    @Test
    void anIcuDatabaseGetsCollateCAndTheSameOrder() throws Exception {
        String url = TestDatabases.newPostgres(
                "TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
        SqlDialect dialect = new SqlDialect(new DriverManagerDataSource(url));

        assertThat(dialect.sortsByCodePoint()).isFalse();
        assertThat(dialect.ordered("word")).isEqualTo("word COLLATE \"C\"");
        assertThat(sorted(url, dialect.ordered("word"))).isEqualTo(byCodePoint(WORDS));
        // The words tell the collations apart: ICU's own order is not code-point order.
        assertThat(sorted(url, "word")).isNotEqualTo(byCodePoint(WORDS));
    }

    private static List<String> sorted(String url, String orderBy) {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        jdbc.execute("CREATE TABLE IF NOT EXISTS words (word VARCHAR(20))");
        if (jdbc.queryForObject("SELECT COUNT(*) FROM words", Long.class) == 0) {
            WORDS.forEach(word -> jdbc.update("INSERT INTO words VALUES (?)", word));
        }
        return jdbc.queryForList("SELECT word FROM words ORDER BY " + orderBy, String.class);
    }

    private static List<String> byCodePoint(List<String> words) {
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparing(String::codePoints, (a, b) -> {
            int[] x = a.toArray();
            int[] y = b.toArray();
            return java.util.Arrays.compare(x, y);
        }));
        return sorted;
    }
}
