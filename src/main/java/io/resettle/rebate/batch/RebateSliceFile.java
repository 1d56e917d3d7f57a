package io.resettle.rebate.batch;

import io.resettle.rebate.RebateSlice;
import io.resettle.support.OutputFolders;
import io.resettle.support.csv.CsvOutput;
import io.resettle.support.csv.CsvParts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * rebate-slices.csv (io-contract §3): written by {@code computeRebates} as it walks, one part per
 * program and scope ({@link CsvParts}, saved with every chunk), and put together by the files step
 * in the contract's order: program, scope id (code points), event order, then tier_from ascending
 * within a line (below the first tier first).
 */
public final class RebateSliceFile {

    public static final String NAME = "rebate-slices.csv";
    static final String[] HEADER = {"program", "scope_id", "line_id", "category", "tier_from", "amount", "rate", "rebate"};
    static final List<String> TOTALS = List.of("amount", "rebate");
    private static final String STATE = "rebates.slices.";

    /** Program, then scope id, each by code point (the order COLLATE "C" gives). */
    static final Comparator<String> PART_ORDER = Comparator
            .comparing((String key) -> key.substring(0, key.indexOf('\t')), RebateSliceFile::byCodePoint)
            .thenComparing(key -> key.substring(key.indexOf('\t') + 1), RebateSliceFile::byCodePoint);

    /** Slices of one line in the file's order: below the first tier, then ascending tier_from; else as walked. */
    static final Comparator<RebateSlice> WITHIN_A_LINE = Comparator.comparing(
            (RebateSlice s) -> s.tierFrom().orElse(null), Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()));

    private RebateSliceFile() {
    }

    static Path partsFolder(Path out, String period, int revision) {
        return CsvParts.folderOf(OutputFolders.revision(out, period, revision), NAME);
    }

    static String partKey(String program, String scopeId) {
        return program + "\t" + scopeId;
    }

    /** A slice as a row of the file; its amount and rebate as written (six decimals) go to the part's totals. */
    static void print(RebateSlice slice, CsvOutput.Rows rows, BigDecimal[] totals) {
        BigDecimal amount = CsvOutput.sixDecimals(slice.amount());
        BigDecimal rebate = CsvOutput.sixDecimals(slice.rebate());
        rows.row(slice.program(), slice.scopeId(), slice.lineId(), slice.category().name(), slice.tierFrom().orElse(null),
                new CsvOutput.Raw(amount.toPlainString()), CsvOutput.rate(slice.rate()),
                new CsvOutput.Raw(rebate.toPlainString()));
        totals[0] = totals[0].add(amount);
        totals[1] = totals[1].add(rebate);
    }

    static void save(CsvParts parts, ExecutionContext context) {
        parts.state().forEach((key, value) -> context.putString(STATE + key, value));
    }

    /**
     * The parts' state saved in a walk's context. A walk saved by a version before the parts (its
     * slices were in a table, dropped by V24) has none: its slices cannot be found again, so it is
     * refused rather than written without them.
     */
    static Map<String, String> state(ExecutionContext context) {
        if (context.containsKey(GraduatedWalkWriter.LINE_NO) && !context.containsKey(STATE + "keys")) {
            throw new IllegalStateException(ComputeRebatesStepConfig.STEP + " of this run was saved by an older version of"
                    + " Resettle, which kept rebate slices in a table: finish the run with that version");
        }
        Map<String, String> state = new HashMap<>();
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (entry.getKey().startsWith(STATE)) {
                state.put(entry.getKey().substring(STATE.length()), String.valueOf(entry.getValue()));
            }
        }
        return state;
    }

    /**
     * Puts the file together as {@code target} (in the revision's folder, under its name or a staged
     * one) from the parts {@code computeRebates} of this
     * job instance committed last; they stay until the job completes ({@link #deleteParts}).
     * Without a walk (no line in the fiscal year) the file has its header only.
     */
    public static CsvParts.Written write(JobRepository jobRepository, JobInstance jobInstance, Path revisionFolder,
            Path target) {
        StepExecution walk = jobRepository.getLastStepExecution(jobInstance, ComputeRebatesStepConfig.STEP);
        Map<String, String> state = walk == null ? Map.of() : state(walk.getExecutionContext());
        CsvParts parts = CsvParts.saved(CsvParts.folderOf(revisionFolder, NAME), TOTALS, state);
        return parts.writeTo(target, PART_ORDER, HEADER);
    }

    /**
     * Removes the parts once the job has completed: until then a restart may write the files
     * again and needs them.
     */
    public static void deleteParts(Path out, String period, int revision) {
        CsvParts.remove(partsFolder(out, period, revision));
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
