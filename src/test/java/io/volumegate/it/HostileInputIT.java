package io.volumegate.it;

import io.volumegate.hunt.HostileArbitraries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input, hunted end to end: seeded requests made from jqwik's generators
 * ({@link HostileArbitraries}: keys, ranges, conditions, dates, checksums, lengths, XML bodies)
 * sent as raw bytes to the Arquillian server, in nine families (PUT, GET/HEAD/DELETE of
 * hostile keys; conditional and ranged reads and refused writes of one sentinel object;
 * DeleteObjects, PutBucketVersioning and Complete bodies; copies; listings; the management
 * API's object routes with hostile keys in the path and in JSON bodies). Every answer must
 * be below 500 (501 NotImplemented, the defined answer for operations this server does not
 * have, is counted apart), no body may carry a stack trace, no file may appear or change
 * outside the bucket, and the sentinel must be byte-for-byte unchanged after every refused
 * write. {@code -Dhunt.requests} requests per family (100 by default); the seed is fixed.
 */
class HostileInputIT extends ServerTestBase {
    private static final String BUCKET = "hostileinputit";
    private static final String SENTINEL = "sentinel.txt";
    private static final byte[] SENTINEL_BYTES = "the sentinel: refused requests must leave it alone".getBytes(StandardCharsets.UTF_8);
    private static final long SEED = 20261202L;
    private static final int GEN_SIZE = 1000;
    /** A Java class name ending in Exception or Error, as a stack trace or toString() would show it. */
    private static final java.util.regex.Pattern STACK_FRAME =
            java.util.regex.Pattern.compile("\\b(java|javax|jakarta|sun|org|com|fish|io)\\.[a-z]\\w*\\.[\\w.$]*(Exception|Error)\\b");

    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();
    private int sent;
    private int notImplemented;
    private String uploadId;
    private String token;

    @Test
    void noHostileRequestGetsA5xxOrChangesWhatItMustNot() throws Exception {
        if (!Files.isDirectory(bucketDir())) server.s3().createBucket(b -> b.bucket(BUCKET));
        server.s3().putObject(b -> b.bucket(BUCKET).key(SENTINEL), RequestBody.fromBytes(SENTINEL_BYTES));
        uploadId = server.s3().createMultipartUpload(b -> b.bucket(BUCKET).key("upload.bin")).uploadId();
        token = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey()).token();
        Map<Path, String> outside = outsideTheBucket();

        int perFamily = Integer.getInteger("hunt.requests", 100);
        List<Runnable> families = List.of(this::putHostileKey, this::touchHostileKey, this::readSentinel,
                this::refusedWriteOfSentinel, this::xmlBody, this::copy, this::list, this::apiObject, this::apiJson);
        // Outside a property, jqwik's generators need a session (they memoize in it).
        JqwikSession.run(String.valueOf(SEED), () -> {
            for (int i = 0; i < perFamily; i++) {
                for (Runnable family : families) family.run();
            }
        });

        System.out.printf("HostileInputIT: %d requests (seed %d), %d answered 501 NotImplemented, %d failures%n",
                sent, SEED, notImplemented, failures.size());
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " failures");
        assertEquals(outside, outsideTheBucket(), "nothing outside the bucket appeared or changed");
    }

    // ---- families ------------------------------------------------------------------------

    private void putHostileKey() {
        Map<String, String> headers = someOf(Map.of(
                "If-None-Match", HostileArbitraries.headerNoise(), "If-Match", HostileArbitraries.headerNoise(),
                "x-amz-checksum-crc32", HostileArbitraries.checksum(), "x-amz-meta-note", HostileArbitraries.headerNoise(),
                "Content-Type", HostileArbitraries.headerNoise(), "x-amz-decoded-content-length", HostileArbitraries.headerNoise()));
        send("PUT", "/" + BUCKET + "/" + next(HostileArbitraries.rawKeyPath()), headers, bytes(64), false);
    }

    private void touchHostileKey() {
        String method = next(Arbitraries.of("GET", "HEAD", "DELETE"));
        String query = next(Arbitraries.of("", "?versionId=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise())),
                "?partNumber=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise())), "?tagging", "?acl", "?uploads",
                "?retention", "?legal-hold", "?attributes"));
        send(method, "/" + BUCKET + "/" + next(HostileArbitraries.rawKeyPath()) + query, Map.of(), new byte[0], false);
    }

    private void readSentinel() {
        Map<String, String> headers = someOf(Map.of(
                "Range", HostileArbitraries.range(), "If-Match", HostileArbitraries.headerNoise(),
                "If-None-Match", HostileArbitraries.headerNoise(), "If-Modified-Since", HostileArbitraries.date(),
                "If-Unmodified-Since", HostileArbitraries.date(), "x-amz-checksum-mode", HostileArbitraries.headerNoise()));
        String query = next(Arbitraries.of("", "?partNumber=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise())),
                "?response-content-type=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise()))
                        + "&response-expires=" + HostileArbitraries.encode(next(HostileArbitraries.date()))));
        send(next(Arbitraries.of("GET", "HEAD")), "/" + BUCKET + "/" + SENTINEL + query, headers, new byte[0], false);
    }

    /** Writes of the sentinel that must be refused (a wrong digest, a failed condition, broken framing). */
    private void refusedWriteOfSentinel() {
        Map<String, String> headers = new TreeMap<>();
        byte[] body = bytes(128);
        switch (random.nextInt(5)) {
            case 0 -> headers.put("Content-MD5", next(HostileArbitraries.checksum()));
            case 1 -> headers.put("x-amz-checksum-" + next(Arbitraries.of("crc32", "crc32c", "crc64nvme", "sha1", "sha256", "md5", "x")),
                    next(HostileArbitraries.checksum()));
            case 2 -> headers.put("If-Match", "\"" + next(HostileArbitraries.headerNoise()) + "\"");
            case 3 -> headers.put("If-None-Match", "*");
            default -> {
                headers.put("Content-Encoding", "aws-chunked");
                headers.put("x-amz-decoded-content-length", next(HostileArbitraries.headerNoise()));
                headers.put("x-amz-trailer", next(Arbitraries.of("x-amz-checksum-crc32", "x-amz-checksum-bogus", "")));
                body = next(Arbitraries.of("5\r\nhello\r\n0\r\n\r\n", "zz\r\nhello\r\n", "5;chunk-signature=00\r\nhel",
                        "ffffffffffffffff\r\nx\r\n", "1\r\nab\r\n0\r\n\r\n", "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
                        "0".repeat(5000) + "\r\n")).getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        String payload = headers.containsKey("Content-Encoding") ? "STREAMING-UNSIGNED-PAYLOAD-TRAILER" : "UNSIGNED-PAYLOAD";
        int status = send("PUT", "/" + BUCKET + "/" + SENTINEL, headers, body, payload.startsWith("STREAMING"));
        if (status >= 200 && status < 300) {
            // A digest that happened to be right: not a refusal. Put the sentinel back.
            server.s3().putObject(b -> b.bucket(BUCKET).key(SENTINEL), RequestBody.fromBytes(SENTINEL_BYTES));
        }
    }

    private void xmlBody() {
        byte[] body = next(HostileArbitraries.xml()).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        if (random.nextInt(4) > 0) headers.put("Content-MD5", md5(body));
        String target = next(Arbitraries.of("/" + BUCKET + "?delete", "/" + BUCKET + "?versioning",
                "/" + BUCKET + "/upload.bin?uploadId=" + uploadId,
                "/" + BUCKET + "/upload.bin?uploadId=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise()))));
        String method = target.endsWith("?versioning") ? "PUT" : "POST";
        send(method, target, headers, body, false);
    }

    private void copy() {
        Map<String, String> headers = someOf(Map.of(
                "x-amz-copy-source-range", HostileArbitraries.range(), "x-amz-copy-source-if-match", HostileArbitraries.headerNoise(),
                "x-amz-copy-source-if-modified-since", HostileArbitraries.date(),
                "x-amz-metadata-directive", HostileArbitraries.headerNoise()));
        headers.put("x-amz-copy-source", next(Arbitraries.of("/" + BUCKET + "/" + SENTINEL, BUCKET + "/" + SENTINEL,
                "/" + BUCKET + "/" + next(HostileArbitraries.rawKeyPath()), next(HostileArbitraries.rawKeyPath()),
                "/" + BUCKET + "/" + SENTINEL + "?versionId=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise())))));
        String target = random.nextBoolean()
                ? "/" + BUCKET + "/" + next(HostileArbitraries.rawKeyPath())
                : "/" + BUCKET + "/upload.bin?uploadId=" + uploadId + "&partNumber=" + HostileArbitraries.encode(next(HostileArbitraries.headerNoise()));
        send("PUT", target, headers, new byte[0], false);
    }

    private void list() {
        Supplier<String> text = () -> HostileArbitraries.encode(next(Arbitraries.oneOf(HostileArbitraries.key(), HostileArbitraries.headerNoise())));
        String query = next(Arbitraries.of(
                "list-type=2&prefix=" + text.get() + "&delimiter=" + text.get() + "&max-keys=" + text.get()
                        + "&continuation-token=" + text.get() + "&start-after=" + text.get() + "&encoding-type=" + text.get(),
                "prefix=" + text.get() + "&marker=" + text.get() + "&max-keys=" + text.get(),
                "versions&key-marker=" + text.get() + "&version-id-marker=" + text.get() + "&max-keys=" + text.get(),
                "uploads&key-marker=" + text.get() + "&upload-id-marker=" + text.get() + "&max-uploads=" + text.get(),
                "upload.bin&uploadId=" + uploadId + "&part-number-marker=" + text.get() + "&max-parts=" + text.get()));
        String path = query.startsWith("upload.bin") ? "/" + BUCKET + "/" + query.replaceFirst("&", "?") : "/" + BUCKET + "?" + query;
        send("GET", path, Map.of(), new byte[0], false);
    }

    /** The management API's object routes with a hostile key in the path. */
    private void apiObject() {
        String method = next(Arbitraries.of("GET", "HEAD", "DELETE", "POST"));
        String suffix = next(Arbitraries.of("", "", "/copy", "/presign", "/complete", "/abort", "/parts"));
        String area = method.equals("POST") && !suffix.isEmpty() ? "multipart" : "objects";
        byte[] body = method.equals("POST") ? ("{\"source_bucket\":\"" + BUCKET + "\",\"source_key\":\"" + SENTINEL
                + "\",\"upload_id\":" + HostileArbitraries.json(next(HostileArbitraries.headerNoise())) + ",\"file_size\":"
                + next(HostileArbitraries.headerNoise()) + "}").getBytes(StandardCharsets.UTF_8) : new byte[0];
        sendApi(method, "/api/v1/buckets/" + BUCKET + "/" + area + "/" + next(HostileArbitraries.rawKeyPath()) + suffix, body);
    }

    /** The management API's JSON bodies with hostile keys: bulk delete, presign, share, copy onto a hostile key. */
    private void apiJson() {
        String key = HostileArbitraries.json(next(HostileArbitraries.key()));
        String noise = next(HostileArbitraries.headerNoise());
        String target = next(Arbitraries.of("objects/delete", "objects/presign", "share", "objects/download"));
        String body = switch (random.nextInt(4)) {
            case 0 -> "{\"keys\":[" + key + "," + HostileArbitraries.json(SENTINEL + "x") + "],\"expires_in\":" + noise + "}";
            case 1 -> "{\"key\":" + key + ",\"expires_in\":" + noise + "}";
            case 2 -> "{\"keys\":" + key + "}";
            default -> next(HostileArbitraries.xml());
        };
        if (random.nextInt(5) == 0) {
            target = "objects/" + next(HostileArbitraries.rawKeyPath()) + "/copy";
            body = "{\"source_bucket\":" + HostileArbitraries.json(next(Arbitraries.of(BUCKET, noise))) + ",\"source_key\":" + key + "}";
        }
        sendApi("POST", "/api/v1/buckets/" + BUCKET + "/" + target, body.getBytes(StandardCharsets.UTF_8));
    }

    private void sendApi(String method, String rawTarget, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", server.host());
        headers.put("authorization", "Bearer " + token);
        if (body.length > 0) headers.put("content-type", "application/json");
        check(method, rawTarget, Map.of(), headers, body);
    }

    // ---- sending and checking ------------------------------------------------------------

    /** Sends the request as raw bytes, signed where the signer can sign its path; checks the invariants. */
    private int send(String method, String rawTarget, Map<String, String> extra, byte[] body, boolean streaming) {
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            RawS3.Request request = RawS3.on(server).request(method, rawTarget);
            extra.forEach(request::header);
            headers.putAll(request.signedHeaders(streaming ? "STREAMING-UNSIGNED-PAYLOAD-TRAILER" : "UNSIGNED-PAYLOAD", Instant.now()));
        } catch (RuntimeException unsignable) {
            headers.put("host", server.host()); // the signer takes no such path: sent unsigned (403 expected)
            headers.putAll(extra);
        }
        return check(method, rawTarget, extra, headers, body);
    }

    private int check(String method, String rawTarget, Map<String, String> extra, Map<String, String> headers, byte[] body) {
        sent++;
        String answer;
        try {
            answer = exchange(method, rawTarget, headers, body);
        } catch (IOException e) {
            failures.add(method + " " + rawTarget + " " + extra + ": no answer (" + e + ")");
            return -1;
        }
        int status = answer.length() >= 12 && answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
        String what = method + " " + printable(rawTarget) + " " + printable(extra.toString()) + " -> ";
        if (status == 501 && answer.contains("<Code>NotImplemented</Code>")) notImplemented++;
        else if (status >= 500 || status < 100) failures.add(what + printable(firstLines(answer)));
        if (answer.contains("\tat ") || STACK_FRAME.matcher(answer).find()) {
            failures.add(what + "a stack trace or exception in the answer: " + printable(firstLines(answer)));
        }
        if (status >= 300 || !rawTarget.startsWith("/" + BUCKET + "/" + SENTINEL)) checkSentinel(what + status);
        return status;
    }

    private void checkSentinel(String after) {
        try {
            byte[] now = Files.readAllBytes(bucketDir().resolve(SENTINEL));
            if (!java.util.Arrays.equals(SENTINEL_BYTES, now)) {
                failures.add("the sentinel changed after " + after);
                server.s3().putObject(b -> b.bucket(BUCKET).key(SENTINEL), RequestBody.fromBytes(SENTINEL_BYTES));
            }
        } catch (IOException e) {
            failures.add("the sentinel is gone after " + after);
            server.s3().putObject(b -> b.bucket(BUCKET).key(SENTINEL), RequestBody.fromBytes(SENTINEL_BYTES));
        }
    }

    private String exchange(String method, String rawTarget, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((method + " " + rawTarget + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            headers.forEach((name, value) -> request.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
            request.writeBytes(("content-length: " + body.length + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Map<String, String> someOf(Map<String, Arbitrary<String>> choices) {
        Map<String, String> headers = new TreeMap<>();
        new TreeMap<>(choices).forEach((name, values) -> {
            if (random.nextInt(3) == 0) headers.put(name, next(values).replaceAll("[\r\n]", " "));
        });
        return headers;
    }

    private <T> T next(Arbitrary<T> arbitrary) {
        return arbitrary.generator(GEN_SIZE).next(random).value();
    }

    private byte[] bytes(int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Path bucketDir() {
        return server.volume().resolve(BUCKET);
    }

    /** Every file of the volume and of the directory the volume is in, but the bucket's own, with its size and time. */
    private Map<Path, String> outsideTheBucket() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        Path volume = server.volume();
        try (Stream<Path> all = Stream.concat(Files.walk(volume), Files.list(volume.getParent()))) {
            all.filter(p -> !p.startsWith(bucketDir()) && Files.isRegularFile(p))
                    .forEach(p -> files.put(p, p.toFile().length() + "@" + p.toFile().lastModified()));
        }
        return files;
    }

    private static String firstLines(String answer) {
        return answer.length() > 600 ? answer.substring(0, 600) : answer;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }
}
