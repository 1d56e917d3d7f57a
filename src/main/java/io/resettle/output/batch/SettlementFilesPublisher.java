package io.resettle.output.batch;

import io.resettle.output.Manifest;
import io.resettle.output.Written;
import io.resettle.support.Hashing;
import io.resettle.support.RunStatus;
import io.resettle.support.SqlDialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code publishSettlementFiles}: the staged CSVs renamed to their names in the contract's order,
 * then the finance files written from them ({@link FinanceFiles}), then manifest.json listing all.
 * A staged file that an earlier attempt wrote is renamed only if it still has the hash its
 * partition recorded; otherwise (gone, changed) the file is written again from the database.
 */
final class SettlementFilesPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementFilesPublisher.class);

    private static final String BREAKS_SQL = """
            SELECT COUNT(*) FROM reconciliation WHERE period = :period AND revision = :revision AND status = 'BREAK'
            """;
    private static final String RUN_SQL = """
            SELECT job_execution_id FROM period_run WHERE period = :period AND revision = :revision
            """;
    private static final String POLICY_SQL = """
            SELECT file, sha256 FROM policy_file
             WHERE effective_from = (SELECT MAX(effective_from) FROM policy_file WHERE effective_from <= :period)
            """;
    private static final String INPUTS_SQL = """
            SELECT file, sha256, status, row_count, accepted, rejected
              FROM ingest_file
             WHERE period = :period
             ORDER BY file COLLATE "C"
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final SqlDialect dialect;
    private final SettlementFileWriter writer;
    private final YearMonth period;
    private final int revision;
    private final Path folder;
    /** The partition that wrote a file, by the file's name, as the job repository last has it. */
    private final Function<String, StepExecution> partitions;
    private final long jobExecutionId;

    SettlementFilesPublisher(JdbcTemplate jdbcTemplate, SqlDialect dialect, SettlementFileWriter writer,
            YearMonth period, int revision, Path folder, Function<String, StepExecution> partitions, long jobExecutionId) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.jdbcTemplate = jdbcTemplate;
        this.dialect = dialect;
        this.writer = writer;
        this.period = period;
        this.revision = revision;
        this.folder = folder;
        this.partitions = partitions;
        this.jobExecutionId = jobExecutionId;
    }

    /** Publishes the files and writes the manifest; returns the CSVs' rows. */
    long publish() throws IOException {
        String p = period.toString();
        boolean breaks = jdbc.sql(BREAKS_SQL).param("period", p).param("revision", revision)
                .query(Long.class).single() > 0;
        long run = jdbc.sql(RUN_SQL).param("period", p).param("revision", revision).query(Long.class).single();
        String exitStatus = breaks ? RunStatus.COMPLETED_WITH_BREAKS : RunStatus.COMPLETED;
        Manifest manifest = jdbc.sql(POLICY_SQL).param("period", p).query((rs, i) -> new Manifest(p, revision, run,
                exitStatus, rs.getString("file"), rs.getString("sha256"))).single();
        jdbc.sql(ordered(INPUTS_SQL)).param("period", p).query(rs -> {
            manifest.input(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6));
        });
        long rows = 0;
        List<String> csvFiles = new ArrayList<>();
        for (OutputFile file : SettlementFileCatalogue.filesOf(revision)) {
            Written written = publish(file);
            manifest.output(written);
            rows += written.rows();
            csvFiles.add(written.name());
        }
        // The files finance uses as they are (issue 18), from the CSVs just published.
        for (Written written : new FinanceFiles(jdbcTemplate, period, revision, folder, exitStatus).write(csvFiles)) {
            manifest.output(written);
        }
        writeManifest(manifest);
        return rows;
    }

    private String ordered(String sql) {
        return dialect.ordered("c").equals("c") ? sql.replace(" COLLATE \"C\"", "") : sql;
    }

    private Written publish(OutputFile file) throws IOException {
        Path staged = StagedFiles.staged(folder, file.name());
        Path target = folder.resolve(file.name());
        StepExecution partition = partitions.apply(file.name());
        Written recorded = partition == null || partition.getStatus() != BatchStatus.COMPLETED ? null
                : StagedFiles.recorded(partition.getExecutionContext());
        if (recorded != null) {
            // Staged by this execution: as written. By an earlier one: unless changed since.
            boolean ours = partition.getJobExecutionId() == jobExecutionId;
            if (Files.exists(staged) && (ours || recorded.sha256().equals(Hashing.sha256(staged)))) {
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return recorded;
            }
            if (!Files.exists(staged) && Files.exists(target) && recorded.sha256().equals(Hashing.sha256(target))) {
                return recorded; // renamed by an earlier attempt of this step
            }
        }
        LOG.warn("{} in {} is not what its partition recorded: writing {} again", staged.getFileName(), folder,
                file.name());
        Files.deleteIfExists(staged);
        return writer.write(file, target);
    }

    private void writeManifest(Manifest manifest) throws IOException {
        Path target = folder.resolve("manifest.json");
        Path temporary = folder.resolve(".manifest.json.tmp");
        Files.writeString(temporary, manifest.toJson(), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
