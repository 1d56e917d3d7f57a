package io.resettle.rebate;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.Category;
import io.resettle.money.Money;
import io.resettle.policy.RebateProgram.Stage;
import io.resettle.policy.RebateProgram.StageCondition;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of R7 and R8 over many random line sequences (fixed seeds, so failures reproduce). */
class RebatePropertiesTest {

    private static final Category[] CATEGORIES = Category.values();
    private static final String[] WEIGHTS = {"1", "1", "0.5", "1.5", "0", "2", "0.3", "0.7"};
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-20");

    @Test
    void accrualsAlwaysAddUpToRound2OfTheYearToDateRebate_R7_5() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            RebateProgram program = randomProgram(random, random.nextBoolean()
                    ? RebateProgram.Mode.GRADUATED : RebateProgram.Mode.RETROACTIVE);
            YearMonth first = YearMonth.of(2026, program.fiscalYearStartMonth());
            List<TestLine> lines = new ArrayList<>();
            List<RecordedAccrual> recorded = new ArrayList<>();
            for (int month = 0; month < 12; month++) {
                YearMonth period = first.plusMonths(month);
                for (int i = random.nextInt(8); i > 0; i--) {
                    lines.add(randomLine(random, "P" + month + "-" + i, period));
                }
                if (month > 0 && random.nextInt(4) == 0) {
                    // Late data: a line of an earlier period arrives now and lands as a true-up.
                    lines.add(randomLine(random, "late" + month, first.plusMonths(random.nextInt(month))));
                }
                if (!lines.isEmpty() && random.nextInt(4) == 0) {
                    // A vendor correction replaces an earlier line's amount.
                    int index = random.nextInt(lines.size());
                    TestLine old = lines.get(index);
                    lines.set(index, new TestLine(old.lineId(), old.eventTime(), old.category(), randomAmount(random)));
                }
                WalkState state = walk(program, lines).state();
                List<RebateRow> rows = Accruals.rows(program, "G1", period, state, recorded);
                rows.forEach(row -> recorded.add(new RecordedAccrual(period, row.category(), row.accrual())));

                Map<Category, BigDecimal> rebate = RebateWalk.ytdRebate(program, state);
                for (Category category : CATEGORIES) {
                    BigDecimal accrued = recorded.stream().filter(a -> a.category() == category)
                            .map(RecordedAccrual::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(accrued).as("seed %d, %s, %s", seed, period, category)
                            .isEqualByComparingTo(Money.round2(rebate.getOrDefault(category, BigDecimal.ZERO)));
                }
                assertThat(rows).allSatisfy(row -> assertThat(row.accrual().scale()).isEqualTo(2));
            }
        }
    }

    @Test
    void graduatedWithOneTierFromZeroIsAFlatRate_R7_3() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            Map<Category, BigDecimal> rates = new EnumMap<>(Category.class);
            for (Category category : CATEGORIES) {
                rates.put(category, randomRate(random));
            }
            RebateProgram program = RebateFixtures.program(RebateProgram.Mode.GRADUATED, randomWeights(random),
                    List.of(new Tier(BigDecimal.ZERO, rates, BigDecimal.ZERO)), List.of());
            GraduatedWalk walk = new GraduatedWalk(program, "G1");
            Map<Category, BigDecimal> flat = new EnumMap<>(Category.class);
            for (int i = 0; i < 60; i++) {
                Category category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                BigDecimal amount = randomAmount(random);
                BigDecimal w1 = walk.state().totalWeightedVolume().add(program.weightOf(category).multiply(amount));
                if (w1.signum() < 0) {
                    amount = amount.negate(); // stay at or above zero, where a flat rate applies
                }
                List<RebateSlice> slices = walk.feed("L" + i, category, amount);
                assertThat(slices).hasSize(1);
                flat.merge(category, amount.multiply(rates.get(category)), BigDecimal::add);
            }
            for (Category category : flat.keySet()) {
                assertThat(walk.state().rebateOf(category)).as("seed %d, %s", seed, category)
                        .isEqualByComparingTo(flat.get(category));
            }
        }
    }

    @Test
    void splittingALineInTwoNeverChangesTheRebate_R7_3() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            RebateProgram program = randomProgram(random, RebateProgram.Mode.GRADUATED);
            List<TestLine> lines = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                lines.add(randomLine(random, "L" + (100 + i), YearMonth.of(2026, 1 + random.nextInt(12))));
            }
            lines.sort(Comparator.comparing(TestLine::eventTime).thenComparing(TestLine::lineId));
            int index = random.nextInt(lines.size());
            TestLine whole = lines.get(index);
            BigDecimal first = randomAmount(random);
            List<TestLine> split = new ArrayList<>(lines);
            split.set(index, new TestLine(whole.lineId() + "a", whole.eventTime(), whole.category(), first));
            split.add(index + 1, new TestLine(whole.lineId() + "b", whole.eventTime(), whole.category(),
                    whole.amount().subtract(first)));

            Map<Category, BigDecimal> expected = walkInOrder(program, lines).ytdRebate();
            Map<Category, BigDecimal> actual = walkInOrder(program, split).ytdRebate();
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (Category category : expected.keySet()) {
                BigDecimal difference = actual.get(category).subtract(expected.get(category)).abs();
                assertThat(difference).as("seed %d, %s", seed, category).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    @Test
    void slicesAddUpToTheirLineAndToTheWalkedRebate_R7_3() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            RebateProgram program = randomProgram(random, RebateProgram.Mode.GRADUATED);
            GraduatedWalk walk = new GraduatedWalk(program, "G1");
            Map<Category, BigDecimal> sliced = new EnumMap<>(Category.class);
            for (int i = 0; i < 50; i++) {
                Category category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                BigDecimal amount = randomAmount(random);
                List<RebateSlice> slices = walk.feed("L" + i, category, amount);
                assertThat(slices.stream().map(RebateSlice::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .isEqualByComparingTo(amount);
                slices.forEach(slice -> sliced.merge(category, slice.rebate(), BigDecimal::add));
            }
            for (Category category : sliced.keySet()) {
                assertThat(walk.state().rebateOf(category)).isEqualByComparingTo(sliced.get(category));
            }
        }
    }

    @Test
    void aWalkRestoredFromItsSavedStateContinuesExactly() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            RebateProgram program = randomProgram(random, random.nextInt(3) == 0
                    ? RebateProgram.Mode.RETROACTIVE : RebateProgram.Mode.GRADUATED);
            List<TestLine> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(randomLine(random, "L" + i, YearMonth.of(2026, 1 + i / 4)));
            }
            RebateWalk uninterrupted = new RebateWalk(program, "G1");
            List<RebateSlice> expected = new ArrayList<>();
            lines.forEach(line -> expected.addAll(uninterrupted.feed(line.lineId(), line.category(), line.amount())));

            int k = random.nextInt(lines.size() + 1);
            RebateWalk beforeCrash = new RebateWalk(program, "G1");
            List<RebateSlice> actual = new ArrayList<>();
            for (TestLine line : lines.subList(0, k)) {
                actual.addAll(beforeCrash.feed(line.lineId(), line.category(), line.amount()));
            }
            Map<String, String> executionContext = new HashMap<>(beforeCrash.state().toMap("rebate.p.G1."));
            executionContext.put("reader.read.count", String.valueOf(k));
            RebateWalk restarted = new RebateWalk(program, "G1", WalkState.fromMap("rebate.p.G1.", executionContext));
            for (TestLine line : lines.subList(k, lines.size())) {
                actual.addAll(restarted.feed(line.lineId(), line.category(), line.amount()));
            }
            assertThat(actual).as("seed %d, k %d", seed, k).isEqualTo(expected);
            assertThat(restarted.state()).isEqualTo(uninterrupted.state());
            assertThat(restarted.ytdRebate()).isEqualTo(uninterrupted.ytdRebate());
        }
    }

    @Test
    void stagesAddUpToTheirAccrualAndReductionsToTheNegativeAccrual_R8() {
        YearMonth period = YearMonth.parse("2026-02");
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            int count = 1 + random.nextInt(5);
            List<Stage> stages = new ArrayList<>();
            BigDecimal remaining = BigDecimal.ONE;
            for (int i = 0; i < count - 1; i++) {
                BigDecimal share = new BigDecimal(random.nextInt(remaining.movePointRight(4).intValue() + 1))
                        .movePointLeft(4);
                stages.add(new Stage(share, 1 + random.nextInt(12), StageCondition.values()[random.nextInt(3)]));
                remaining = remaining.subtract(share);
            }
            stages.add(new Stage(remaining, 1 + random.nextInt(12), StageCondition.NONE));
            RebateProgram program = RebateFixtures.program(RebateProgram.Mode.RETROACTIVE, Map.of(),
                    List.of(RebateFixtures.tier("0", "0.01", "0.01")), stages);

            BigDecimal accrual = new BigDecimal(random.nextInt(10_000_000)).movePointLeft(2);
            List<RebateStage> split = RebateStages.split(program, "G1", period, accrual);
            assertThat(split.stream().map(RebateStage::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as("seed %d", seed).isEqualByComparingTo(accrual);

            YearMonth now = period.plusMonths(random.nextInt(4));
            BigDecimal negative = new BigDecimal(random.nextInt(12_000_000)).movePointLeft(2).negate();
            RebateStages.Reduction reduction = RebateStages.reduce(program, "G1", now, negative, split);
            BigDecimal absorbed = BigDecimal.ZERO;
            for (RebateStage reduced : reduction.reducedStages()) {
                RebateStage original = split.stream().filter(s -> s.reference().equals(reduced.reference()))
                        .findFirst().orElseThrow();
                assertThat(original.isPendingIn(now)).isTrue();
                assertThat(reduced.amount().signum()).isNotNegative();
                absorbed = absorbed.add(original.amount().subtract(reduced.amount()));
            }
            BigDecimal clawback = reduction.clawback().map(RebatePayoutItem::amount).orElse(BigDecimal.ZERO);
            assertThat(clawback.signum()).isNotPositive();
            assertThat(absorbed.negate().add(clawback)).as("seed %d", seed).isEqualByComparingTo(negative);
        }
    }

    // --- generators ---

    private record TestLine(String lineId, LocalDateTime eventTime, Category category, BigDecimal amount) {
    }

    private static RebateWalk walk(RebateProgram program, List<TestLine> lines) {
        List<TestLine> ordered = new ArrayList<>(lines);
        ordered.sort(Comparator.comparing(TestLine::eventTime).thenComparing(TestLine::lineId));
        return walkInOrder(program, ordered);
    }

    private static RebateWalk walkInOrder(RebateProgram program, List<TestLine> ordered) {
        RebateWalk walk = new RebateWalk(program, "G1");
        ordered.forEach(line -> walk.feed(line.lineId(), line.category(), line.amount()));
        return walk;
    }

    private static TestLine randomLine(Random random, String lineId, YearMonth period) {
        LocalDateTime time = period.atDay(1 + random.nextInt(28)).atTime(random.nextInt(24), random.nextInt(60));
        return new TestLine(lineId, time, CATEGORIES[random.nextInt(CATEGORIES.length)], randomAmount(random));
    }

    /** Mostly positive, up to 150,000, in cents or with up to 11 decimals as real exports carry. */
    private static BigDecimal randomAmount(Random random) {
        BigDecimal amount = new BigDecimal(random.nextInt(15_000_000)).movePointLeft(2);
        if (random.nextInt(3) == 0) {
            amount = amount.add(new BigDecimal(random.nextInt(1_000_000_000)).movePointLeft(11));
        }
        return random.nextInt(4) == 0 ? amount.negate() : amount;
    }

    private static BigDecimal randomRate(Random random) {
        return new BigDecimal(random.nextInt(1500)).movePointLeft(4);
    }

    private static Map<Category, BigDecimal> randomWeights(Random random) {
        Map<Category, BigDecimal> weights = new EnumMap<>(Category.class);
        for (Category category : CATEGORIES) {
            weights.put(category, new BigDecimal(WEIGHTS[random.nextInt(WEIGHTS.length)]));
        }
        return weights;
    }

    private static RebateProgram randomProgram(Random random, RebateProgram.Mode mode) {
        List<Tier> tiers = new ArrayList<>();
        BigDecimal from = random.nextBoolean() ? BigDecimal.ZERO : new BigDecimal(random.nextInt(100_000));
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            Map<Category, BigDecimal> rates = new EnumMap<>(Category.class);
            for (Category category : CATEGORIES) {
                if (random.nextBoolean()) {
                    rates.put(category, randomRate(random));
                }
            }
            tiers.add(new Tier(from, rates, randomRate(random)));
            from = from.add(new BigDecimal(1 + random.nextInt(300_000)));
        }
        return new RebateProgram("p", RebateProgram.Scope.GROUP, RebateProgram.Direction.PAYABLE, mode,
                1 + random.nextInt(12), RebateProgram.Eligibility.EVERYTHING, randomWeights(random),
                new TierTable(tiers), List.of());
    }
}
