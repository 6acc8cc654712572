package io.volumegate.storage;

import io.volumegate.config.Config;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded pool for blocking filesystem work (stat, fsync, rename, directory walks) so it
 * never runs on the container's I/O threads. Bounded queue: when the volume cannot keep up
 * we answer 503 SlowDown-style instead of queueing without limit. Our own pool rather than
 * a ManagedExecutorService because Tomcat has none.
 */
@ApplicationScoped
public class IoExecutor implements Executor {
    @Inject
    Config config;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        int threads = config.ioThreads();
        AtomicInteger counter = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, "volumegate-io-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Waits a little for the threads to end: a container checks for threads an application
     * left running right after undeploying it (Tomcat warns of a leak otherwise), and a
     * redeploy must not leave old threads holding the old class loader.
     */
    @PreDestroy
    void stop() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void execute(Runnable task) { pool.execute(task); }

    public <T> CompletableFuture<T> supply(Supplier<T> task) { return CompletableFuture.supplyAsync(task, pool); }
}
