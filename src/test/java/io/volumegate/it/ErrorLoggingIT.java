package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error-logging policy as an operator reads the server log: clients' errors (4xx), and
 * refusals the server means (501 for an operation it does not implement), are in the access log
 * with their code, and never bring a stack trace or a SEVERE line. (A server fault's one SEVERE
 * line with the request id and stack trace cannot be provoked from outside on purpose:
 * ErrorLoggingPolicyTest checks it.)
 */
class ErrorLoggingIT extends ServerTestBase {
    private static final String BUCKET = "errorloggingit-bucket";

    @Test
    void clientErrorsAreLoggedWithoutAStackTrace() throws Exception {
        S3Client s3 = server.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(p -> p.bucket(BUCKET).key("private.txt"), RequestBody.fromString("private"));
        Map<String, Integer> answers = new TreeMap<>(); // request id -> status

        try (ServerLog log = ServerLog.capture()) {
            answer(answers, get("/" + BUCKET + "/missing.txt"));                  // 403 to an anonymous client (keys do not leak)
            answer(answers, get("/errorloggingit-missing/x"));                    // 404 NoSuchBucket
            answer(answers, get("/" + BUCKET + "/private.txt"));                  // 403 AccessDenied
            answer(answers, get("/" + BUCKET + "?list-type=2&max-keys=abc"));     // 400 InvalidArgument (anonymous: 403)
            answer(answers, get("/" + BUCKET + "/private.txt?torrent"));          // 501 NotImplemented or 403
            answer(answers, get("/" + BUCKET + "/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=nobody"));  // 400/403 malformed presign
            answer(answers, get("/api/v1/buckets"));                              // 401 without a token
            try (S3Client wrong = server.s3(server.adminAccessKey(), "errorloggingit-wrong-secret-0123456789")) {
                try {
                    wrong.listBuckets();
                } catch (software.amazon.awssdk.services.s3.model.S3Exception refused) {
                    answers.put(refused.requestId(), refused.statusCode());       // 403 SignatureDoesNotMatch
                }
            }
            assertTrue(answers.values().stream().allMatch(status -> status >= 400), answers.toString());
            assertTrue(answers.containsValue(401) && answers.containsValue(404), answers.toString());

            List<String> ids = new ArrayList<>(answers.keySet());
            assertTrue(log.awaitAll(ids, Duration.ofSeconds(10)), "each request's access-log line: " + ids + "\n" + log.text());
            String text = log.text();
            assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
            assertFalse(text.contains("SEVERE"), "no server fault:\n" + text);
            assertFalse(text.contains("Exception"), "no exception named:\n" + text);
        }
    }

    private HttpResponse<String> get(String rawPath) throws Exception {
        return server.http().send(HttpRequest.newBuilder(server.uri(rawPath)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void answer(Map<String, Integer> answers, HttpResponse<String> response) {
        String id = response.headers().firstValue("x-amz-request-id").orElseThrow();
        assertEquals(null, answers.put(id, response.statusCode()));
    }
}
