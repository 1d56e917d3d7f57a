package io.resettle.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineIdSetTest {

    @Test
    void addsEachIdOnceAsAHashSetWould() {
        LineIdSet ids = new LineIdSet();
        Set<String> expected = new HashSet<>();
        Random random = new Random(20);
        // Enough ids to grow the table and the bytes many times; repeats, near-misses and non-ASCII.
        for (int i = 0; i < 300_000; i++) {
            String id = switch (i % 5) {
                case 0 -> "LINE-" + random.nextInt(200_000);
                case 1 -> "行" + random.nextInt(50_000) + "-云";
                case 2 -> "2026-10-" + i;
                case 3 -> "2026-10-" + i + " ";
                default -> Integer.toString(random.nextInt(1_000), 36);
            };
            assertThat(ids.add(id)).as(id).isEqualTo(expected.add(id));
        }
        assertThat(ids.size()).isEqualTo(expected.size());
    }

    @Test
    void anEmptyIdAndIdsThatArePrefixesOfEachOtherAreDistinct() {
        LineIdSet ids = new LineIdSet();
        assertThat(ids.add("")).isTrue();
        assertThat(ids.add("a")).isTrue();
        assertThat(ids.add("ab")).isTrue();
        assertThat(ids.add("a")).isFalse();
        assertThat(ids.add("")).isFalse();
        assertThat(ids.add("x".repeat(200))).isTrue();
        assertThat(ids.add("x".repeat(200))).isFalse();
        assertThat(ids.size()).isEqualTo(4);
    }
}
