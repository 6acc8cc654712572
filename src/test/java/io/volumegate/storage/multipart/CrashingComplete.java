package io.volumegate.storage.multipart;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A process that completes an upload and freezes at a given point, to be killed there with
 * SIGKILL by {@link CompleteCrashTest}: no finally block, shutdown hook or cleanup runs, just
 * as when a server dies.
 *
 * <p>Arguments: bucket root, upload id, key, and where to stop: {@code assembled} or
 * {@code committed}.
 */
public final class CrashingComplete {
    static final String FROZEN = "FROZEN";

    private CrashingComplete() {}

    public static void main(String[] args) throws Exception {
        String stopAt = args[3];
        CompletionHooks freeze = new CompletionHooks() {
            @Override
            public void assembled() {
                if (stopAt.equals("assembled")) freeze();
            }

            @Override
            public void committed() {
                if (stopAt.equals("committed")) freeze();
            }
        };
        StagingFixture fixture = new StagingFixture(Path.of(args[0]), Clock.systemUTC(), freeze);
        UploadManifest upload = fixture.staging.open(args[1], args[2]);
        fixture.complete(upload, fixture.staging.parts(upload));
        System.out.println("COMPLETED WITHOUT FREEZING");
    }

    private static void freeze() {
        System.out.println(FROZEN);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // only SIGKILL ends this process
            }
        }
    }
}
