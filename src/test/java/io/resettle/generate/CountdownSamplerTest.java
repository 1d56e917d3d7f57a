package io.resettle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CountdownSamplerTest {

    @Test
    void everyIndexComesOutExactlyItsCount() {
        Random seeds = new Random(17);
        for (int round = 0; round < 200; round++) {
            long[] counts = new long[1 + seeds.nextInt(40)];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = seeds.nextInt(4) == 0 ? 0 : seeds.nextInt(50);
            }
            CountdownSampler sampler = new CountdownSampler(counts);
            long[] drawn = new long[counts.length];
            SplittableRandom random = new SplittableRandom(round);
            long total = Arrays.stream(counts).sum();
            for (long n = 0; n < total; n++) {
                drawn[sampler.draw(random)]++;
            }

            assertThat(drawn).as("round %d", round).containsExactly(counts);
            assertThat(sampler.remaining()).isZero();
        }
    }

    @Test
    void drawingFromNothingFails() {
        CountdownSampler sampler = new CountdownSampler(new long[] {0, 0});

        assertThatThrownBy(() -> sampler.draw(new SplittableRandom(1))).isInstanceOf(IllegalStateException.class);
    }
}
