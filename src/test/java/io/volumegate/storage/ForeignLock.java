package io.volumegate.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A lock on a file held by another process, as another program would hold it: Python's
 * {@code fcntl.lockf} (a POSIX record lock, what Java's FileChannel.tryLock sees) or
 * {@code fcntl.flock} (a BSD lock, which it does not). Held until {@link #close()}.
 * Skips the test (JUnit assumption) where python3 is missing.
 */
public final class ForeignLock implements AutoCloseable {
    private static final String HOLDER = """
            import fcntl, sys
            f = open(sys.argv[2], 'r+')
            if sys.argv[1] == 'posix':
                fcntl.lockf(f, fcntl.LOCK_EX)
            else:
                fcntl.flock(f, fcntl.LOCK_EX)
            print('locked', flush=True)
            sys.stdin.read()
            """;

    private final Process process;

    private ForeignLock(Process process) {
        this.process = process;
    }

    /** A POSIX write lock (fcntl F_SETLK, F_WRLCK) over the whole of {@code file}. */
    public static ForeignLock posix(Path file) throws IOException {
        return hold("posix", file);
    }

    /** A BSD flock(2) exclusive lock on {@code file}. */
    public static ForeignLock flock(Path file) throws IOException {
        return hold("flock", file);
    }

    private static ForeignLock hold(String kind, Path file) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(List.of("python3", "-c", HOLDER, kind, file.toString()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException notThere) {
            assumeTrue(false, "skipped: python3 is needed to hold a lock from another process");
            throw notThere;
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            process.destroyForcibly();
            throw new IOException("the lock holder did not lock " + file + ": " + line);
        }
        return new ForeignLock(process);
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // the holder reads stdin to its end, then exits, releasing the lock
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        assertEquals(0, process.waitFor(), "the lock holder's exit status");
    }
}
