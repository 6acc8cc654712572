package io.volumegate.ops;

import io.volumegate.http.ShutdownSafeLog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access log: requests hand their {@link AccessRecord} to a bounded queue and go on; one
 * writer thread formats the lines and hands them to the sink (the {@code io.volumegate.access}
 * logger, so the container's logging decides where they go). When the writer falls a whole
 * queue behind, new lines are dropped and counted ({@code onDrop}) rather than slowing requests.
 */
final class AccessLog implements AutoCloseable {
    static final String LOGGER = "io.volumegate.access";
    private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());
    private static final int BATCH = 256;

    private final AccessLogFormat format;
    private final BlockingQueue<AccessRecord> queue;
    private final Consumer<String> sink;
    private final Runnable onDrop;
    private final Thread writer;
    private volatile boolean closed;

    AccessLog(AccessLogFormat format, int capacity, Consumer<String> sink, Runnable onDrop) {
        this.format = format;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.sink = sink;
        this.onDrop = onDrop;
        this.writer = new Thread(this::write, "volumegate-access-log");
        writer.setDaemon(true);
        if (format != AccessLogFormat.OFF) writer.start();
    }

    /** Lines to the {@code io.volumegate.access} logger at INFO. */
    static Consumer<String> toLogger() {
        ShutdownSafeLog logger = new ShutdownSafeLog(LOGGER); // the last lines come while the JVM shuts down
        return line -> logger.log(Level.INFO, line);
    }

    /** Queues the record; never blocks. */
    void add(AccessRecord record) {
        if (format == AccessLogFormat.OFF) return;
        if (closed || !queue.offer(record)) onDrop.run();
    }

    private void write() {
        List<AccessRecord> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                AccessRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                closed = true;
                queue.drainTo(batch);
            }
            for (AccessRecord record : batch) {
                try {
                    sink.accept(format.format(record));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot write an access-log line", e);
                }
            }
            batch.clear();
        }
    }

    /** Writes what is queued (for up to 5 s), then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) writer.interrupt();
    }
}
