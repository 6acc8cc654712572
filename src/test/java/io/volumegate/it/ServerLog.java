package io.volumegate.it;

import org.apache.commons.io.output.TeeOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the server logs, as it logs it. The Arquillian adapter copies Payara Micro's console
 * (where java.util.logging writes, the access log included) line by line to this JVM's
 * {@code System.out}, which failsafe files under target/failsafe-reports/*-output.txt. A
 * capture tees {@code System.out} meanwhile, so a test reads the lines its own requests made.
 */
final class ServerLog implements AutoCloseable {
    private final PrintStream original;
    private final PrintStream tee;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private ServerLog() {
        original = System.out;
        tee = new PrintStream(new TeeOutputStream(original, captured), true, Charset.defaultCharset());
    }

    /** Starts capturing; close to stop. */
    static ServerLog capture() {
        ServerLog log = new ServerLog();
        System.setOut(log.tee);
        return log;
    }

    /** Everything written since the capture began. */
    String text() {
        synchronized (captured) {
            return captured.toString(Charset.defaultCharset());
        }
    }

    List<String> lines() {
        return text().lines().toList();
    }

    /**
     * Waits until every one of {@code needles} is in the log (lines travel through a pipe,
     * and an access-log line is written when its request ends); false after {@code timeout}.
     */
    boolean awaitAll(Collection<String> needles, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String text = text();
            if (needles.stream().allMatch(text::contains)) return true;
            if (Instant.now().isAfter(deadline)) return false;
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        if (System.out == tee) System.setOut(original);
        tee.flush();
    }
}
