package io.resettle.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An output stream that hands its bytes, in blocks and in order, to one background thread writing
 * them to {@code target}: the period workbook's deflating zip gets a core of its own while the
 * caller reads the CSVs and builds the XML (deflate was half the workbook's time,
 * docs/performance.md). The target sees exactly the bytes written here, in the same order.
 *
 * <p>Only the background thread touches {@code target} until {@link #drain()} returns; then the
 * caller may use it directly (to close a zip entry, start the next). A failure of the background
 * write is thrown to the caller by the next write that waits, or by {@code drain} or {@code close}.
 */
final class BackgroundWrites extends OutputStream {

    private static final int BLOCK = 1 << 16;
    /** Blocks queued at most: bounds the memory to a few hundred kilobytes whatever the sheet's size. */
    private static final int QUEUED = 8;
    /** A write stuck longer than this (a hung disk) fails the workbook rather than the thread's wait. */
    private static final int STOP_WAIT_MINUTES = 10;

    private final OutputStream target;
    private final ExecutorService writer;
    private final Deque<Future<?>> queued = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK];
    private int used;

    BackgroundWrites(OutputStream target, String threadName) {
        this.target = target;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (used == block.length) {
            hand();
        }
        block[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (used == block.length) {
                hand();
            }
            int n = Math.min(length, block.length - used);
            System.arraycopy(bytes, offset, block, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    /** Hands what is buffered to the background thread without waiting for it. */
    @Override
    public void flush() throws IOException {
        if (used > 0) {
            hand();
        }
    }

    /** Waits until every byte written so far is in {@code target}. */
    void drain() throws IOException {
        flush();
        while (!queued.isEmpty()) {
            await(queued.removeFirst());
        }
    }

    /**
     * Drains, then stops the thread; {@code target} stays open. After a failure the blocks still
     * queued are dropped, and the thread has stopped when this returns, so the caller may close
     * {@code target} without racing it.
     */
    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            writer.shutdownNow();
            awaitStopped();
        }
    }

    /**
     * Waits, through interrupts (restored afterwards), until the thread has stopped: it may be
     * inside a write to {@code target}, which the caller is about to close.
     */
    private void awaitStopped() throws IOException {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(STOP_WAIT_MINUTES);
        try {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                try {
                    if (writer.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            throw new IOException("the background writer did not stop within " + STOP_WAIT_MINUTES + " minutes");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void hand() throws IOException {
        byte[] bytes = used == block.length ? block : Arrays.copyOf(block, used);
        queued.addLast(writer.submit(() -> {
            target.write(bytes);
            return null;
        }));
        block = new byte[BLOCK];
        used = 0;
        if (queued.size() > QUEUED) {
            await(queued.removeFirst());
        }
    }

    private static void await(Future<?> write) throws IOException {
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
    }
}
