package io.resettle.output.batch;

import io.resettle.output.Written;
import io.resettle.support.FaultInjection;
import io.resettle.support.OutputFolders;
import io.resettle.support.SqlDialect;
import io.resettle.support.WorkerThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files of io-contract §3 for a revision, as the Spring Batch samples' partitioned JDBC job:
 * one partition per file of the {@link SettlementFileCatalogue} ({@code writeSettlementFile:<file>}),
 * each written under a staged name ({@link StagedFiles}); then {@code publishSettlementFiles}
 * renames them, writes the finance files and manifest.json. invoice-lines.csv, the largest, is
 * its own partitioned step, {@code writeInvoiceLines}, beside reconcile. A restart runs only the
 * partitions that did not complete; writing again gives the same bytes.
 */
@Configuration(proxyBeanMethods = false)
class SettlementFilesStepConfig {

    static final String WORKER = "writeSettlementFile";
    private static final String FILE = "file";

    /** invoice-lines.csv, as soon as the invoices are built (beside reconcile). */
    @Bean
    Step writeInvoiceLines(JobRepository jobRepository, Step writeSettlementFile) {
        return new StepBuilder("writeInvoiceLines", jobRepository)
                .partitioner(WORKER, gridSize -> partitions(List.of(SettlementFileCatalogue.INVOICE_LINES)))
                .step(writeSettlementFile)
                .build();
    }

    /** Every other file of the revision, as many at once as there are cores (and connections for them). */
    @Bean
    Step writeSettlementFiles(JobRepository jobRepository, Step writeSettlementFile,
            Partitioner settlementFilesPartitioner, DataSource dataSource) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("files-");
        // A partition holds one connection: its query's.
        threads.setConcurrencyLimit(WorkerThreads.forConnections(dataSource, 1));
        return new StepBuilder("writeSettlementFiles", jobRepository)
                .partitioner(WORKER, settlementFilesPartitioner)
                .step(writeSettlementFile)
                .taskExecutor(threads)
                .build();
    }

    /** One partition per file but invoice-lines.csv; invoice-adjustments.csv from revision 2 on. */
    @Bean
    @StepScope
    Partitioner settlementFilesPartitioner(@Value("#{jobParameters['revision']}") Long revision) {
        return gridSize -> partitions(SettlementFileCatalogue.filesOf(revision.intValue()).stream()
                .filter(file -> file != SettlementFileCatalogue.INVOICE_LINES).toList());
    }

    private static Map<String, ExecutionContext> partitions(List<OutputFile> files) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (OutputFile file : files) {
            ExecutionContext context = new ExecutionContext();
            context.putString(FILE, file.name());
            partitions.put(file.name(), context);
        }
        return partitions;
    }

    /**
     * A partition: its file written under the staged name in a read-only transaction (autocommit
     * off, so PostgreSQL streams); the step itself needs no transaction of its own, so a partition
     * holds one connection.
     */
    @Bean
    Step writeSettlementFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            DataSource dataSource, SqlDialect dialect, FaultInjection faults) {
        Tasklet tasklet = (contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            OutputFile file = SettlementFileCatalogue.named(step.getExecutionContext().getString(FILE)).orElseThrow();
            SettlementFileWriter writer = writer(dataSource, dialect, faults, jobRepository, step);
            Path staged = StagedFiles.staged(folder(step), file.name());
            Written written = new TransactionTemplate(transactionManager, READ_ONLY)
                    .execute(status -> writer.write(file, staged));
            StagedFiles.record(written, step.getExecutionContext());
            contribution.incrementWriteCount(written.rows());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder(WORKER, jobRepository).tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }

    /** Renames the staged files, writes the finance files and manifest.json. */
    @Bean
    Step publishSettlementFiles(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            DataSource dataSource, SqlDialect dialect, FaultInjection faults) {
        Tasklet tasklet = (contribution, chunkContext) -> {
            StepExecution step = chunkContext.getStepContext().getStepExecution();
            JobInstance instance = step.getJobExecution().getJobInstance();
            SettlementFilesPublisher publisher = new SettlementFilesPublisher(jdbc(dataSource), dialect,
                    writer(dataSource, dialect, faults, jobRepository, step), period(step), revision(step), folder(step),
                    name -> jobRepository.getLastStepExecution(instance, WORKER + ":" + name),
                    step.getJobExecutionId());
            contribution.incrementWriteCount(publisher.publish());
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder("publishSettlementFiles", jobRepository).tasklet(tasklet, transactionManager).build();
    }

    private static SettlementFileWriter writer(DataSource dataSource, SqlDialect dialect, FaultInjection faults,
            JobRepository jobRepository, StepExecution step) throws IOException {
        return new SettlementFileWriter(JdbcClient.create(jdbc(dataSource)), dialect, faults, period(step),
                revision(step), folder(step), jobRepository, step.getJobExecution().getJobInstance());
    }

    /** Reading with a fetch size, so PostgreSQL streams. */
    private static JdbcTemplate jdbc(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1000);
        return jdbc;
    }

    private static YearMonth period(StepExecution step) {
        return YearMonth.parse(step.getJobParameters().getString("period"));
    }

    private static int revision(StepExecution step) {
        return step.getJobParameters().getLong("revision").intValue();
    }

    /** The revision's folder, created if need be. */
    private static Path folder(StepExecution step) throws IOException {
        JobParameters parameters = step.getJobParameters();
        Path folder = OutputFolders.revision(Path.of(parameters.getString("out")), parameters.getString("period"),
                revision(step));
        Files.createDirectories(folder);
        return folder;
    }

    private static final TransactionDefinition READ_ONLY;

    static {
        DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
        readOnly.setReadOnly(true);
        READ_ONLY = readOnly;
    }
}
