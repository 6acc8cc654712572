package io.volumegate.it;

import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import io.volumegate.auth.TestKeyrings;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two nodes, one volume, a real load balancer: the scale-out model of the README. Starts two
 * Payara Micro JVMs with the same WAR, the same volume folder and so the same keystore, and
 * nginx from Debian in front of them (round robin, on its own free port, config, pid and logs
 * under target/scale-out/), trusted by the nodes as their proxy. Every process it starts is
 * stopped at the end, and the test checks that none is left.
 *
 * <p>Runs in the {@code servers} profile (see pom.xml), after {@code package}; skipped where
 * there is no nginx ({@code .ci/run} installs it).
 *
 */
class ScaleOutIT {
    private static final String ACCESS_KEY = "VGSCALEOUTADMIN";
    private static final String SECRET_KEY = "vg-scale-out-secret-0123456789";
    private static final String BUCKET = "scaleoutit";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private static Path work;
    private static Path volume;
    private static final List<Process> started = new ArrayList<>();
    private static final List<ProcessHandle> descendants = new ArrayList<>();
    private static Node node1;
    private static Node node2;
    private static URI balancer;
    private static Path war;
    private static Path payara;
    private static S3Client viaBalancer;
    private static HttpClient http;

    /** One Payara Micro running the WAR, and a client that talks to it directly. */
    private record Node(String name, URI endpoint, Process process, Path log, S3Client s3) {
    }

    @BeforeAll
    static void startNodesAndBalancer() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        assumeTrue(Files.isExecutable(nginx), "no nginx: apt-get install -y nginx (.ci/run does)");
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        war = target.resolve("volumegate.war");
        payara = target.resolve("payara-micro.jar");
        assertTrue(Files.isRegularFile(war) && Files.isRegularFile(payara), "mvn verify builds " + war + " and copies " + payara);

        work = target.resolve("scale-out");
        if (Files.exists(work)) PathUtils.deleteDirectory(work);
        volume = Files.createDirectories(work.resolve("volume"));
        Runtime.getRuntime().addShutdownHook(new Thread(ScaleOutIT::stopAll)); // should the test JVM die first
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        int port1 = freePort();
        int port2 = freePort();
        int balancerPort = freePort();
        // Both at once: they also race to create the keystore on the shared volume.
        Process p1 = startNode("node1", port1, war, payara);
        Process p2 = startNode("node2", port2, war, payara);
        node1 = new Node("node1", URI.create("http://127.0.0.1:" + port1), p1, work.resolve("node1.log"), client(port1));
        node2 = new Node("node2", URI.create("http://127.0.0.1:" + port2), p2, work.resolve("node2.log"), client(port2));
        startNginx(nginx, balancerPort, port1, port2);
        balancer = URI.create("http://127.0.0.1:" + balancerPort);
        awaitHealthy(node1.endpoint(), node1.log());
        awaitHealthy(node2.endpoint(), node2.log());
        awaitHealthy(balancer, work.resolve("nginx/error.log"));
        viaBalancer = client(balancerPort);
        viaBalancer.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopEverythingAndCheck() {
        for (S3Client client : new S3Client[] {viaBalancer, node1 == null ? null : node1.s3(), node2 == null ? null : node2.s3()}) {
            if (client != null) client.close();
        }
        stopAll();
        List<ProcessHandle> alive = new ArrayList<>();
        for (Process process : started) if (process.isAlive()) alive.add(process.toHandle());
        for (ProcessHandle child : descendants) if (child.isAlive()) alive.add(child);
        assertEquals(List.of(), alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "processes this test started and left running");
    }

    @Test
    void readAfterWriteAcrossNodes() throws Exception {
        byte[] first = "written on node1".getBytes(StandardCharsets.UTF_8);
        node1.s3().putObject(b -> b.bucket(BUCKET).key("raw/doc.txt"), RequestBody.fromBytes(first));
        assertArrayEquals(first, node2.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("raw/doc.txt")).asByteArray());

        byte[] second = "overwritten on node2".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = node2.s3().putObject(b -> b.bucket(BUCKET).key("raw/doc.txt"), RequestBody.fromBytes(second));
        assertEquals(put.eTag(), node1.s3().headObject(b -> b.bucket(BUCKET).key("raw/doc.txt")).eTag());
        assertArrayEquals(second, node1.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("raw/doc.txt")).asByteArray());

        node1.s3().deleteObject(b -> b.bucket(BUCKET).key("raw/doc.txt"));
        S3Exception gone = assertThrows(S3Exception.class, () -> node2.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("raw/doc.txt")));
        assertEquals(404, gone.statusCode());

        // Through the balancer, round robin: each write and the read right after it land on
        // different nodes, and every read sees the write before it.
        Set<String> servedBy = new java.util.TreeSet<>();
        for (int i = 0; i < 8; i++) {
            byte[] content = ("version " + i).getBytes(StandardCharsets.UTF_8);
            PutObjectResponse written = viaBalancer.putObject(b -> b.bucket(BUCKET).key("lb/doc.txt"), RequestBody.fromBytes(content));
            var read = viaBalancer.getObjectAsBytes(b -> b.bucket(BUCKET).key("lb/doc.txt"));
            assertArrayEquals(content, read.asByteArray(), "read after write " + i);
            assertEquals(written.eTag(), read.response().eTag());
            servedBy.add(nodeThatServed(written.responseMetadata().requestId()));
            servedBy.add(nodeThatServed(read.response().responseMetadata().requestId()));
        }
        assertEquals(Set.of("node1", "node2"), servedBy, "nginx spread the requests over both nodes");
    }

    @Test
    void anAclOrPolicyChangedOnOneNodeIsObeyedByTheOtherAtItsNextRequest() throws Exception {
        String key = "acl/public.txt";
        node1.s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("open to all"));
        URI onNode2 = node2.endpoint().resolve("/" + BUCKET + "/" + key);
        assertEquals(403, anonymousGet(onNode2), "private by default");

        node1.s3().putObjectAcl(b -> b.bucket(BUCKET).key(key).acl(ObjectCannedACL.PUBLIC_READ));
        assertEquals(200, anonymousGet(onNode2), "node2 obeys the ACL node1 set, at once");

        node2.s3().putBucketPolicy(b -> b.bucket(BUCKET).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                  "Resource": "arn:aws:s3:::%s/acl/*"}]}""".formatted(BUCKET)));
        assertEquals(403, anonymousGet(node1.endpoint().resolve("/" + BUCKET + "/" + key)), "node1 obeys node2's Deny, at once");
        S3Exception denied = assertThrows(S3Exception.class, () -> node1.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)));
        assertEquals(403, denied.statusCode(), "a Deny binds even the admin's scope");

        node1.s3().deleteBucketPolicy(b -> b.bucket(BUCKET));
        assertEquals(200, anonymousGet(onNode2));
    }

    private static int anonymousGet(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aListingStartedOnOneNodeContinuesOnTheOther() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String key = "list/key-" + i + (i % 2 == 0 ? "/nested" : "");
            keys.add(key);
            (i % 2 == 0 ? node1 : node2).s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        int page = 0;
        do {
            S3Client on = page++ % 2 == 0 ? node1.s3() : node2.s3();
            String continueWith = token;
            ListObjectsV2Response response = on.listObjectsV2(b -> b.bucket(BUCKET).prefix("list/").maxKeys(2).continuationToken(continueWith));
            response.contents().stream().map(S3Object::key).forEach(listed::add);
            token = response.nextContinuationToken();
        } while (token != null);
        assertTrue(page >= 4, "several pages, alternating nodes");
        assertEquals(keys.stream().sorted().toList(), listed);
    }

    @Test
    void concurrentCreateOnlyPutsThroughBothNodesHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String key = "race/key-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> attempts = new ArrayList<>();
                for (Node node : List.of(node1, node2)) {
                    byte[] body = ("from " + node.name()).getBytes(StandardCharsets.UTF_8);
                    attempts.add(pool.submit(createOnly(node, key, body, start)));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> attempt : attempts) statuses.add(attempt.get(60, TimeUnit.SECONDS));
                assertEquals(1, statuses.stream().filter(s -> s == 200).count(), key + ": " + statuses);
                int loser = statuses.stream().filter(s -> s != 200).findFirst().orElseThrow();
                assertTrue(loser == 412 || loser == 409, key + ": the other fails its precondition, got " + statuses);
                String winner = statuses.get(0) == 200 ? "node1" : "node2";
                assertEquals("from " + winner, Files.readString(volume.resolve(BUCKET).resolve(key)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCredentialCreatedInTheSharedKeystoreWorksOnEveryNodeAtOnce() throws Exception {
        // As an operator's tool or a third node would: straight in the keystore on the volume.
        Keyring keyring = TestKeyrings.forVolume(volume);
        keyring.open();
        Credential created = keyring.create(Set.of(BUCKET), false, false, "ScaleOutIT");
        String secret = new String(created.secret(), StandardCharsets.UTF_8);
        for (int port : new int[] {node1.endpoint().getPort(), node2.endpoint().getPort(), balancer.getPort()}) {
            try (S3Client scoped = client(port, created.accessKeyId(), secret)) {
                scoped.putObject(b -> b.bucket(BUCKET).key("creds/" + port), RequestBody.fromString("ok"));
                assertEquals("ok", scoped.getObjectAsBytes(b -> b.bucket(BUCKET).key("creds/" + port)).asUtf8String());
            }
        }
        assertTrue(keyring.delete(created.accessKeyId()));
        for (int port : new int[] {node2.endpoint().getPort(), node1.endpoint().getPort()}) {
            try (S3Client revoked = client(port, created.accessKeyId(), secret)) {
                S3Exception refused = assertThrows(S3Exception.class, () -> revoked.listObjectsV2(b -> b.bucket(BUCKET)));
                assertEquals(403, refused.statusCode(), "deleted on every node at once");
            }
        }
    }

    @Test
    void aShareLinkMintedOnOneNodeOpensOnTheOther() throws Exception {
        node1.s3().putObject(b -> b.bucket(BUCKET).key("share/report.txt"), RequestBody.fromString("shared across nodes"));
        String token = jsonField(post(node1, "/api/v1/auth/token",
                "{\"access_key_id\":\"" + ACCESS_KEY + "\",\"secret_access_key\":\"" + SECRET_KEY + "\"}", null), "token");
        String url = jsonField(post(node1, "/api/v1/buckets/" + BUCKET + "/share", "{\"key\":\"share/report.txt\"}", token), "url");

        // The link is signed with the keystore's share-link key, which every node reads from the volume.
        URI link = URI.create(url);
        URI onNode2 = URI.create(node2.endpoint() + link.getRawPath() + "?" + link.getRawQuery());
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(onNode2).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, opened.statusCode(), opened.body());
        assertEquals("shared across nodes", opened.body());
    }

    /**
     * Both nodes write versions of one key at once: every write is a version, and both nodes
     * list them in the same order, each node's own writes newest first as it made them.
     */
    @Test
    void versionsWrittenThroughBothNodesAtOnceAreAllKeptInOneOrder() throws Exception {
        String bucket = "scaleoutit-versions";
        viaBalancer.createBucket(b -> b.bucket(bucket));
        viaBalancer.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> writers = new ArrayList<>();
            for (Node node : List.of(node1, node2)) {
                writers.add(pool.submit(() -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        String body = node.name() + "-" + i;
                        ids.add(node.s3().putObject(b -> b.bucket(bucket).key("shared"), RequestBody.fromString(body)).versionId());
                    }
                    return ids;
                }));
            }
            start.countDown();
            List<List<String>> written = new ArrayList<>();
            for (Future<List<String>> writer : writers) written.add(writer.get(120, TimeUnit.SECONDS));
            List<String> onNode1 = versionIds(node1, bucket);
            List<String> onNode2 = versionIds(node2, bucket);
            assertEquals(onNode1, onNode2, "both nodes list the versions in the same order");
            assertEquals(30, onNode1.size());
            Set<String> acknowledged = new java.util.HashSet<>(written.get(0));
            acknowledged.addAll(written.get(1));
            assertEquals(acknowledged, new java.util.HashSet<>(onNode1), "every write is a version, none twice");
            for (List<String> ids : written) {
                List<String> newestFirst = new ArrayList<>(ids);
                java.util.Collections.reverse(newestFirst);
                assertEquals(newestFirst, onNode1.stream().filter(ids::contains).toList(), "a node's own writes in the order it made them");
            }
            String latest = onNode1.get(0);
            assertEquals(Files.readString(volume.resolve(bucket).resolve("shared")),
                    node2.s3().getObjectAsBytes(b -> b.bucket(bucket).key("shared").versionId(latest)).asUtf8String(),
                    "the plain file is the latest version");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A third node is killed (SIGKILL) while four clients write and delete versions through
     * it. Afterwards, through the other nodes: every version and delete marker it acknowledged
     * is listed once and reads back as written, nothing is listed twice, and every listed
     * version can be read. The next write of each key removes what the crash left half-made.
     */
    @Test
    void aNodeKilledDuringVersionedWritesLosesNoAcknowledgedVersion() throws Exception {
        String bucket = "scaleoutit-crash";
        viaBalancer.createBucket(b -> b.bucket(bucket));
        viaBalancer.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        int port3 = freePort();
        Process process3 = startNode("node3", port3, war, payara);
        awaitHealthy(URI.create("http://127.0.0.1:" + port3), work.resolve("node3.log"));
        java.util.concurrent.ConcurrentMap<String, String> versionEtags = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> markers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (S3Client node3 = client(port3)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                Random random = new Random(c);
                clients.add(pool.submit(() -> {
                    while (!stop.get()) {
                        String key = "k" + random.nextInt(4);
                        try {
                            if (random.nextInt(5) == 0) {
                                markers.add(key + "@" + node3.deleteObject(b -> b.bucket(bucket).key(key)).versionId());
                            } else {
                                byte[] body = new byte[64 * 1024 + random.nextInt(512 * 1024)];
                                random.nextBytes(body);
                                PutObjectResponse put = node3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
                                versionEtags.put(key + "@" + put.versionId(), put.eTag());
                            }
                        } catch (RuntimeException refusedOrCutOff) {
                            // after the kill: not acknowledged, so it may or may not have happened
                        }
                    }
                }));
            }
            Thread.sleep(4000);
            process3.descendants().forEach(ProcessHandle::destroyForcibly);
            process3.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            for (Future<?> client : clients) client.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(versionEtags.size() >= 10, "writes acknowledged before the kill: " + versionEtags.size());

        List<software.amazon.awssdk.services.s3.model.ObjectVersion> listed = node2.s3().listObjectVersionsPaginator(b -> b.bucket(bucket))
                .versions().stream().toList();
        List<String> listedMarkers = node2.s3().listObjectVersionsPaginator(b -> b.bucket(bucket)).deleteMarkers().stream()
                .map(m -> m.key() + "@" + m.versionId()).toList();
        List<String> listedVersions = listed.stream().map(v -> v.key() + "@" + v.versionId()).toList();
        assertEquals(listedVersions.size(), new java.util.HashSet<>(listedVersions).size(), "no version listed twice");
        assertEquals(listedMarkers.size(), new java.util.HashSet<>(listedMarkers).size(), "no marker listed twice");
        assertTrue(listedVersions.containsAll(versionEtags.keySet()), "every acknowledged version is kept");
        assertTrue(listedMarkers.containsAll(markers), "every acknowledged delete marker is kept");
        for (software.amazon.awssdk.services.s3.model.ObjectVersion version : listed) {
            String etag = node1.s3().getObject(b -> b.bucket(bucket).key(version.key()).versionId(version.versionId()),
                    software.amazon.awssdk.core.sync.ResponseTransformer.toBytes()).response().eTag();
            assertEquals(version.eTag(), etag, version.key() + "@" + version.versionId() + " reads back as listed");
            String acknowledged = versionEtags.get(version.key() + "@" + version.versionId());
            if (acknowledged != null) assertEquals(acknowledged, etag, "the bytes that were acknowledged");
        }
        for (int k = 0; k < 4; k++) {
            String key = "k" + k;
            putRetryingConflicts(node1, bucket, key, "after the crash");
            // A half-made entry (the old file linked aside, not yet replaced) would now be a
            // second name of one version: every entry must be a file of its own.
            try (var entries = Files.list(volume.resolve(bucket).resolve(".volumegate/versions").resolve(key))) {
                List<Path> history = entries.toList();
                for (int i = 0; i < history.size(); i++) {
                    for (int j = i + 1; j < history.size(); j++) {
                        assertFalse(Files.isSameFile(history.get(i), history.get(j)), history.get(i) + " and " + history.get(j));
                    }
                }
            }
        }
        List<String> after = versionIds(node2, bucket);
        assertEquals(after.size(), new java.util.HashSet<>(after).size(), "no version listed twice after the next writes");
    }

    /**
     * A PUT retried while it answers 409: a commit lock the killed node held stays taken until
     * it is stale (LockFile.STALE_AFTER, 30 s), and S3 clients retry a ConditionalRequestConflict.
     */
    private static void putRetryingConflicts(Node node, String bucket, String key, String body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                node.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 409 || System.nanoTime() > deadline) throw e;
                Thread.sleep(1000);
            }
        }
    }

    private static List<String> versionIds(Node node, String bucket) {
        return node.s3().listObjectVersionsPaginator(b -> b.bucket(bucket)).versions().stream()
                .map(software.amazon.awssdk.services.s3.model.ObjectVersion::versionId).toList();
    }

    private static HttpResponse<String> post(Node node, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.endpoint() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, path + " answered " + response.statusCode() + ": " + response.body());
        return response;
    }

    private static String jsonField(HttpResponse<String> response, String field) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertTrue(value.find(), field + " in " + response.body());
        return value.group(1);
    }

    @Test
    void multipartUploadThroughDifferentNodes() {
        String key = "multipart/across nodes.bin";
        byte[] data = new byte[6 * 1024 * 1024 + 123];
        new Random(3).nextBytes(data);
        byte[] part1 = java.util.Arrays.copyOfRange(data, 0, 5 * 1024 * 1024);
        byte[] part2 = java.util.Arrays.copyOfRange(data, part1.length, data.length);

        String uploadId = node1.s3().createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String etag2 = node2.s3().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(part2)).eTag();
        String etag1 = node1.s3().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        assertEquals(List.of(1, 2), node2.s3().listParts(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)).parts().stream()
                .map(p -> p.partNumber()).toList());
        assertTrue(node1.s3().listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream().anyMatch(u -> u.uploadId().equals(uploadId)));

        CompleteMultipartUploadResponse completed = viaBalancer.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag1), p -> p.partNumber(2).eTag(etag2))));
        // The Location is minted from the forwarded host: the balancer's address, not a node's.
        assertTrue(completed.location().startsWith(balancer + "/"), completed.location());
        assertArrayEquals(data, node2.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
        assertArrayEquals(data, node1.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }

    @Test
    void theBalancersHostIsWhatClientsSign() throws Exception {
        // nginx connects to the nodes with Host "volumegate" (its upstream's name): requests verify
        // only because the nodes trust it and take the signed host from X-Forwarded-Host. The
        // same forwarding headers sent straight to a node by a client it does not trust would be
        // ignored; here the test JVM is on 127.0.0.1 like nginx, so that case is a unit test
        // (ForwardedSignatureTest).
        HttpResponse<byte[]> viaLb = RawS3.at(balancer, ACCESS_KEY, SECRET_KEY, http).get("/" + BUCKET + "?list-type=2").send();
        assertEquals(200, viaLb.statusCode(), RawS3.text(viaLb));
        String nginxAccess = Files.readString(work.resolve("nginx/access.log"));
        assertTrue(nginxAccess.contains("list-type=2"), "the request went through nginx");
    }

    /**
     * Behind the balancer, under another host name than the nodes know, with no public endpoint
     * configured: a presigned URL minted through the balancer points at the balancer's address
     * (the forwarded Host), and works with plain curl whichever node serves it.
     */
    @Test
    void aPresignedUrlMintedThroughTheBalancerPointsAtItAndWorksFromAnyNode() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        viaBalancer.putObject(b -> b.bucket(BUCKET).key("presigned/through-nginx.txt"), RequestBody.fromString("via the balancer"));
        URI named = URI.create("http://localhost:" + balancer.getPort());
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(named.resolve("/api/v1/auth/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"access_key_id\":\"" + ACCESS_KEY + "\",\"secret_access_key\":\""
                        + SECRET_KEY + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String token = jsonField(login, "token");
        for (int round = 0; round < 2; round++) { // round robin: minted once on each node
            HttpResponse<String> presigned = http.send(HttpRequest.newBuilder(named.resolve("/api/v1/presign"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"" + BUCKET
                            + "\",\"key\":\"presigned/through-nginx.txt\",\"method\":\"get_object\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String url = jsonField(presigned, "url");
            assertTrue(url.startsWith(named + "/" + BUCKET + "/presigned/through-nginx.txt?"), url);
            for (int fetch = 0; fetch < 2; fetch++) { // and fetched through both
                Process curl = new ProcessBuilder("/usr/bin/curl", "-sS", "--fail-with-body", url).redirectErrorStream(true).start();
                String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(curl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(0, curl.exitValue(), body);
                assertEquals("via the balancer", body);
            }
        }
    }

    // ---- processes ---------------------------------------------------------------------------

    private static Process startNode(String name, int port, Path war, Path payara) throws IOException {
        Path tmp = Files.createDirectories(work.resolve(name + "-tmp"));
        List<String> command = List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Djava.io.tmpdir=" + tmp,
                "-Dvolumegate.volume=" + volume,
                "-Dvolumegate.admin.access-key=" + ACCESS_KEY,
                "-Dvolumegate.admin.secret-key=" + SECRET_KEY,
                "-Dvolumegate.trusted-proxies=127.0.0.1",
                "-jar", payara.toString(),
                "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "/",
                "--prebootcommandfile", Path.of("deployment-descriptors/payara/preboot-commands.asadmin").toAbsolutePath().toString(),
                "--rootdir", work.resolve(name + "-root").toString(),
                "--deploy", war.toString());
        return start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()));
    }

    private static void startNginx(Path nginx, int port, int port1, int port2) throws IOException {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(dir.resolve("temp"));
        String config = """
                worker_processes 1;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    upstream volumegate {
                        server 127.0.0.1:%3$d;
                        server 127.0.0.1:%4$d;
                    }
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://volumegate;
                            proxy_set_header X-Forwarded-Host $http_host;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_http_version 1.1;
                            proxy_request_buffering off;
                            proxy_buffering off;
                            client_max_body_size 0;
                        }
                    }
                }
                """.formatted(dir, port, port1, port2);
        Path conf = Files.writeString(dir.resolve("nginx.conf"), config);
        start(new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()));
    }

    private static synchronized Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Stops what this test started: politely, then by force; children (nginx's worker) too. */
    private static synchronized void stopAll() {
        for (Process process : started) {
            process.descendants().forEach(descendants::add);
            process.destroy();
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) child.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
        }
    }

    private static void awaitHealthy(URI endpoint, Path log) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process process : started) {
                if (!process.isAlive()) throw new IllegalStateException("a process ended early; see " + log + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(endpoint.resolve("/-/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(endpoint + " not healthy after " + START_TIMEOUT + "; see " + log + ":\n" + tail(log));
    }

    /**
     * The node whose access log has this request id. The log is written off the request thread,
     * so the line may follow the answer by a moment: look for up to ten seconds.
     */
    private static String nodeThatServed(String requestId) throws IOException, InterruptedException {
        assertFalse(requestId == null || requestId.isBlank(), "x-amz-request-id");
        boolean on1 = false;
        boolean on2 = false;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); !on1 && !on2 && System.nanoTime() < deadline; ) {
            on1 = Files.readString(node1.log()).contains(requestId);
            on2 = Files.readString(node2.log()).contains(requestId);
            if (!on1 && !on2) Thread.sleep(100);
        }
        assertTrue(on1 ^ on2, "request " + requestId + " is in exactly one node's access log");
        return on1 ? "node1" : "node2";
    }

    private static Callable<Integer> createOnly(Node node, String key, byte[] body, CountDownLatch start) {
        return () -> {
            start.await();
            try {
                node.s3().putObject(b -> b.bucket(BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromBytes(body));
                return 200;
            } catch (S3Exception e) {
                return e.statusCode();
            }
        };
    }

    private static S3Client client(int port) {
        return client(port, ACCESS_KEY, SECRET_KEY);
    }

    private static S3Client client(int port, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
