package io.volumegate.ops;

import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.RequestGate;
import io.volumegate.storage.TempFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Level;

/**
 * The application's end, on undeploy or on the JVM's shutdown (SIGTERM): refuse new requests,
 * let those in flight finish for up to {@code volumegate.shutdown.grace-seconds}, then cut off
 * what still runs, so no upload leaves a temp file behind and no half-written object is ever
 * visible (objects appear by one atomic rename, after their bytes are on disk). Runs on the
 * container's thread that undeploys the application, before any of our beans is destroyed,
 * so uploads in flight still have their executor and their listeners meanwhile.
 */
@ApplicationScoped
public class GracefulShutdown {
    private static final ShutdownSafeLog LOG = new ShutdownSafeLog(GracefulShutdown.class.getName());
    /** After the cut-off, how long the requests cut off get to send their 503 and end. */
    static final Duration AFTER_CUT_OFF = Duration.ofSeconds(1);

    @Inject
    Config config;
    @Inject
    RequestGate gate;

    /** Blocks until the requests in flight ended, or the grace period is over and they were cut off. */
    public void run() {
        run(config.shutdownGrace());
    }

    void run(Duration grace) {
        gate.close();
        int inFlight = gate.inFlight();
        if (inFlight > 0) {
            LOG.log(Level.INFO, "shutting down: new requests are refused; waiting up to " + seconds(grace) + " for the "
                    + inFlight + " in flight");
        }
        try {
            int left = gate.awaitIdle(grace);
            if (left == 0) {
                if (inFlight > 0) LOG.log(Level.INFO, "shutting down: every request in flight finished");
                return;
            }
            int removed = TempFile.cutOffAll();
            LOG.log(Level.WARNING, "shutting down: " + left + " requests still in flight after the grace period of "
                    + seconds(grace) + " (" + Setting.SHUTDOWN_GRACE_SECONDS.property() + ") are cut off; unfinished uploads "
                    + "removed, nothing of them kept: " + removed);
            gate.awaitIdle(AFTER_CUT_OFF);
        } catch (InterruptedException e) {
            TempFile.cutOffAll();
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
