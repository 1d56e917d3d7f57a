package io.resettle.web;

import io.resettle.ingest.batch.IngestStore;
import io.resettle.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the Period and Forecast pages show of ingest, output files and the forecast; the settle
 * job's tables are read by {@link SettlementOverview}. The forecast table is read only when it exists.
 */
@Component
class PeriodOverview {

    record GroupTotal(String groupId, long lines, BigDecimal payable, BigDecimal paid) {
    }

    record Reject(String file, long rowNo, String reason, String detail) {
    }

    record OutputFile(String path, long size) {
    }

    /** The output files of one revision folder {@code r<n>}, or of the period's own folder (revision 0). */
    record OutputGroup(int revision, String folder, List<OutputFile> files) {
    }

    /** A table of rows read as they are: the columns a job chose, in its order. */
    record Rows(List<String> columns, List<Map<String, Object>> rows) {
    }

    private static final String REJECT_COUNT = """
            SELECT COUNT(*) FROM ingest_reject WHERE period = :period
            """;
    private static final String REJECTS = """
            SELECT file, row_no, reason, detail FROM ingest_reject WHERE period = :period ORDER BY file, row_no
            FETCH FIRST :limit ROWS ONLY
            """;
    private static final String GROUP_TOTALS = """
            SELECT a.group_id, COUNT(*), SUM(b.payable_amount), SUM(b.paid_amount) FROM billing_line b
              JOIN sub_account a ON a.sub_account_id = b.sub_account_id WHERE b.period = :period
             GROUP BY a.group_id ORDER BY a.group_id
            """;
    /** The newest forecast period, closest to a tier edge first; amounts rounded for display only. */
    private static final String NEWEST_FORECAST = """
            SELECT period, kind, program_or_table, scope, CAST(volume AS DECIMAL(20,2)) AS volume,
                   CAST(tier_from AS DECIMAL(20,2)) AS tier_from, CAST(next_tier_from AS DECIMAL(20,2)) AS next_tier_from,
                   CAST(needed AS DECIMAL(20,2)) AS needed, worth FROM forecast
             WHERE period = (SELECT MAX(period) FROM forecast)
             ORDER BY needed NULLS LAST, worth DESC, kind, program_or_table, scope FETCH FIRST 500 ROWS ONLY
            """;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final IngestStore ingestStore;
    private final Path outDir;

    PeriodOverview(JdbcTemplate jdbc, DataSource dataSource, IngestStore ingestStore,
            @Value("${resettle.out:out}") String outDir) {
        this.jdbc = JdbcClient.create(jdbc);
        this.dataSource = dataSource;
        this.ingestStore = ingestStore;
        this.outDir = Path.of(outDir).toAbsolutePath().normalize();
    }

    List<IngestStore.FileRecord> files(YearMonth period) {
        return ingestStore.files(period);
    }

    long rejectCount(YearMonth period) {
        return jdbc.sql(REJECT_COUNT).param("period", period.toString()).query(Long.class).single();
    }

    List<Reject> rejects(YearMonth period, int limit) {
        return jdbc.sql(REJECTS).param("period", period.toString()).param("limit", limit)
                .query((rs, i) -> new Reject(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4))).list();
    }

    /** Billing line volumes per customer group, rounded for display only. */
    List<GroupTotal> groupTotals(YearMonth period) {
        return jdbc.sql(GROUP_TOTALS).param("period", period.toString())
                .query((rs, i) -> new GroupTotal(rs.getString(1), rs.getLong(2), Money.round2(rs.getBigDecimal(3)),
                        Money.round2(rs.getBigDecimal(4)))).list();
    }

    Optional<Rows> forecast() {
        if (!tableExists("forecast")) {
            return Optional.empty();
        }
        return Optional.of(rows(NEWEST_FORECAST));
    }

    /**
     * Every file under {@code <out>/<period>/}, each revision's folder included; not the hidden ones
     * (a file being written, the rebate slices' parts of a run in progress).
     */
    List<OutputFile> outputFiles(YearMonth period) {
        Path folder = outDir.resolve(period.toString());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir,
                        BasicFileAttributes attributes) {
                    return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !hidden(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Removed while we looked (a run finishing): not an output any more.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found.stream().sorted()
                .map(f -> new OutputFile(folder.relativize(f).toString().replace('\\', '/'), size(f))).toList();
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** {@link #outputFiles} by folder: the period's own files first, then r1, r2, … in revision order. */
    List<OutputGroup> outputsByRevision(YearMonth period) {
        java.util.TreeMap<Integer, java.util.List<OutputFile>> byRevision = new java.util.TreeMap<>();
        for (OutputFile file : outputFiles(period)) {
            int slash = file.path().indexOf('/');
            String first = slash < 0 ? "" : file.path().substring(0, slash);
            int revision = first.matches("r[0-9]{1,6}") ? Integer.parseInt(first.substring(1)) : 0;
            byRevision.computeIfAbsent(revision, r -> new ArrayList<>()).add(file);
        }
        return byRevision.entrySet().stream()
                .map(e -> new OutputGroup(e.getKey(), e.getKey() == 0 ? "" : "r" + e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    /**
     * An output file of the period, or empty when the path leaves the period's folder, or when the
     * file is not a regular file whose real path (every symbolic link resolved) lies inside the
     * output folder: a link pointing out of {@code out/} is never followed (issue 15.7).
     */
    Optional<Path> outputFile(YearMonth period, String relative) {
        Path folder = outDir.resolve(period.toString()).normalize();
        Path file = folder.resolve(relative).normalize();
        if (!file.startsWith(folder) || !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Path realOut = outDir.toRealPath();
            Path real = file.toRealPath();
            return real.startsWith(realOut) && Files.isRegularFile(real, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            // a dangling link, or removed while we looked
            return Optional.empty();
        }
    }

    private Rows rows(String sql) {
        List<Map<String, Object>> rows = jdbc.sql(sql).query().listOfRows();
        List<String> columns = rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
        return new Rows(columns, rows);
    }

    boolean tableExists(String table) {
        try (var connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String name : List.of(table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "VIEW"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
