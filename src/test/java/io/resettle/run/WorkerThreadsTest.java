package io.resettle.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

    @Test
    void oneThreadPerCoreWhileThePoolCanServeThem() {
        assertThat(WorkerThreads.threads(2, 10, 2)).isEqualTo(2);
        assertThat(WorkerThreads.threads(4, 10, 2)).isEqualTo(4);
    }

    @Test
    void neverMoreThreadsThanThePoolCanServe() {
        // 16 cores, pool of 10, 2 reserved: 8 connections, 2 per priceLines partition → 4 threads.
        assertThat(WorkerThreads.threads(16, 10, 2)).isEqualTo(4);
        assertThat(WorkerThreads.threads(16, 10, 1)).isEqualTo(8);
        assertThat(WorkerThreads.threads(16, 3, 2)).isEqualTo(1);
    }
}
