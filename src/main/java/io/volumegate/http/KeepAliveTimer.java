package io.volumegate.http;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every {@link KeepAliveResponse} and every {@link StallTimeout} check:
 * its tasks only queue a few bytes or compare two clocks, so a single thread serves any number
 * of long answers and body transfers.
 */
@ApplicationScoped
public class KeepAliveTimer {
    /** Threads that end stalled transfers: see {@link #endings()}. */
    private static final int ENDING_THREADS = 32;

    private ScheduledExecutorService scheduler;
    private ThreadPoolExecutor endings;

    @PostConstruct
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "volumegate-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        endings = new ThreadPoolExecutor(ENDING_THREADS, ENDING_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "volumegate-stall-end");
            thread.setDaemon(true);
            return thread;
        });
        endings.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        endings.shutdownNow();
    }

    public ScheduledExecutorService scheduler() { return scheduler; }

    /**
     * Where a stalled transfer is ended. Not on the timer thread: completing a response whose
     * client reads nothing can block in the container until its own write timeout,
     * and the timer must go on checking every other transfer meanwhile.
     */
    public Executor endings() { return endings; }
}
