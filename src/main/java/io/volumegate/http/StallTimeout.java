package io.volumegate.http;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends body transfers that stopped moving. Bodies stream with non-blocking I/O, so a client
 * that stops sending mid-body, or stops reading a large GET, holds no thread; but nothing else
 * would ever end its request: the container's idle timeout only covers connections between
 * requests, and our async context has no timeout (a 5 GiB body may rightly take hours). So
 * each transfer is watched: no byte moved for the limit ({@code volumegate.http.stall-timeout-seconds})
 * and it fails, which removes its temp file and closes its connection. A slow but moving
 * client (one byte a second) is served: it costs a connection and one buffer.
 */
public final class StallTimeout {
    /** No limit (setting 0, or a request that came in before the filter). */
    public static final StallTimeout NONE = new StallTimeout(null, Runnable::run, Duration.ZERO);
    private static final long MIN_CHECK_MILLIS = 250;

    private final ScheduledExecutorService timer;
    private final Executor endings;
    private final Duration limit;

    /**
     * @param timer   checks the watches; its tasks must never block
     * @param endings runs the {@code onStall} actions, which may block (see {@link KeepAliveTimer#endings()})
     */
    public StallTimeout(ScheduledExecutorService timer, Executor endings, Duration limit) {
        this.timer = timer;
        this.endings = endings;
        this.limit = limit;
    }

    public Duration limit() { return limit; }

    /** Starts watching one transfer: {@code onStall} runs once, on the endings executor, if it stalls. */
    public Watch watch(Runnable onStall) {
        Watch watch = new Watch(onStall);
        if (timer != null && !limit.isZero() && !limit.isNegative()) {
            long every = Math.max(MIN_CHECK_MILLIS, limit.toMillis() / 4);
            try {
                watch.check = timer.scheduleWithFixedDelay(watch::check, every, every, TimeUnit.MILLISECONDS);
                if (watch.over.get()) watch.check.cancel(false); // stopped before it was scheduled
            } catch (java.util.concurrent.RejectedExecutionException undeploying) {
                // the timer is shut down: nothing to watch for any more
            }
        }
        return watch;
    }

    /** One transfer's last sign of life. */
    public final class Watch {
        private final Runnable onStall;
        private final AtomicBoolean over = new AtomicBoolean();
        private volatile long lastProgress = System.nanoTime();
        private volatile ScheduledFuture<?> check;

        private Watch(Runnable onStall) {
            this.onStall = onStall;
        }

        /** Bytes moved: the clock starts again. */
        public void progress() { lastProgress = System.nanoTime(); }

        /** The transfer ended (either way): stop watching. */
        public void stop() {
            over.set(true);
            ScheduledFuture<?> scheduled = check;
            if (scheduled != null) scheduled.cancel(false);
        }

        private void check() {
            if (System.nanoTime() - lastProgress < limit.toNanos()) return;
            if (over.compareAndSet(false, true)) {
                stop();
                try {
                    endings.execute(onStall);
                } catch (java.util.concurrent.RejectedExecutionException undeploying) {
                    // shutting down: the container ends every connection anyway
                }
            }
        }
    }
}
