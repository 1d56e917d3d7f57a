package io.resettle.rebate.batch;

import io.resettle.billing.BillingLine;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.rebate.FiscalYear;
import io.resettle.rebate.RebateEligibility;
import io.resettle.rebate.RebateSlice;
import io.resettle.rebate.RebateWalk;
import io.resettle.rebate.WalkState;
import io.resettle.support.FaultInjection;
import io.resettle.support.csv.CsvOutput;
import io.resettle.support.csv.CsvParts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Feeds each line to the GRADUATED walk of every program whose fiscal year (the one holding P)
 * contains it, writing the slices of P's lines to the parts of rebate-slices.csv
 * ({@link RebateSliceFile}). The walks, the line counter and the parts' state (the journal's
 * length, each part's rows and totals) are saved in the step's ExecutionContext after every chunk
 * of lines ({@link RebateWalkTasklet}, R11.4); a restart cuts the journal back to it.
 */
class GraduatedWalkWriter implements ItemStream {
    static final String LINE_NO = "rebates.lineNo";
    static final String WALKS = "rebates.walks";
    private static final String WALK_PREFIX = "rebates.walk.";

    private final List<RebateProgram> programs;
    /** Each program's fiscal year holding P, in the order of {@link #programs}. */
    private final List<FiscalYear> fiscalYears;
    private final FaultInjection faults;
    private final YearMonth period;
    private final Path partsFolder;
    /** By part key (program, tab, scope id): their order is the order their state is saved in. */
    private final Map<String, RebateWalk> walks = new TreeMap<>();
    /** The same walks by program (its place in {@link #programs}) and scope id, for a line's look-up. */
    private final List<Map<String, Walked>> walksByScope = new ArrayList<>();
    private CsvParts slices;
    private long lineNo;
    /** The rows of each part walked in this transaction, with their totals (amount, rebate). */
    private final Map<String, CsvOutput.Rows> chunkRows = new HashMap<>();
    private final Map<String, BigDecimal[]> chunkTotals = new HashMap<>();

    /** A walk with its part key, made once per walk rather than per line. */
    private record Walked(RebateWalk walk, String key) {
    }

    GraduatedWalkWriter(Policy policy, FaultInjection faults, YearMonth period, Path partsFolder) {
        this.programs = policy.rebatePrograms().stream()
                .filter(p -> p.mode() == RebateProgram.Mode.GRADUATED).toList();
        this.fiscalYears = programs.stream().map(p -> FiscalYear.of(period, p.fiscalYearStartMonth())).toList();
        this.faults = faults;
        this.period = period;
        this.partsFolder = partsFolder;
    }

    @Override
    public void open(ExecutionContext context) {
        walks.clear();
        chunkRows.clear();
        chunkTotals.clear();
        walksByScope.clear();
        programs.forEach(p -> walksByScope.add(new HashMap<>()));
        boolean resumed = context.containsKey(LINE_NO);
        lineNo = resumed ? context.getLong(LINE_NO) : 0;
        restore(programs, context).forEach((key, walk) -> {
            walks.put(key, walk);
            walksByScope.get(programs.indexOf(walk.program())).put(walk.scopeId(), new Walked(walk, key));
        });
        slices = resumed
                ? CsvParts.restore(partsFolder, RebateSliceFile.TOTALS, RebateSliceFile.state(context))
                : CsvParts.empty(partsFolder, RebateSliceFile.TOTALS);
    }

    /** The walks saved in a step ExecutionContext. */
    static Map<String, RebateWalk> restore(List<RebateProgram> programs, ExecutionContext context) {
        Map<String, RebateWalk> restored = new TreeMap<>();
        if (!context.containsKey(WALKS)) {
            return restored;
        }
        // The values of each walk apart (by the number after the prefix), so that reading a walk looks
        // at its own values only: every value per walk grew with the square of the walks (issue 20).
        Map<String, Map<String, String>> valuesByWalk = new HashMap<>();
        for (Map.Entry<String, Object> e : context.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(WALK_PREFIX)) {
                int end = key.indexOf('.', WALK_PREFIX.length());
                String walk = end < 0 ? key : key.substring(0, end + 1);
                valuesByWalk.computeIfAbsent(walk, k -> new HashMap<>()).put(key, String.valueOf(e.getValue()));
            }
        }
        String[] keys = context.getString(WALKS).split("\n");
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].isEmpty()) {
                continue;
            }
            String[] programAndScope = keys[i].split("\t", 2);
            Optional<RebateProgram> program = programs.stream()
                    .filter(p -> p.id().equals(programAndScope[0])).findFirst();
            if (program.isPresent()) {
                String prefix = WALK_PREFIX + i + ".";
                restored.put(keys[i], new RebateWalk(program.get(), programAndScope[1],
                        WalkState.fromMap(prefix, valuesByWalk.getOrDefault(prefix, Map.of()))));
            }
        }
        return restored;
    }

    @Override
    public void update(ExecutionContext context) {
        List<String> keys = new ArrayList<>(walks.keySet());
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            values.putAll(walks.get(keys.get(i)).state().toMap(WALK_PREFIX + i + "."));
        }
        // A walk's values are saved under its place in key order, and a new walk that sorts before it
        // moves it along: values saved at a place before and not saved now are removed, or the walk
        // now there would be restored with categories only the earlier one had. Made whole before
        // the context is touched; the line counter last.
        context.entrySet().stream().map(Map.Entry::getKey)
                .filter(key -> key.startsWith(WALK_PREFIX) && !values.containsKey(key)).toList()
                .forEach(context::remove);
        values.forEach(context::putString);
        context.putString(WALKS, String.join("\n", keys));
        RebateSliceFile.save(slices, context);
        context.putLong(LINE_NO, lineNo);
    }

    /** A program's first line of a scope in the fiscal year starts its walk. */
    private Walked newWalk(RebateProgram program, String scopeId) {
        String key = RebateSliceFile.partKey(program.id(), scopeId);
        RebateWalk walk = new RebateWalk(program, scopeId);
        walks.put(key, walk);
        return new Walked(walk, key);
    }

    /**
     * Feeds one line to its walks as it is read, so a transaction holds the slice rows of its lines,
     * not the lines (at 50,000 lines a transaction those filled the young generation, issue 20).
     * Nothing reaches the journal before {@link #endChunk()}.
     */
    void walk(ComputeRebatesStepConfig.ScopedLine scoped) {
        lineNo++;
        faults.beforeWriting(RebateSliceFile.NAME, lineNo, lineNo);
        BillingLine line = scoped.line();
        for (int p = 0; p < programs.size(); p++) {
            RebateProgram program = programs.get(p);
            if (!fiscalYears.get(p).contains(line.period()) || !RebateEligibility.admits(program, line)) {
                continue;
            }
            Walked walked = walksByScope.get(p).computeIfAbsent(
                    RebateEligibility.scopeId(program, scoped.groupId()), scopeId -> newWalk(program, scopeId));
            List<RebateSlice> lineSlices = walked.walk().feed(line.lineId(), line.category(), line.payableAmount());
            if (!line.period().equals(period) || lineSlices.isEmpty()) {
                continue;
            }
            if (lineSlices.size() > 1) {
                lineSlices = new ArrayList<>(lineSlices);
                lineSlices.sort(RebateSliceFile.WITHIN_A_LINE);
            }
            CsvOutput.Rows partRows = chunkRows.computeIfAbsent(walked.key(), k -> new CsvOutput.Rows());
            BigDecimal[] partTotals = chunkTotals.computeIfAbsent(walked.key(), k -> new BigDecimal[] {BigDecimal.ZERO,
                    BigDecimal.ZERO});
            for (RebateSlice slice : lineSlices) {
                RebateSliceFile.print(slice, partRows, partTotals);
            }
        }
    }

    /** Appends the slices of the lines walked since the last call to the parts' journal, forced to disk. */
    void endChunk() {
        // Parts in a fixed order, so a part's number (its place) is the same in every run.
        slices.appendAll(new TreeMap<>(chunkRows), chunkTotals);
        chunkRows.clear();
        chunkTotals.clear();
        faults.afterChunkWritten();
    }
}
