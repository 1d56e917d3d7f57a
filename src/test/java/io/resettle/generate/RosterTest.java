package io.resettle.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RosterTest {

    @Test
    void apportionAddsUpToTheTotalInProportion() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            long total = random.nextInt(3) == 0 ? random.nextInt(10) : Math.abs(random.nextLong() % 1_000_000_000_000L);
            long[] weights = new long[1 + random.nextInt(30)];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = 1 + random.nextInt(1_000_000);
            }
            long whole = Arrays.stream(weights).sum();
            long[] parts = Roster.apportion(total, weights);

            assertThat(Arrays.stream(parts).sum()).isEqualTo(total);
            for (int i = 0; i < parts.length; i++) {
                double share = (double) total * weights[i] / whole;
                assertThat(Math.abs(parts[i] - share)).as("round %d part %d", round, i).isLessThanOrEqualTo(1.0001);
            }
        }
    }

    @Test
    void eachGroupHasItsSubAccountsAndLinesAsPlanned() {
        Random seeds = new Random(9);
        for (int round = 0; round < 100; round++) {
            int groups = 1 + seeds.nextInt(20);
            int accounts = groups + seeds.nextInt(60);
            long lines = seeds.nextInt(100_000);
            Roster roster = new Roster(new GeneratorOptions(lines, groups, accounts, round), new SplittableRandom(round));

            assertThat(Arrays.stream(roster.accountLines).sum()).isEqualTo(lines);
            assertThat(Arrays.stream(roster.groupLines).sum()).isEqualTo(lines);
            Set<String> ids = new HashSet<>(Arrays.asList(roster.accountIds));
            assertThat(ids).hasSize(accounts).allMatch(id -> id.length() == 16);
            assertThat(roster.firstAccount[groups]).isEqualTo(accounts);
            for (int g = 0; g < groups; g++) {
                assertThat(roster.firstAccount[g + 1]).isGreaterThan(roster.firstAccount[g]);
                long sum = 0;
                for (int a = roster.firstAccount[g]; a < roster.firstAccount[g + 1]; a++) {
                    assertThat(roster.groupOf[a]).isEqualTo(g);
                    sum += roster.accountLines[a];
                }
                assertThat(sum).isEqualTo(roster.groupLines[g]);
            }
            for (int a = 1; a < accounts; a++) {
                assertThat(roster.accountIds[a]).isGreaterThan(roster.accountIds[a - 1]);
            }
        }
    }
}
