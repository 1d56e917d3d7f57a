package io.resettle.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

    @Test
    void oneThreadPerCoreWhileThePoolCanServeThem() {
        assertThat(WorkerThreads.threads(2, 10, 2)).isEqualTo(2);
        assertThat(WorkerThreads.threads(3, 10, 2)).isEqualTo(3);
    }

    @Test
    void neverMoreThreadsThanThePoolCanServe() {
        // 16 cores, pool of 10, 4 reserved: 6 connections, 2 per priceLines partition → 3 threads.
        assertThat(WorkerThreads.threads(16, 10, 2)).isEqualTo(3);
        assertThat(WorkerThreads.threads(16, 10, 1)).isEqualTo(6);
        assertThat(WorkerThreads.threads(16, 3, 2)).isEqualTo(1);
    }
}
