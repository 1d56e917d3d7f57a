package io.resettle.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundWritesTest {

    @Test
    void theTargetGetsEveryByteInOrderOnceDrained() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        byte[] expected = new byte[1_000_003];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 31 + i / 7);
        }
        try (BackgroundWrites out = new BackgroundWrites(target, "test-writes")) {
            // Single bytes, pieces across block edges and a piece larger than many blocks.
            out.write(expected[0]);
            out.write(expected, 1, 70_000);
            out.write(expected, 70_001, 5);
            out.write(expected, 70_006, expected.length - 70_006 - 1);
            out.write(expected[expected.length - 1]);
            out.drain();
            assertThat(target.toByteArray()).isEqualTo(expected);
            out.write(new byte[] {1, 2, 3});
        }
        assertThat(target.size()).isEqualTo(expected.length + 3);
    }

    @Test
    void writesRunOnAThreadOfTheirOwn() throws IOException {
        AtomicReference<String> thread = new AtomicReference<>();
        OutputStream target = new OutputStream() {
            @Override
            public void write(int b) {
                thread.set(Thread.currentThread().getName());
            }

            @Override
            public void write(byte[] b, int off, int len) {
                thread.set(Thread.currentThread().getName());
            }
        };
        try (BackgroundWrites out = new BackgroundWrites(target, "test-writes")) {
            out.write(new byte[10]);
            out.drain();
        }
        assertThat(thread.get()).isEqualTo("test-writes");
    }

    @Test
    void anInterruptedCallerStillWaitsForTheWriteInProgressBeforeCloseReturns() throws Exception {
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                // A slow disk: the write ignores interrupts and takes its time.
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                finished.set(true);
            }
        };
        BackgroundWrites out = new BackgroundWrites(slow, "test-writes");
        out.write(new byte[10]);
        out.flush();
        writing.await();
        Thread.currentThread().interrupt();
        try {
            out.close();
        } catch (IOException e) {
            // interrupted while draining: what matters is that the thread has stopped
        }
        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        assertThat(finished).isTrue();
    }

    @Test
    void aFailedWriteReachesTheCallerAndCloseLeavesNoThreadWriting() throws IOException {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        BackgroundWrites out = new BackgroundWrites(full, "test-writes");
        out.write(new byte[100]);
        assertThatThrownBy(out::drain).isInstanceOf(IOException.class).hasMessage("No space left on device");
        out.write(new byte[100]);
        assertThatThrownBy(out::close).isInstanceOf(IOException.class).hasMessage("No space left on device");
    }
}
