package io.volumegate.http;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One timer thread for every {@link KeepAliveResponse}: its tasks only queue a few bytes, so
 * a single thread serves any number of long answers.
 */
@ApplicationScoped
public class KeepAliveTimer {
    private ScheduledExecutorService scheduler;

    @PostConstruct
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "volumegate-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    public ScheduledExecutorService scheduler() { return scheduler; }
}
