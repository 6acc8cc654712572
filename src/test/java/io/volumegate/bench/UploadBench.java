package io.volumegate.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Upload/download throughput of a running VolumeGate, per request-body mode, as ratios against
 * {@code dd conv=fsync} and {@code cp}+{@code sync} of the same file measured in the same run, round by
 * round: on a shared, noisy machine only ratios taken close together mean anything.
 *
 * <p>Given several endpoints (and pids, and labels), every round measures each server in turn,
 * to compare two builds side by side: {@code src/test/scripts/bench-ab.sh}.
 *
 * <p>Not a test (no *Test / *IT name): {@code src/test/scripts/bench-upload.sh} builds it, starts
 * the server with the README's run command, runs this, and stops the server.
 *
 * <p>The raw-socket modes cost the client almost nothing: the payload's digests, the chunks'
 * SHA-256 and the CRC32 are computed once before the first round, and each upload only signs
 * (a few thousand HMACs for a GiB) and copies file bytes into the socket. So their time is
 * the server's. The {@code sdk} mode is the AWS SDK v2 sync client at its defaults, which
 * hashes every chunk on the client too: it shows what a real client sees.
 */
public final class UploadBench {
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String BUCKET = "bench";
    private static final int IO_BUFFER = 256 * 1024;

    /** The request-body modes, in the order they run each round. */
    enum Mode {
        UNSIGNED("unsigned", "UNSIGNED-PAYLOAD, plain body"),
        SIGNED_HEX("signed-hex", "signed hex SHA-256, plain body (boto3 / aws CLI v1 over http)"),
        CHUNKED_SIGNED("chunked-signed", "aws-chunked, signed chunks + signed CRC32 trailer (SDK v2 default over http)"),
        CHUNKED_UNSIGNED("chunked-unsigned", "aws-chunked, unsigned + CRC32 trailer (SDK v2 default over https)"),
        SDK("sdk", "AWS SDK v2 sync client, defaults (client hashing included)");

        final String id;
        final String description;

        Mode(String id, String description) {
            this.id = id;
            this.description = description;
        }

        static Mode of(String id) {
            for (Mode mode : values()) if (mode.id.equals(id)) return mode;
            throw new IllegalArgumentException("unknown mode " + id + "; known: " + Arrays.toString(values()));
        }
    }

    /** The servers to compare (usually one); every round measures each of them, in turn. */
    private final List<Server> servers = new ArrayList<>();
    /** The server the requests being made go to. */
    private URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region = "us-east-1";
    private final long size;
    private final int rounds;
    private final int chunkSize;
    private final Path work;
    private final List<Mode> modes;
    private final Path payload;
    /** The current server JVM's pid, when known: its CPU time per request is read from /proc. */
    private long serverPid;
    /** Untimed uploads of every mode before the first round, to let the server's JIT compile. */
    private final int warmups;
    /** Whether each round ends with a timed GET (off: uploads only, e.g. to profile them). */
    private final boolean downloads;

    private String payloadMd5;
    private String payloadSha256;
    private String payloadCrc32;
    private byte[][] chunkSha256;

    private UploadBench(Map<String, String> options) {
        String[] endpoints = required(options, "endpoint").split(",");
        String[] pids = options.getOrDefault("server-pid", "0").split(",");
        String[] labels = options.getOrDefault("labels", "").split(",");
        for (int i = 0; i < endpoints.length; i++) {
            servers.add(new Server(i < labels.length && !labels[i].isBlank() ? labels[i].strip() : endpoints.length == 1 ? "" : "server " + (i + 1),
                    URI.create(endpoints[i].strip()), i < pids.length ? Long.parseLong(pids[i].strip()) : 0));
        }
        accessKey = required(options, "access-key");
        secretKey = required(options, "secret-key");
        size = Long.parseLong(options.getOrDefault("size-mib", "1024")) << 20;
        rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        chunkSize = Integer.parseInt(options.getOrDefault("chunk-kib", "128")) * 1024;
        work = Path.of(required(options, "work"));
        modes = new ArrayList<>();
        for (String id : options.getOrDefault("modes", "unsigned,signed-hex,chunked-signed,chunked-unsigned,sdk").split(",")) {
            if (!id.isBlank()) modes.add(Mode.of(id.strip()));
        }
        payload = work.resolve("payload.bin");
        downloads = Boolean.parseBoolean(options.getOrDefault("downloads", "true"));
        warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) throw new IllegalArgumentException("usage: --name value ...");
            options.put(args[i].substring(2), args[++i]);
        }
        new UploadBench(options).run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "payload %d MiB, %d warm-up and %d timed round(s), aws-chunked chunk %d KiB, %s%n",
                size >> 20, warmups, rounds, chunkSize >> 10, servers);
        preparePayload();
        for (Server server : servers) {
            use(server);
            send(request("PUT", "/" + BUCKET, EMPTY_SHA256, Map.of(), 0), null); // 200, or 409 when it exists
            for (int i = 0; i < warmups; i++) {
                // Untimed: a fresh JVM first interprets, then compiles; the rounds measure what it becomes.
                for (Mode mode : modes) {
                    upload(mode);
                    delete(key(mode));
                }
            }
        }
        Files.write(work.resolve(".uploading"), new byte[0]); // the script's cue to start a profile

        Map<String, Results> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            double dd = timeCommand("dd", "if=" + payload, "of=" + work.resolve("dd.out"), "bs=1M", "conv=fsync", "status=none");
            Files.delete(work.resolve("dd.out"));
            double cp = timeCommand("sh", "-c", "cp \"$0\" \"$1\" && sync \"$1\"", payload.toString(), work.resolve("cp.out").toString());
            Files.delete(work.resolve("cp.out"));
            results.computeIfAbsent("dd conv=fsync", k -> new Results()).add(new Timing(dd, Double.NaN, Double.NaN), dd);
            results.computeIfAbsent("cp + sync", k -> new Results()).add(new Timing(cp, Double.NaN, Double.NaN), dd);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d: dd %.2fs, cp %.2fs", round, dd, cp));
            // Several servers: they take turns going first, so neither always gets the quieter minutes.
            for (int s = 0; s < servers.size(); s++) {
                Server server = servers.get((s + round - 1) % servers.size());
                use(server);
                String prefix = server.label.isEmpty() ? "" : server.label + " ";
                if (!server.label.isEmpty()) line.append(" | ").append(server.label);
                for (Mode mode : modes) {
                    Timing t = upload(mode);
                    results.computeIfAbsent(prefix + "PUT " + mode.id, k -> new Results()).add(t, dd);
                    line.append(String.format(Locale.ROOT, ", %s %.2fs", mode.id, t.seconds));
                }
                if (downloads) {
                    Timing get = download(key(modes.get(0)), false);
                    results.computeIfAbsent(prefix + "GET", k -> new Results()).add(get, dd);
                    line.append(String.format(Locale.ROOT, ", GET %.2fs", get.seconds));
                }
                if (round < rounds) for (Mode mode : modes) delete(key(mode));
            }
            System.out.println(line);
        }
        for (Server server : servers) {
            use(server);
            if (downloads) download(key(modes.get(0)), true); // untimed: the bytes come back exactly
            for (Mode mode : modes) delete(key(mode));
        }

        System.out.println();
        int width = 20 + servers.stream().mapToInt(server -> server.label.length() + 1).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-" + width + "s %8s %8s %8s %12s %12s%n", "medians of " + rounds + " rounds",
                "seconds", "MiB/s", "x dd", "after body", "server CPU");
        for (Map.Entry<String, Results> entry : results.entrySet()) {
            Results r = entry.getValue();
            double seconds = median(r.seconds);
            System.out.printf(Locale.ROOT, "%-" + width + "s %8.2f %8.0f %8.2f %12s %12s%n", entry.getKey(), seconds,
                    (size >> 20) / seconds, median(r.ratios), format(median(r.tails)), format(median(r.cpu)));
        }
        if (servers.size() == 2 && !servers.get(0).label.isEmpty()) {
            // Paired per round: the two servers ran minutes apart, in turns, so their ratio is steadier than either.
            String a = servers.get(0).label + " ", b = servers.get(1).label + " ";
            System.out.println();
            System.out.printf(Locale.ROOT, "%-" + width + "s %12s %12s%n", b.strip() + " / " + a.strip() + ", per round", "time", "server CPU");
            for (Map.Entry<String, Results> entry : results.entrySet()) {
                if (!entry.getKey().startsWith(b)) continue;
                Results base = results.get(a + entry.getKey().substring(b.length()));
                Results work = entry.getValue();
                List<Double> time = new ArrayList<>(), cpu = new ArrayList<>();
                for (int i = 0; i < work.seconds.size(); i++) {
                    time.add(work.seconds.get(i) / base.seconds.get(i));
                    cpu.add(work.cpu.get(i) / base.cpu.get(i));
                }
                System.out.printf(Locale.ROOT, "%-" + width + "s %12.2f %12s%n", entry.getKey().substring(b.length()),
                        median(time), format(median(cpu)));
            }
        }
        System.out.println();
        System.out.println("x dd:        wall time / the same round's `dd bs=1M conv=fsync` time (1.00 = as fast as dd)");
        System.out.println("after body:  seconds from the last body byte sent to the response (server drains, verifies, fsyncs, renames)");
        System.out.println("server CPU:  CPU seconds the server JVM used during the request (all its threads)");
        for (Mode mode : modes) System.out.printf("  %-17s %s%n", mode.id, mode.description);
    }

    private record Server(String label, URI endpoint, long pid) {
        @Override
        public String toString() { return (label.isEmpty() ? "" : label + " = ") + endpoint + (pid > 0 ? " (pid " + pid + ")" : ""); }
    }

    private void use(Server server) {
        endpoint = server.endpoint;
        serverPid = server.pid;
    }

    /** One timed request: wall seconds, seconds after the body was sent, server CPU seconds (NaN: unknown). */
    private record Timing(double seconds, double tail, double cpu) {
    }

    private static final class Results {
        final List<Double> seconds = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();
        final List<Double> tails = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();

        void add(Timing timing, double dd) {
            seconds.add(timing.seconds);
            ratios.add(timing.seconds / dd);
            tails.add(timing.tail);
            cpu.add(timing.cpu);
        }
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** CPU seconds the server JVM has used so far, from /proc; NaN without a pid. */
    private double serverCpu() {
        return ProcessCpu.seconds(serverPid);
    }

    // ---- payload ---------------------------------------------------------------------------

    /** Random bytes, and everything the modes need to know of them, in one untimed pass. */
    private void preparePayload() throws IOException, GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        MessageDigest chunk = MessageDigest.getInstance("SHA-256");
        CRC32 crc = new CRC32();
        int chunks = (int) ((size + chunkSize - 1) / chunkSize);
        chunkSha256 = new byte[chunks][];
        SplittableRandom random = new SplittableRandom(20251121);
        ByteBuffer buffer = ByteBuffer.allocate(chunkSize);
        try (FileChannel out = FileChannel.open(payload, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < chunks; i++) {
                int n = (int) Math.min(chunkSize, size - (long) i * chunkSize);
                buffer.clear().limit(n);
                while (buffer.remaining() >= 8) buffer.putLong(random.nextLong());
                while (buffer.hasRemaining()) buffer.put((byte) random.nextInt());
                byte[] data = buffer.array();
                md5.update(data, 0, n);
                sha256.update(data, 0, n);
                crc.update(data, 0, n);
                chunkSha256[i] = chunk.digest(Arrays.copyOf(data, n));
                buffer.flip();
                while (buffer.hasRemaining()) out.write(buffer);
            }
            out.force(true); // nothing of it left dirty to be flushed during a timed step
        }
        payloadMd5 = HEX.formatHex(md5.digest());
        payloadSha256 = HEX.formatHex(sha256.digest());
        long value = crc.getValue();
        payloadCrc32 = Base64.getEncoder().encodeToString(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    // ---- uploads ----------------------------------------------------------------------------

    private static String key(Mode mode) { return mode.id + ".bin"; }

    /** One PUT, timed from connect to response. */
    private Timing upload(Mode mode) throws Exception {
        String path = "/" + BUCKET + "/" + key(mode);
        if (mode == Mode.SDK) return sdkUpload(key(mode));
        Request request;
        Body body;
        switch (mode) {
            case UNSIGNED -> {
                request = request("PUT", path, "UNSIGNED-PAYLOAD", Map.of(), size);
                body = plainBody();
            }
            case SIGNED_HEX -> {
                request = request("PUT", path, payloadSha256, Map.of(), size);
                body = plainBody();
            }
            default -> {
                boolean signed = mode == Mode.CHUNKED_SIGNED;
                Map<String, String> extra = new TreeMap<>();
                extra.put("content-encoding", "aws-chunked");
                extra.put("x-amz-decoded-content-length", Long.toString(size));
                extra.put("x-amz-trailer", "x-amz-checksum-crc32");
                extra.put("x-amz-sdk-checksum-algorithm", "CRC32");
                String contentSha256 = signed ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
                // The framing's length does not depend on the signatures' values, only on their presence.
                request = request("PUT", path, contentSha256, extra, chunkedBody(signed, null).length());
                body = chunkedBody(signed, request);
            }
        }
        double cpu = serverCpu();
        long start = System.nanoTime();
        Response response = send(request, body);
        long end = System.nanoTime();
        cpu = serverCpu() - cpu;
        String etag = response.headers.getOrDefault("etag", "");
        if (response.status != 200 || !etag.equals('"' + payloadMd5 + '"')) {
            throw new IllegalStateException("PUT " + mode.id + " answered " + response.status + " ETag " + etag + ": " + response.body);
        }
        return new Timing((end - start) / 1e9, (end - response.bodySent) / 1e9, cpu);
    }

    private Timing sdkUpload(String key) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build()) {
            double cpu = serverCpu();
            long start = System.nanoTime();
            String etag = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(payload)).eTag();
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = serverCpu() - cpu;
            if (!etag.equals('"' + payloadMd5 + '"')) throw new IllegalStateException("SDK PUT: ETag " + etag);
            return new Timing(seconds, Double.NaN, cpu);
        }
    }

    /** One GET of the whole object; with {@code verify}, compares every byte too. */
    private Timing download(String key, boolean verify) throws Exception {
        double cpu = serverCpu();
        long start = System.nanoTime();
        Response response = send(request("GET", "/" + BUCKET + "/" + key, EMPTY_SHA256, Map.of(), -1), null,
                verify ? payload : null);
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu = serverCpu() - cpu;
        if (response.status != 200 || response.bodyLength != size) {
            throw new IllegalStateException("GET answered " + response.status + " with " + response.bodyLength + " bytes");
        }
        return new Timing(seconds, Double.NaN, cpu);
    }

    private void delete(String key) throws Exception {
        Response response = send(request("DELETE", "/" + BUCKET + "/" + key, EMPTY_SHA256, Map.of(), -1), null);
        if (response.status != 204) throw new IllegalStateException("DELETE answered " + response.status);
    }

    // ---- bodies -------------------------------------------------------------------------------

    /** A request body: ASCII framing and ranges of the payload file, in order. */
    private interface Body {
        void writeTo(BodyWriter out) throws IOException;

        default long length() throws IOException {
            long[] total = {0};
            writeTo(new BodyWriter(null, null) {
                @Override void ascii(String text) { total[0] += text.length(); }

                @Override void file(long position, long count) { total[0] += count; }
            });
            return total[0];
        }
    }

    private Body plainBody() {
        return out -> out.file(0, size);
    }

    /**
     * The aws-chunked framing of the payload; when signed, by the chain starting at the
     * request's signature (a null request gives dummy signatures, to count the length).
     */
    private Body chunkedBody(boolean signed, Request request) {
        return out -> {
            Signer signer = signed ? new Signer(request) : null;
            for (int i = 0; i < chunkSha256.length; i++) {
                long position = (long) i * chunkSize;
                int n = (int) Math.min(chunkSize, size - position);
                out.ascii(Integer.toHexString(n) + chunkSignature(signer, chunkSha256[i]) + "\r\n");
                out.file(position, n);
                out.ascii("\r\n");
            }
            out.ascii("0" + chunkSignature(signer, sha256(new byte[0])) + "\r\n");
            String trailer = "x-amz-checksum-crc32:" + payloadCrc32;
            out.ascii(trailer + "\r\n");
            if (signer != null) {
                out.ascii("x-amz-trailer-signature:" + signer.next("AWS4-HMAC-SHA256-TRAILER",
                        HEX.formatHex(sha256((trailer + "\n").getBytes(StandardCharsets.US_ASCII)))) + "\r\n");
            }
            out.ascii("\r\n");
        };
    }

    private String chunkSignature(Signer signer, byte[] chunkSha256) {
        if (signer == null) return "";
        return ";chunk-signature=" + signer.next("AWS4-HMAC-SHA256-PAYLOAD", EMPTY_SHA256 + "\n" + HEX.formatHex(chunkSha256));
    }

    /** The chunk-signature chain of one request. */
    private final class Signer {
        private final Request request;
        private String previous;

        Signer(Request request) {
            this.request = request;
            this.previous = request == null ? null : request.signature;
        }

        String next(String algorithm, String rest) {
            if (request == null) return "0".repeat(64);
            previous = HEX.formatHex(hmac(request.signingKey,
                    algorithm + "\n" + request.amzDate + "\n" + request.scope + "\n" + previous + "\n" + rest));
            return previous;
        }
    }

    /** Copies framing and file ranges into the socket through one direct buffer. */
    private static class BodyWriter {
        private final SocketChannel socket;
        private final FileChannel file;
        private final ByteBuffer buffer;

        BodyWriter(SocketChannel socket, FileChannel file) {
            this.socket = socket;
            this.file = file;
            this.buffer = socket == null ? null : ByteBuffer.allocateDirect(IO_BUFFER);
        }

        void ascii(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            if (buffer.remaining() < bytes.length) flush();
            buffer.put(bytes);
        }

        void file(long position, long count) throws IOException {
            while (count > 0) {
                if (!buffer.hasRemaining()) flush();
                int n = (int) Math.min(count, buffer.remaining());
                ByteBuffer window = buffer.slice(buffer.position(), n);
                while (window.hasRemaining()) {
                    if (file.read(window, position + window.position()) < 0) throw new IOException("payload shrank");
                }
                buffer.position(buffer.position() + n);
                position += n;
                count -= n;
            }
        }

        void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) socket.write(buffer);
            buffer.clear();
        }
    }

    // ---- HTTP/1.1 over a plain socket ----------------------------------------------------------

    private record Request(String method, String path, String head, byte[] signingKey, String amzDate, String scope,
                           String signature) {
    }

    /** @param bodySent System.nanoTime() when the last request byte was handed to the socket */
    private record Response(int status, Map<String, String> headers, String body, long bodyLength, long bodySent) {
    }

    /** A SigV4-signed request head; {@code contentLength} -1 for none. */
    private Request request(String method, String path, String contentSha256, Map<String, String> extra, long contentLength) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        TreeMap<String, String> signed = new TreeMap<>(extra);
        signed.put("host", host);
        signed.put("x-amz-content-sha256", contentSha256);
        signed.put("x-amz-date", amzDate);
        if (contentLength >= 0) signed.put("content-length", Long.toString(contentLength));
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest = method + "\n" + path + "\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + contentSha256;
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {date, region, "s3", "aws4_request"}) key = hmac(key, part);
        String signature = HEX.formatHex(hmac(key, stringToSign));

        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        signed.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("authorization: AWS4-HMAC-SHA256 Credential=").append(accessKey).append('/').append(scope)
                .append(", SignedHeaders=").append(signedHeaders).append(", Signature=").append(signature).append("\r\n");
        head.append("connection: close\r\n\r\n");
        return new Request(method, path, head.toString(), key, amzDate, scope, signature);
    }

    private Response send(Request request, Body body) throws IOException {
        return send(request, body, null);
    }

    /** One request on its own connection; with {@code compareWith}, the response body must equal that file. */
    private Response send(Request request, Body body, Path compareWith) throws IOException {
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
             FileChannel file = FileChannel.open(payload, StandardOpenOption.READ)) {
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            BodyWriter out = new BodyWriter(socket, file);
            out.ascii(request.head);
            try {
                if (body != null) body.writeTo(out);
                out.flush();
            } catch (IOException e) {
                // The server may answer (an error) and close before the body is through: read that answer.
            }
            return readResponse(socket, compareWith == null ? null : file, System.nanoTime());
        }
    }

    private static Response readResponse(SocketChannel socket, FileChannel compareWith, long bodySent) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(IO_BUFFER);
        int headEnd;
        while ((headEnd = headEnd(buffer)) < 0) {
            if (!buffer.hasRemaining() || socket.read(buffer) < 0) throw new IOException("no response head");
        }
        String head = new String(buffer.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        long contentLength = Long.parseLong(headers.getOrDefault("content-length", "-1"));
        buffer.flip().position(headEnd + 4);
        ByteBuffer rest = buffer.slice();
        StringBuilder text = new StringBuilder();
        byte[] expected = new byte[IO_BUFFER];
        long received = 0;
        while (true) {
            int n = rest.remaining();
            if (n > 0) {
                if (compareWith != null) {
                    ByteBuffer window = ByteBuffer.wrap(expected, 0, n);
                    while (window.hasRemaining() && compareWith.read(window, received + window.position()) > 0) { }
                    if (Arrays.mismatch(rest.array(), rest.arrayOffset() + rest.position(), rest.arrayOffset() + rest.limit(),
                            expected, 0, n) >= 0) throw new IOException("downloaded bytes differ near offset " + received);
                }
                if (text.length() < 4096) text.append(new String(rest.array(), rest.arrayOffset() + rest.position(),
                        Math.min(n, 4096), StandardCharsets.UTF_8));
                received += n;
            }
            if (contentLength >= 0 && received >= contentLength) break;
            buffer.clear();
            int read = socket.read(buffer);
            if (read < 0) break;
            buffer.flip();
            rest = buffer;
        }
        return new Response(status, headers, text.length() > 2000 ? text.substring(0, 2000) : text.toString(), received, bodySent);
    }

    private static int headEnd(ByteBuffer buffer) {
        byte[] a = buffer.array();
        for (int i = 0; i + 3 < buffer.position(); i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') return i;
        }
        return -1;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static double timeCommand(String... command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed");
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) throw new IllegalArgumentException("--" + name + " is required");
        return value;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
