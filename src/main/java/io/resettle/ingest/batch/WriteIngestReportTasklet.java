package io.resettle.ingest.batch;

import io.resettle.ingest.FileStatus;
import io.resettle.money.Money;
import io.resettle.support.csv.CsvOutput;
import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Writes {@code <out>/<P>/ingest/files.csv} and {@code rejects.csv} (io-contract §3) for the whole period. */
class WriteIngestReportTasklet implements Tasklet {

    private final IngestStore store;
    private final Path outDir;
    private final YearMonth period;
    private final long generation;

    WriteIngestReportTasklet(IngestStore store, Path outDir, YearMonth period, long generation) {
        this.store = store;
        this.outDir = outDir;
        this.period = period;
        this.generation = generation;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Path folder = outDir.resolve(period.toString()).resolve("ingest");
        try (CsvOutput files = CsvOutput.create(folder.resolve("files.csv"),
                "file", "sha256", "format", "encoding", "rows", "accepted", "rejected", "status", "payable_total")) {
            for (IngestStore.FileRecord f : store.files(period)) {
                files.row(f.file(), f.sha256(), f.format(), f.encoding(), f.rows(), f.accepted(), f.rejected(),
                        reportedStatus(f).name(), Money.round2(f.payableTotal()));
            }
            files.commit();
        }
        try (CsvOutput rejects = CsvOutput.create(folder.resolve("rejects.csv"), "file", "row", "reason", "raw")) {
            store.forEachReject(period, r -> rejects.row(r.file(), r.rowNo(), r.reason().name(), r.raw()));
            rejects.commit();
            contribution.incrementWriteCount(rejects.rows());
        }
        return RepeatStatus.FINISHED;
    }

    /** A file accepted by an earlier ingest and skipped by this one is reported UNCHANGED. */
    private FileStatus reportedStatus(IngestStore.FileRecord f) {
        return f.status() == FileStatus.ACCEPTED && f.generation() != generation ? FileStatus.UNCHANGED : f.status();
    }
}
