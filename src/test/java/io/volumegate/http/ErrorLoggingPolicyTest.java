package io.volumegate.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error-logging policy, as an operator reads the log: a server fault (500) is logged once, at
 * SEVERE, with the request id and its stack trace; a client's error (4xx), a client that went
 * away, and a refusal the server meant (503 busy) are answers, logged with no stack trace or not
 * at all (the access log has their code). Also for a failure after the response was committed.
 */
class ErrorLoggingPolicyTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.volumegate");
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord record) { records.add(record); }
        @Override public void flush() { }
        @Override public void close() { }
    };
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(level);
    }

    @Test
    void aServerFaultIsLoggedOnceWithTheRequestIdAndItsStackTrace() throws Exception {
        FakeHttp http = new FakeHttp();
        RuntimeException fault = new IllegalStateException("a bug");
        ErrorResponses.send(http.request, http.response, fault, false);

        assertEquals(500, http.status);
        assertTrue(http.body().contains("<Code>InternalError</Code>") && !http.body().contains("a bug"), "nothing of it in the answer");
        LogRecord record = only(Level.SEVERE);
        String requestId = RequestContext.of(http.request).requestId();
        assertTrue(record.getMessage().contains(requestId), record.getMessage());
        assertSame(fault, record.getThrown(), "with its stack trace");
    }

    @Test
    void clientErrorsAreAnswersNotLogged() throws Exception {
        for (Throwable clientError : List.of(S3Error.NO_SUCH_KEY.exception(), S3Error.SIGNATURE_DOES_NOT_MATCH.exception(),
                S3Error.MALFORMED_XML.exception(), new EOFException("the client hung up"),
                S3Error.SERVICE_UNAVAILABLE.exception("The server is busy; retry shortly."))) {
            FakeHttp http = new FakeHttp();
            ErrorResponses.send(http.request, http.response, clientError, false);
            assertTrue(http.status >= 400, clientError + ": " + http.status);
        }
        assertEquals(List.of(), records.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void aVolumeTheServerMayNotReadIsAWarningWithoutAStackTrace() throws Exception {
        FakeHttp http = new FakeHttp();
        ErrorResponses.send(http.request, http.response, new AccessDeniedException("/srv/volume/data/x"), false);
        assertEquals(403, http.status);
        LogRecord record = only(Level.WARNING);
        assertNull(record.getThrown());
    }

    @Test
    void aFaultAfterTheAnswerBeganIsStillLoggedOnceAndAClientGoneIsNot() {
        FakeHttp faulty = new FakeHttp();
        faulty.committed = true; // a download's headers and first bytes are out
        IOException disk = new IOException("Input/output error");
        faulty.exchange().fail(disk);
        LogRecord record = only(Level.SEVERE);
        assertSame(disk, record.getThrown());
        assertTrue(record.getMessage().contains(RequestContext.of(faulty.request).requestId()), record.getMessage());
        assertEquals("InternalError", RequestContext.of(faulty.request).errorCode(), "the access log names it");

        records.clear();
        FakeHttp gone = new FakeHttp();
        gone.committed = true;
        gone.exchange().fail(new EOFException("the client hung up"));
        assertEquals(List.of(), records.stream().filter(r -> r.getLevel().intValue() > Level.FINE.intValue()).toList());
    }

    /** The one record at {@code level} or above; fails if there are others. */
    private LogRecord only(Level level) {
        List<LogRecord> logged = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
        assertEquals(1, logged.size(), logged.stream().map(LogRecord::getMessage).toList().toString());
        assertEquals(level, logged.get(0).getLevel());
        return logged.get(0);
    }
}
