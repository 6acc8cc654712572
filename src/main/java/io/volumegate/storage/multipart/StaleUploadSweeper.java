package io.volumegate.storage.multipart;

import io.volumegate.config.Config;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.Volume;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes multipart uploads that were never completed or aborted, once they are older than
 * {@code volumegate.multipart.max-age-hours}, and completion records once retries are over.
 * Runs in the background from deployment to undeployment, scanning every bucket's uploads
 * folder. Every node sweeps the whole volume; they only ever remove the same things, and a
 * removal that another node got to first is no error.
 */
@ApplicationScoped
public class StaleUploadSweeper {
    private static final Logger LOG = Logger.getLogger(StaleUploadSweeper.class.getName());
    /** A retried Complete comes within minutes; its answer is kept this long (or max-age, if shorter). */
    static final Duration COMPLETION_RECORD_AGE = Duration.ofHours(1);
    private static final Duration FIRST_SWEEP = Duration.ofMinutes(1);
    private static final Duration PERIOD = Duration.ofMinutes(30);

    @Inject
    Volume volume;
    @Inject
    Config config;

    private ScheduledExecutorService timer;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "volumegate-upload-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweepVolume, FIRST_SWEEP.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
        LOG.info(() -> "multipart uploads older than " + config.multipartMaxAge().toHours() + " h are removed (0: kept), "
                + "checked every " + PERIOD.toMinutes() + " min");
    }

    @PreDestroy
    void stop() {
        if (timer != null) timer.shutdownNow();
    }

    void sweepVolume() {
        try {
            Duration maxAge = config.multipartMaxAge();
            if (maxAge.isZero() || maxAge.isNegative()) return;
            Duration completedAge = maxAge.compareTo(COMPLETION_RECORD_AGE) < 0 ? maxAge : COMPLETION_RECORD_AGE;
            Instant now = Instant.now();
            for (BucketEntry entry : volume.listBuckets()) {
                Bucket bucket = volume.bucket(entry.name());
                int removed = new MultipartStaging(bucket).sweep(now, maxAge, completedAge);
                if (removed > 0) LOG.info(() -> "removed " + removed + " stale multipart uploads of bucket " + entry.name());
                bucket.sweepAbandonedUploads(Volume.ABANDONED_UPLOAD_AGE); // e.g. a Complete cut short by a crash
            }
        } catch (Exception e) {
            // Never let an exception end the schedule: the next round tries again.
            LOG.log(Level.WARNING, "multipart upload sweep failed", e);
        }
    }
}
