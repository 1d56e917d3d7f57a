package io.resettle.ingest.batch;

import io.resettle.ingest.EvaluationBasis;
import io.resettle.ingest.ExportFormat;
import io.resettle.ingest.ExportRow;
import io.resettle.ingest.IngestedRow;
import io.resettle.ingest.LineNormaliser;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.remote.Partitioning;
import io.resettle.support.ConsoleProgress;
import io.resettle.support.FaultInjection;
import io.resettle.support.ProcessedAsReadTasklet;
import io.resettle.support.StepScopedTargets;
import io.resettle.support.WorkerThreads;
import io.resettle.support.csv.ExportEncoding;
import io.resettle.support.csv.ExportHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code ingest} job: master data → scan the period's export files → one partition per
 * changed file (a transaction every chunk of rows, restartable) → counts, quarantine and billing
 * lines → files.csv and rejects.csv. Identifying parameters: {@code period} and {@code generation}
 * (a new one per launch, so that every launch is its own job instance and a restart keeps its
 * generation).
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfig {

    static final String JOB_NAME = "ingest";
    /** Rows per transaction, by measurement (docs/performance.md); a property so tests can cut smaller chunks. */
    static final int CHUNK_SIZE = 5000;

    @Bean
    Job ingestJob(JobRepository jobRepository, Step loadMasterData, Step scanExports, Step ingestExportFiles,
            Step finishIngest, Step writeIngestReport, io.resettle.run.RunLiveness runLiveness, RunAccounts runAccounts) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runLiveness)
                .listener(runAccounts.releaseWhenJobEnds())
                .validator(new DefaultJobParametersValidator(new String[] {"period", "generation", "data", "out"},
                        new String[0]))
                .start(loadMasterData)
                .next(scanExports)
                .next(ingestExportFiles)
                .next(finishIngest)
                .next(writeIngestReport)
                .build();
    }

    @Bean
    Step scanExports(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ScanExportsTasklet scanExportsTasklet) {
        return new StepBuilder("scanExports", jobRepository).tasklet(scanExportsTasklet, transactionManager).build();
    }

    @Bean
    Step ingestExportFiles(Partitioning partitioning, Partitioner exportFilePartitioner, Step ingestExportFile,
            DataSource dataSource, RunAccounts runAccounts) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("ingest-");
        // Two files at least (reading overlaps writing), and no more than the pool has connections for.
        threads.setConcurrencyLimit(Math.max(2, WorkerThreads.forConnections(dataSource, 1)));
        // Local threads by default; with --partitions remote, one message per file to the workers (docs/scaling.md).
        Step step = partitioning.partitionStep("ingestExportFiles", "ingestExportFile", exportFilePartitioner,
                ingestExportFile, threads);
        if (!(step instanceof AbstractStep listening)) {
            throw new IllegalStateException("ingestExportFiles is a " + step.getClass().getName()
                    + ", which takes no listener: the run's sub-accounts would be held until the job ends");
        }
        listening.registerStepExecutionListener(runAccounts.releaseWhenStepEnds());
        return step;
    }

    @Bean
    Step ingestExportFile(Partitioning partitioning, PlatformTransactionManager transactionManager,
            ExportFileReader exportFileReader, ExportRowProcessor exportRowProcessor, IngestedRowWriter ingestedRowWriter,
            ConsoleProgress exportFileProgress,
            @Value("${resettle.ingest.chunk-size:" + CHUNK_SIZE + "}") int chunkSize) {
        // Each row normalised as it is read: a transaction holds the rows' outcomes, not their cells too.
        StepScopedTargets.Processor<ExportRow, IngestedRow> normaliser = StepScopedTargets.processor(exportRowProcessor);
        ProcessedAsReadTasklet<ExportRow, IngestedRow> tasklet = new ProcessedAsReadTasklet<>(
                StepScopedTargets.reader(exportFileReader), normaliser, ingestedRowWriter, chunkSize);
        return partitioning.workerStep("ingestExportFile")
                .tasklet(tasklet, transactionManager)
                .stream(tasklet)
                .listener((StepExecutionListener) normaliser)
                .listener((StepExecutionListener) exportFileProgress)
                .listener((ChunkListener<?, ?>) exportFileProgress)
                .build();
    }

    @Bean
    Step finishIngest(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            FinishIngestTasklet finishIngestTasklet) {
        return new StepBuilder("finishIngest", jobRepository).tasklet(finishIngestTasklet, transactionManager).build();
    }

    @Bean
    Step writeIngestReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            WriteIngestReportTasklet writeIngestReportTasklet) {
        return new StepBuilder("writeIngestReport", jobRepository).tasklet(writeIngestReportTasklet, transactionManager)
                .build();
    }

    // ---- step-scoped pieces, built from the job parameters ----

    @Bean
    @StepScope
    ScanExportsTasklet scanExportsTasklet(IngestStore store, RunAccounts runAccounts, PolicyStore policies,
            @Value("#{jobParameters['data']}") String data, @Value("#{jobParameters['period']}") String period,
            @Value("#{jobParameters['generation']}") Long generation, @Value("#{stepExecution.jobExecution}") JobExecution run) {
        YearMonth month = YearMonth.parse(period);
        return new ScanExportsTasklet(store, Path.of(data), month, generation, () -> EvaluationBasis.of(
                policies.inForceFingerprint(month), runAccounts.of(RunAccounts.Run.of(run)).byId()));
    }

    /** One partition per file this ingest reads; named after the file so that a restart finds it again. */
    @Bean
    @StepScope
    Partitioner exportFilePartitioner(IngestStore store, @Value("#{jobParameters['period']}") String period,
            @Value("#{jobParameters['generation']}") Long generation) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (IngestStore.FileRecord file : store.pendingFiles(YearMonth.parse(period), generation)) {
                ExecutionContext context = new ExecutionContext();
                context.putString("file", file.file());
                context.putString("format", file.format());
                context.putString("encoding", file.encoding());
                partitions.put(partitionName(file.file()), context);
            }
            return partitions;
        };
    }

    /** Step names hold at most 100 characters: long paths keep their end and a hash of the whole. */
    static String partitionName(String file) {
        if (file.length() <= 60) {
            return file;
        }
        return "…" + file.substring(file.length() - 45) + "#" + io.resettle.support.Hashing.sha256(file).substring(0, 8);
    }

    @Bean
    @StepScope
    ExportFileReader exportFileReader(@Value("#{jobParameters['data']}") String data,
            @Value("#{stepExecutionContext['file']}") String file, @Value("#{stepExecutionContext['encoding']}") String encoding) {
        return new ExportFileReader(Path.of(data).resolve(file), file, ExportEncoding.fromLabel(encoding).orElseThrow());
    }

    @Bean
    @StepScope
    ExportRowProcessor exportRowProcessor(StagedLineStore store, RunAccounts runAccounts, PolicyStore policies,
            @Value("#{jobParameters['data']}") String data, @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecutionContext['file']}") String file, @Value("#{stepExecutionContext['format']}") String format,
            @Value("#{stepExecutionContext['encoding']}") String encoding,
            @Value("#{stepExecution.jobExecution}") JobExecution run) throws IOException {
        YearMonth month = YearMonth.parse(period);
        ExportEncoding exportEncoding = ExportEncoding.fromLabel(encoding).orElseThrow();
        ExportHeader header = readHeader(Path.of(data).resolve(file), exportEncoding);
        // The run's, read once and shared with its other files (RunAccounts).
        RunAccounts.Accounts accounts = runAccounts.of(RunAccounts.Run.of(run));
        ExportFormat exportFormat = IngestFormats.load(Path.of(data)).byName(format).orElseThrow(() ->
                new IllegalStateException("format " + format + " of " + file + " is no longer defined"));
        LineNormaliser normaliser = new LineNormaliser(exportFormat, header, month, policies.inForce(month),
                id -> Optional.ofNullable(accounts.byId().get(id)),
                login -> Optional.ofNullable(accounts.idOfLogin(login)));
        return new ExportRowProcessor(normaliser, () -> store.stagedLineIds(month, file), file);
    }

    private static ExportHeader readHeader(Path file, ExportEncoding encoding) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomLength());
            var parser = ScanExportsTasklet.CSV.parse(new InputStreamReader(in, encoding.charset()));
            return new ExportHeader(parser.iterator().next().toList());
        }
    }

    @Bean
    @StepScope
    IngestedRowWriter ingestedRowWriter(StagedLineStore store, IngestStore files, FaultInjection faults,
            @Value("#{jobParameters['period']}") String period, @Value("#{stepExecutionContext['file']}") String file,
            @Value("#{jobParameters['generation']}") Long generation) {
        return new IngestedRowWriter(store, files, faults, YearMonth.parse(period), file, generation);
    }

    @Bean
    @StepScope
    ConsoleProgress exportFileProgress(@Value("#{stepExecutionContext['file']}") String file) {
        return new ConsoleProgress(file, 100_000);
    }

    @Bean
    @StepScope
    FinishIngestTasklet finishIngestTasklet(IngestStore store, StagedLineStore stagedLines, PolicyStore policies,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['generation']}") Long generation) {
        return new FinishIngestTasklet(store, stagedLines, policies, YearMonth.parse(period), generation);
    }

    @Bean
    @StepScope
    WriteIngestReportTasklet writeIngestReportTasklet(IngestStore store, @Value("#{jobParameters['out']}") String out,
            @Value("#{jobParameters['period']}") String period, @Value("#{jobParameters['generation']}") Long generation) {
        return new WriteIngestReportTasklet(store, Path.of(out), YearMonth.parse(period), generation);
    }
}
