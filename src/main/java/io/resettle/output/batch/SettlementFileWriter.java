package io.resettle.output.batch;

import io.resettle.output.Written;
import io.resettle.rebate.batch.RebateSliceFile;
import io.resettle.support.FaultInjection;
import io.resettle.support.Hashing;
import io.resettle.support.SqlDialect;
import io.resettle.support.csv.CsvOutput;
import io.resettle.support.csv.CsvParts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one file of the {@link SettlementFileCatalogue}: its query streamed into the CSV (a
 * period's lines never sit in memory), the money columns summed for the manifest as they pass.
 */
final class SettlementFileWriter {

    private static final String CODE_POINT_ORDER = " COLLATE \"C\"";

    private final JdbcClient jdbc;
    private final SqlDialect dialect;
    private final boolean bareOrder;
    private final FaultInjection faults;
    private final YearMonth period;
    private final int revision;
    private final Path folder;
    private final JobRepository jobRepository;
    private final JobInstance jobInstance;

    /** {@code jdbc} reading with a fetch size, so PostgreSQL streams (in a transaction). */
    SettlementFileWriter(JdbcClient jdbc, SqlDialect dialect, FaultInjection faults, YearMonth period, int revision,
            Path folder, JobRepository jobRepository, JobInstance jobInstance) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.bareOrder = dialect.ordered("c").equals("c");
        this.faults = faults;
        this.period = period;
        this.revision = revision;
        this.folder = folder;
        this.jobRepository = jobRepository;
        this.jobInstance = jobInstance;
    }

    /** Writes {@code file} to {@code target} (its own name, or a staged one). */
    Written write(OutputFile file, Path target) {
        if (file == SettlementFileCatalogue.REBATE_SLICES) {
            CsvParts.Written parts = RebateSliceFile.write(jobRepository, jobInstance, folder, target);
            return new Written(file.name(), Hashing.sha256(target), parts.rows(), parts.totals(), 6);
        }
        if (file == SettlementFileCatalogue.INVOICE_LINES && dialect.isPostgres()) {
            // The largest file by far: PostgreSQL prints it (same bytes).
            return CsvCopyOut.write(file, CsvCopyOut.query(SettlementFileCatalogue.INVOICE_LINES_COPY, file, period,
                    revision), target, dialect, faults);
        }
        return writeByJdbc(file, target);
    }

    /** Any query's file: its cells read over JDBC and printed by {@link CsvOutput}. */
    Written writeByJdbc(OutputFile file, Path target) {
        List<OutputFile.Column> columns = file.columns();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        file.totals().forEach(column -> totals.put(column, BigDecimal.ZERO));
        try (CsvOutput csv = CsvOutput.create(target, file.header())) {
            jdbc.sql(bareOrder ? file.sql().replace(CODE_POINT_ORDER, "") : file.sql())
                    .param("period", period.toString())
                    .param("revision", revision)
                    .param("previousRevision", revision - 1)
                    .query(rs -> {
                        Object[] cells = new Object[columns.size()];
                        for (int i = 0; i < cells.length; i++) {
                            OutputFile.Column column = columns.get(i);
                            cells[i] = cell(rs, i + 1, column.kind());
                            if (column.kind() == OutputFile.Kind.TOTAL && cells[i] != null) {
                                totals.merge(column.header(), (BigDecimal) cells[i], BigDecimal::add);
                            }
                        }
                        faults.beforeWriting(file.name(), csv.rows() + 1, csv.rows() + 1);
                        csv.row(cells);
                    });
            csv.commit();
            return Written.of(file.name(), target, csv.rows(), totals);
        }
    }

    private static Object cell(ResultSet rs, int index, OutputFile.Kind kind) throws SQLException {
        return switch (kind) {
            case TEXT -> rs.getString(index);
            case COUNT -> rs.getLong(index);
            case AMOUNT, TOTAL -> rs.getBigDecimal(index);
            case RATE -> CsvOutput.rate(rs.getBigDecimal(index));
            case TIMESTAMP -> time(rs.getObject(index, LocalDateTime.class));
        };
    }

    private static String time(LocalDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
}
