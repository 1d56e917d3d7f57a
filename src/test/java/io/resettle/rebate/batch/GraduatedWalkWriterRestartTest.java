package io.resettle.rebate.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import io.resettle.support.FaultInjection;
import io.resettle.support.csv.CsvParts;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The GRADUATED walk's writer restarted from its last committed state after a crash at every chunk
 * (its slices written to the journal, the chunk not committed): the same rebate-slices.csv, byte
 * for byte, and the same walks as a run without a crash. Groups keep appearing, so new walks sort
 * before walks saved earlier and new parts are made after every restart point.
 */
class GraduatedWalkWriterRestartTest {

    private static final YearMonth PERIOD = YearMonth.of(2026, 10);
    private static final int CHUNK = 13;

    @TempDir
    Path work;

    @Test
    void aRestartAfterAnyChunkGivesTheSameSlicesAndWalks() throws Exception {
        Policy policy = new Policy(YearMonth.of(2026, 1), "CNY", Map.of(), BigDecimal.ZERO, Map.of(),
                List.of(program("zeta", RebateProgram.Scope.GROUP), program("alpha", RebateProgram.Scope.AGENT),
                        program("mid", RebateProgram.Scope.GROUP)),
                Optional.empty(), Policy.TaxBorneBy.PAYEE);
        List<ComputeRebatesStepConfig.ScopedLine> lines = lines(300);
        Run clean = run(policy, lines, work.resolve("clean"), -1);
        assertThat(new String(clean.file()).lines().count()).isGreaterThan(300);

        int chunks = (lines.size() + CHUNK - 1) / CHUNK;
        for (int crashAt = 0; crashAt < chunks; crashAt++) {
            Run restarted = run(policy, lines, work.resolve("crash" + crashAt), crashAt);
            assertThat(restarted.file()).as("rebate-slices.csv after a crash in chunk %d", crashAt)
                    .isEqualTo(clean.file());
            assertThat(restarted.walks()).as("the walks after a crash in chunk %d", crashAt)
                    .isEqualTo(clean.walks());
        }
    }

    private record Run(byte[] file, Map<String, Map<String, String>> walks) {
    }

    /** Walks every chunk of lines, committing each (update, then a copy of the context) unless it is {@code crashAt}. */
    private static Run run(Policy policy, List<ComputeRebatesStepConfig.ScopedLine> lines, Path out, int crashAt)
            throws Exception {
        Path folder = CsvParts.folderOf(out, RebateSliceFile.NAME);
        FaultInjection faults = new FaultInjection(0, "", 0, 0);
        GraduatedWalkWriter writer = new GraduatedWalkWriter(policy, faults, PERIOD, folder);
        ExecutionContext live = new ExecutionContext();
        ExecutionContext committed = new ExecutionContext();
        writer.open(live);
        int chunk = 0;
        int from = 0;
        while (from < lines.size()) {
            lines.subList(from, Math.min(lines.size(), from + CHUNK)).forEach(writer::walk);
            writer.endChunk();
            if (chunk++ == crashAt) {
                // The JVM stops before the commit: a new writer opens the last committed state and
                // walks again from the line after the last committed one.
                writer = new GraduatedWalkWriter(policy, faults, PERIOD, folder);
                live = new ExecutionContext(committed);
                writer.open(live);
                from = (int) committed.getLong(GraduatedWalkWriter.LINE_NO, 0);
                continue;
            }
            writer.update(live);
            committed = new ExecutionContext(live);
            from += CHUNK;
        }
        Path target = out.resolve(RebateSliceFile.NAME);
        CsvParts.saved(folder, RebateSliceFile.TOTALS, RebateSliceFile.state(committed))
                .writeTo(target, RebateSliceFile.PART_ORDER, RebateSliceFile.HEADER);
        Map<String, Map<String, String>> walks = new TreeMap<>();
        GraduatedWalkWriter.restore(policy.rebatePrograms(), committed)
                .forEach((key, walk) -> walks.put(key, walk.state().toMap()));
        return new Run(Files.readAllBytes(target), walks);
    }

    private static RebateProgram program(String id, RebateProgram.Scope scope) {
        return new RebateProgram(id, scope, RebateProgram.Direction.PAYABLE, RebateProgram.Mode.GRADUATED, 1,
                RebateProgram.Eligibility.EVERYTHING, Map.of(Category.SECURITY, new BigDecimal("0.5")),
                new TierTable(List.of(new Tier(new BigDecimal("100"), Map.of(), new BigDecimal("0.01")),
                        new Tier(new BigDecimal("400"), Map.of(), new BigDecimal("0.03")))),
                List.of());
    }

    /** September's lines first (walked, not written), then October's; groups g0, g1, … join as the lines go on. */
    private static List<ComputeRebatesStepConfig.ScopedLine> lines(int count) {
        Random random = new Random(7);
        List<ComputeRebatesStepConfig.ScopedLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            YearMonth period = i < 40 ? YearMonth.of(2026, 9) : PERIOD;
            String group = "g" + random.nextInt(Math.min(30, 2 + i / 6));
            BigDecimal amount = new BigDecimal(random.nextInt(20000) - 3000).movePointLeft(2);
            Category category = random.nextBoolean() ? Category.COMPUTE : Category.SECURITY;
            BillingLine line = new BillingLine("L" + i, null, period, null, null, "ecs", category,
                    BillingMethod.POSTPAID, ChargeType.USAGE, null, amount, null, null, null, null, null, false);
            lines.add(new ComputeRebatesStepConfig.ScopedLine(line, group));
        }
        return lines;
    }
}
