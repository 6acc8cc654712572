package io.volumegate.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Small GETs: many GetObject requests for a small object over keep-alive connections, against
 * one or more running servers in turn, round by round; prints each server's requests per
 * second and server CPU microseconds per request, and with two servers the ratio of the second
 * to the first (medians over the rounds). Meant for A/B runs of one build with a setting
 * changed (e.g. {@code volumegate.metrics.enabled=false} against the default): only ratios
 * taken close together mean anything on a shared machine.
 *
 * <p>The client costs the server's machine little: every request is the same presigned
 * (SigV4 query) GET, whose bytes are made once, so each request is one write and one read.
 * The server still verifies the signature, routes, opens and sends the file, as for any GET.
 *
 * <pre>
 * java -cp ... io.volumegate.bench.SmallGetBench --endpoint http://127.0.0.1:8080,http://127.0.0.1:8081 \
 *     --server-pid 123,456 --labels off,on --access-key AK --secret-key SK \
 *     [--size-bytes 1024] [--requests 20000] [--connections 2] [--rounds 5] [--warmup 20000]
 * </pre>
 */
public final class SmallGetBench {
    private static final String BUCKET = "bench-small";

    private record Server(String label, URI endpoint, long pid, byte[] request) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        String[] endpoints = options.get("endpoint").split(",");
        String[] pids = options.getOrDefault("server-pid", "0").split(",");
        String[] labels = options.getOrDefault("labels", "").split(",");
        String accessKey = options.get("access-key");
        String secretKey = options.get("secret-key");
        int size = Integer.parseInt(options.getOrDefault("size-bytes", "1024"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "2"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20000"));

        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < endpoints.length; i++) {
            URI endpoint = URI.create(endpoints[i].strip());
            String label = i < labels.length && !labels[i].isBlank() ? labels[i].strip() : endpoint.toString();
            long pid = i < pids.length ? Long.parseLong(pids[i].strip()) : 0;
            servers.add(new Server(label, endpoint, pid, prepare(endpoint, accessKey, secretKey, size)));
        }
        System.out.printf(Locale.ROOT, "%d-byte object, %d GETs a round on %d connection(s), %d round(s), %d warm-up GETs%n",
                size, requests, connections, rounds, warmup);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            for (Server server : servers) run(pool, server, warmup, connections);
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
                for (int s = 0; s < servers.size(); s++) {
                    Server server = servers.get((s + round) % servers.size()); // take turns going first
                    double cpuBefore = ProcessCpu.seconds(server.pid());
                    long start = System.nanoTime();
                    run(pool, server, requests, connections);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuMicros = (ProcessCpu.seconds(server.pid()) - cpuBefore) * 1e6 / requests;
                    results.computeIfAbsent(server.label(), k -> new ArrayList<>()).add(new double[] {requests / seconds, cpuMicros});
                    line.append(String.format(Locale.ROOT, "  %s %.0f req/s %.0f us cpu/req", server.label(), requests / seconds, cpuMicros));
                }
                System.out.println(line);
            }
            List<double[]> medians = new ArrayList<>();
            for (Map.Entry<String, List<double[]>> result : results.entrySet()) {
                double[] median = {median(result.getValue(), 0), median(result.getValue(), 1)};
                medians.add(median);
                System.out.printf(Locale.ROOT, "median %-10s %8.0f req/s %6.0f us server CPU/request%n", result.getKey(), median[0], median[1]);
            }
            if (medians.size() == 2) {
                System.out.printf(Locale.ROOT, "%s / %s: throughput x%.3f, server CPU per request x%.3f%n",
                        servers.get(1).label(), servers.get(0).label(), medians.get(1)[0] / medians.get(0)[0],
                        medians.get(1)[1] / medians.get(0)[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Puts the object and returns the bytes of a presigned GET for it, valid for a day. */
    private static byte[] prepare(URI endpoint, String accessKey, String secretKey, int size) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .serviceConfiguration(pathStyle).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).serviceConfiguration(pathStyle).build()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) s3.createBucket(b -> b.bucket(BUCKET));
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            s3.putObject(p -> p.bucket(BUCKET).key("small.txt"), RequestBody.fromBytes(body));
            URI url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofDays(1))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("small.txt"))).url().toString());
            return ("GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getRawAuthority()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static void run(ExecutorService pool, Server server, int requests, int connections) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int share = requests / connections + (c < requests % connections ? 1 : 0);
            done.add(pool.submit(() -> {
                getMany(server, share);
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
    }

    /**
     * {@code count} GETs on one keep-alive connection, opening a new one when the server ends
     * it (Payara closes a connection after 250 requests by default).
     */
    private static void getMany(Server server, int count) throws IOException {
        Socket socket = null;
        try {
            InputStream in = null;
            for (int i = 0; i < count; i++) {
                if (socket == null) {
                    socket = new Socket(server.endpoint().getHost(), server.endpoint().getPort());
                    socket.setTcpNoDelay(true);
                    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                }
                OutputStream out = socket.getOutputStream();
                out.write(server.request());
                out.flush();
                Response response = readResponse(in);
                if (response.status() != 200) throw new IOException("GET answered " + response.status());
                if (response.close()) {
                    socket.close();
                    socket = null;
                }
            }
        } finally {
            if (socket != null) socket.close();
        }
    }

    private record Response(int status, boolean close) {}

    /** Reads one response (headers, then Content-Length bytes of body). */
    private static Response readResponse(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed");
            headers.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String text = headers.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        long length = 0;
        boolean close = false;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Long.parseLong(line.substring(15).trim());
            if (line.regionMatches(true, 0, "Connection:", 0, 11)) close = line.substring(11).trim().equalsIgnoreCase("close");
        }
        for (long left = length; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) throw new IOException("connection closed in a body");
                skipped = 1;
            }
            left -= skipped;
        }
        return new Response(status, close);
    }

    private static double median(List<double[]> values, int index) {
        double[] sorted = values.stream().mapToDouble(v -> v[index]).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
