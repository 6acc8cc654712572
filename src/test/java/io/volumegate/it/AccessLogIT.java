package io.volumegate.it;

import io.volumegate.auth.Credential;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Response;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server log as an operator reads it: one JSON access-log line per request, under the
 * x-amz-request-id the client was given (the id a user quotes in a support request), with
 * who asked what and how it went (operation, bucket, key, status, error code, bytes, time),
 * and never a secret, whatever the request did with one.
 */
class AccessLogIT extends ServerTestBase {
    /** Every field of a JSON access-log line (README, Operations), absent values as null. */
    private static final Set<String> FIELDS = Set.of("time", "request_id", "remote_addr", "access_key", "method", "path",
            "operation", "bucket", "key", "status", "error_code", "bytes_in", "bytes_out", "duration_ms");
    private static final String BUCKET = "accesslogit-bucket";
    private static final String WRONG_SECRET = "accesslogit-wrong-secret-0123456789abcdef";

    @Test
    void everyRequestIsLoggedUnderItsIdAndNoSecretIsLogged() throws Exception {
        Map<String, String> expectedLines = new LinkedHashMap<>(); // request id -> "METHOD /path STATUS"
        Map<String, JsonObject> parsed = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>(List.of(server.adminSecretKey(), WRONG_SECRET));
        String presignedSignature;

        try (ServerLog log = ServerLog.capture()) {
            S3Client s3 = server.s3();
            sdk(expectedLines, "PUT /" + BUCKET + " 200", () -> s3.createBucket(b -> b.bucket(BUCKET)));
            sdk(expectedLines, "PUT /accesslogit-other 200", () -> s3.createBucket(b -> b.bucket("accesslogit-other")));
            String putId = sdk(expectedLines, "PUT /" + BUCKET + "/doc.txt 200",
                    () -> s3.putObject(p -> p.bucket(BUCKET).key("doc.txt"), RequestBody.fromString("logged")));
            sdk(expectedLines, "HEAD /" + BUCKET + "/doc.txt 200", () -> s3.headObject(h -> h.bucket(BUCKET).key("doc.txt")));
            sdk(expectedLines, "GET /" + BUCKET + " 200", () -> s3.listObjectsV2(l -> l.bucket(BUCKET)));
            String missingId = sdkError(expectedLines, "GET /" + BUCKET + "/missing.txt 404",
                    () -> s3.getObject(g -> g.bucket(BUCKET).key("missing.txt")));
            String missingBucketId = sdkError(expectedLines, "GET /accesslogit-missing 404",
                    () -> s3.listObjectsV2(l -> l.bucket("accesslogit-missing")));
            try (S3Client wrong = server.s3(server.adminAccessKey(), WRONG_SECRET)) {
                sdkError(expectedLines, "GET / 403", wrong::listBuckets);
            }

            raw(expectedLines, "GET /" + BUCKET + "/doc.txt 403", RawRequest.of(server, "GET", "/" + BUCKET + "/doc.txt"));
            raw(expectedLines, "GET /" + BUCKET + "/doc.txt 403", RawRequest.of(server, "GET", "/" + BUCKET + "/doc.txt")
                    .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now().minus(Duration.ofMinutes(20))));
            raw(expectedLines, "GET /" + BUCKET + " 400", RawRequest.of(server, "GET", "/" + BUCKET + "?list-type=2&max-keys=abc")
                    .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()));

            URI presigned;
            try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
                presigned = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(BUCKET).key("doc.txt"))).url().toURI();
            }
            presignedSignature = presigned.getRawQuery().replaceAll(".*X-Amz-Signature=([0-9a-f]{64}).*", "$1");
            assertEquals(64, presignedSignature.length(), presigned::toString);
            secrets.add(presignedSignature);
            HttpResponse<String> fetched = server.http().send(HttpRequest.newBuilder(presigned).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fetched.statusCode());
            expectedLines.put(requestId(fetched), "GET /" + BUCKET + "/doc.txt 200");

            // A credential made for the occasion, used and deleted: its secret stays out of the log too.
            Credential temporary = server.keyring().create(Set.of(BUCKET), false, false, "accesslogit");
            secrets.add(new String(temporary.secret(), StandardCharsets.UTF_8));
            try (S3Client client = server.s3(temporary.accessKeyId(), new String(temporary.secret(), StandardCharsets.UTF_8))) {
                awaitAccepted(client, expectedLines);
                sdkError(expectedLines, "GET /accesslogit-other 403", () -> client.listObjectsV2(l -> l.bucket("accesslogit-other")));
            } finally {
                server.keyring().delete(temporary.accessKeyId());
            }

            boolean complete = log.awaitAll(expectedLines.keySet(), Duration.ofSeconds(5));
            List<String> lines = log.lines();
            for (Map.Entry<String, String> expected : expectedLines.entrySet()) {
                String line = lines.stream().filter(l -> l.contains(expected.getKey())).findFirst().orElse(null);
                assertNotNull(line, () -> "no log line for request " + expected.getKey() + " (" + expected.getValue() + ")"
                        + (complete ? "" : "; the log has " + lines.size() + " lines"));
                assertTrue(line.contains("io.volumegate.access"), line);
                JsonObject json = accessJson(line);
                String[] methodPathStatus = expected.getValue().split(" ");
                assertEquals(expected.getKey(), json.getString("request_id"), line);
                assertEquals(methodPathStatus[0], json.getString("method"), line);
                assertEquals(methodPathStatus[1], json.getString("path"), line);
                assertEquals(Integer.parseInt(methodPathStatus[2]), json.getInt("status"), line);
                assertEquals("127.0.0.1", json.getString("remote_addr"), line);
                assertEquals(FIELDS, json.keySet(), line);
                assertTrue(json.getJsonNumber("duration_ms").longValue() >= 0, line);
                assertEquals(json.getInt("status") >= 400, !json.isNull("error_code"), () -> "error code iff an error: " + line);
                assertFalse(json.isNull("operation"), line);
                parsed.put(expected.getKey(), json);
            }
            // What the operator reads about particular requests.
            JsonObject put = parsed.get(putId);
            assertEquals("PUT_OBJECT", put.getString("operation"));
            assertEquals(BUCKET, put.getString("bucket"));
            assertEquals("doc.txt", put.getString("key"));
            assertEquals(server.adminAccessKey(), put.getString("access_key"));
            assertEquals(6, put.getInt("bytes_in"));
            assertEquals("NoSuchKey", parsed.get(missingId).getString("error_code"));
            assertEquals("NoSuchBucket", parsed.get(missingBucketId).getString("error_code"));
            JsonObject presignedGet = parsed.get(requestId(fetched));
            assertEquals("GET_OBJECT", presignedGet.getString("operation"));
            assertEquals(6, presignedGet.getInt("bytes_out"), "the body the client received");
            assertEquals(server.adminAccessKey(), presignedGet.getString("access_key"));
            assertEquals(expectedLines.size(), lines.stream().filter(l -> l.contains("io.volumegate.access")
                    && expectedLines.keySet().stream().anyMatch(l::contains)).count(), "one line per request");

            String text = log.text();
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret or signature is in the server log");
            }
        }

        // The whole run's output so far, server start-up included (failsafe writes it per class).
        try (Stream<Path> reports = Files.list(Path.of("target", "failsafe-reports"))) {
            for (Path report : reports.filter(p -> p.getFileName().toString().endsWith("-output.txt")).toList()) {
                String text = Files.readString(report, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), () -> "a secret or signature is in " + report);
                }
            }
        } catch (IOException noReportsYet) {
            // first class of the run in an IDE: there is nothing else to read
        }
    }

    private static String sdk(Map<String, String> expected, String line, Supplier<? extends S3Response> call) {
        S3Response response = call.get();
        expected.put(response.responseMetadata().requestId(), line);
        return response.responseMetadata().requestId();
    }

    private static String sdkError(Map<String, String> expected, String line, Runnable call) {
        S3Exception error = assertThrows(S3Exception.class, call::run);
        assertNotNull(error.requestId(), line);
        expected.put(error.requestId(), line);
        return error.requestId();
    }

    /** The JSON object of an access-log line (the container's log prefix before it). */
    private static JsonObject accessJson(String line) {
        int start = line.indexOf("{\"time\":");
        assertTrue(start >= 0, () -> "no JSON access-log object in: " + line);
        try (JsonReader reader = Json.createReader(new StringReader(line.substring(start, line.lastIndexOf('}') + 1)))) {
            return reader.readObject();
        }
    }

    private static void raw(Map<String, String> expected, String line, RawRequest request) throws Exception {
        expected.put(requestId(request.send()), line);
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("x-amz-request-id").orElseThrow(() -> new AssertionError("no x-amz-request-id"));
    }

    /** Waits for the server to load the new credential, expecting a line for every attempt. */
    private static void awaitAccepted(S3Client client, Map<String, String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(2));
        while (true) {
            try {
                sdk(expected, "GET /" + BUCKET + " 200", () -> client.listObjectsV2(l -> l.bucket(BUCKET)));
                return;
            } catch (S3Exception e) {
                if (Instant.now().isAfter(deadline)) throw e;
                expected.put(e.requestId(), "GET /" + BUCKET + " 403");
            }
            Thread.sleep(50);
        }
    }
}
