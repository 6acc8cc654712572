package io.volumegate.it;

import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.volumegate.it.S3Assertions.assertNoSecret;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Credentials with a scope (read-only, some buckets) and credentials that come and go. They
 * are made the way a second node or an operator's tool makes them: in the keystore file on
 * the volume, through a {@link Keyring} in this JVM. The server learns of them only by
 * noticing that the file changed, which is the multi-node story.
 */
class ScopedCredentialsIT extends ServerTestBase {
    private static final String BUCKET_A = "scopedcredentialsit-a";
    private static final String BUCKET_B = "scopedcredentialsit-b";
    private static final String KEY = "report.txt";
    private static final String CONTENT = "quarterly numbers";
    /** The server checks the keystore file at most every 0.5 s; a change must be live within this. */
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);

    private static boolean prepared;

    private Keyring keyring;

    @BeforeEach
    void twoBuckets() {
        keyring = server.keyring();
        synchronized (ScopedCredentialsIT.class) {
            if (prepared) return;
            for (String bucket : List.of(BUCKET_A, BUCKET_B)) {
                server.s3().createBucket(b -> b.bucket(bucket));
                server.s3().putObject(p -> p.bucket(bucket).key(KEY), RequestBody.fromString(CONTENT));
            }
            prepared = true;
        }
    }

    @Test
    void readOnlyKeyReadsEverythingAndChangesNothing() throws Exception {
        Credential readOnly = keyring.create(Set.of(), true, false, "scopedcredentialsit: read-only");
        try (S3Client client = clientFor(readOnly)) {
            awaitKnown(client);

            assertEquals(CONTENT, client.getObjectAsBytes(g -> g.bucket(BUCKET_A).key(KEY)).asUtf8String());
            assertEquals(List.of(KEY), keys(client.listObjectsV2(l -> l.bucket(BUCKET_B)).contents()));
            client.headBucket(h -> h.bucket(BUCKET_A));
            assertTrue(names(client.listBuckets().buckets()).containsAll(List.of(BUCKET_A, BUCKET_B)));

            S3Exception put = assertS3Error(403, "AccessDenied",
                    () -> client.putObject(p -> p.bucket(BUCKET_A).key("new.txt"), RequestBody.fromString("x")));
            assertNoSecret(put, secretOf(readOnly), server.adminSecretKey());
            assertS3Error(403, "AccessDenied",
                    () -> client.putObject(p -> p.bucket(BUCKET_A).key(KEY), RequestBody.fromString("overwritten")));
            assertS3Error(403, "AccessDenied", () -> client.deleteObject(d -> d.bucket(BUCKET_A).key(KEY)));
            assertS3Error(403, "AccessDenied", () -> client.createBucket(b -> b.bucket("scopedcredentialsit-ro")));
            assertS3Error(403, "AccessDenied", () -> client.deleteBucket(d -> d.bucket(BUCKET_B)));

            // Nothing changed.
            assertS3Error(404, null, () -> server.s3().headObject(h -> h.bucket(BUCKET_A).key("new.txt")));
            assertEquals(CONTENT, server.s3().getObjectAsBytes(g -> g.bucket(BUCKET_A).key(KEY)).asUtf8String());
            assertFalse(Files.exists(server.volume().resolve("scopedcredentialsit-ro")));
            assertTrue(Files.isDirectory(server.volume().resolve(BUCKET_B)));
        } finally {
            keyring.delete(readOnly.accessKeyId());
        }
    }

    @Test
    void bucketScopedKeyIsConfinedToItsBucket() throws Exception {
        Credential scoped = keyring.create(Set.of(BUCKET_A), false, false, "scopedcredentialsit: bucket A");
        try (S3Client client = clientFor(scoped)) {
            awaitKnown(client);

            assertEquals(List.of(BUCKET_A), names(client.listBuckets().buckets()));

            client.putObject(p -> p.bucket(BUCKET_A).key("scoped.txt"), RequestBody.fromString("mine"));
            assertEquals("mine", client.getObjectAsBytes(g -> g.bucket(BUCKET_A).key("scoped.txt")).asUtf8String());
            assertEquals(List.of(KEY, "scoped.txt"), keys(client.listObjectsV2(l -> l.bucket(BUCKET_A)).contents()));
            client.deleteObject(d -> d.bucket(BUCKET_A).key("scoped.txt"));

            assertS3Error(403, "AccessDenied", () -> client.listObjectsV2(l -> l.bucket(BUCKET_B)));
            assertS3Error(403, "AccessDenied", () -> client.listObjects(l -> l.bucket(BUCKET_B)));
            assertS3Error(403, "AccessDenied", () -> client.getObject(g -> g.bucket(BUCKET_B).key(KEY)));
            assertS3Error(403, null, () -> client.headObject(h -> h.bucket(BUCKET_B).key(KEY)));
            assertS3Error(403, null, () -> client.headBucket(h -> h.bucket(BUCKET_B)));
            assertS3Error(403, "AccessDenied",
                    () -> client.putObject(p -> p.bucket(BUCKET_B).key("intruder.txt"), RequestBody.fromString("x")));
            assertS3Error(403, "AccessDenied", () -> client.deleteObject(d -> d.bucket(BUCKET_B).key(KEY)));
            assertS3Error(403, "AccessDenied", () -> client.createBucket(b -> b.bucket("scopedcredentialsit-c")));

            assertEquals(List.of(KEY), keys(server.s3().listObjectsV2(l -> l.bucket(BUCKET_B)).contents()));
            assertFalse(Files.exists(server.volume().resolve("scopedcredentialsit-c")));
        } finally {
            keyring.delete(scoped.accessKeyId());
        }
    }

    @Test
    void deletedKeyIsRefusedWithinSeconds() throws Exception {
        Credential doomed = keyring.create(Set.of(), false, false, "scopedcredentialsit: deleted");
        try (S3Client client = clientFor(doomed)) {
            awaitKnown(client);
            client.listObjectsV2(l -> l.bucket(BUCKET_A));

            assertTrue(keyring.delete(doomed.accessKeyId()));
            S3Exception refused = awaitRefused(client);
            assertEquals(403, refused.statusCode());
            assertNoSecret(refused, secretOf(doomed));
            // And it stays refused, for every operation.
            assertS3Error(403, "InvalidAccessKeyId", () -> client.getObject(g -> g.bucket(BUCKET_A).key(KEY)));
        }
    }

    /**
     * Two keystore changes within one tick of the file's modification time (one second on
     * some NFS servers) leave the mtime where it was; a deletion must still reach the server.
     */
    @Test
    void deletedKeyIsRefusedEvenWhenTheKeystoreMtimeStandsStill() throws Exception {
        Path keystore = server.volume().resolve(".volumegate/keystore.p12");
        Credential doomed = keyring.create(Set.of(), false, false, "scopedcredentialsit: deleted within a tick");
        try (S3Client client = clientFor(doomed)) {
            awaitKnown(client);
            FileTime known = Files.getLastModifiedTime(keystore);

            assertTrue(keyring.delete(doomed.accessKeyId()));
            Files.setLastModifiedTime(keystore, known);

            awaitRefused(client);
        }
    }

    private S3Client clientFor(Credential credential) {
        return server.s3(credential.accessKeyId(), secretOf(credential));
    }

    private static String secretOf(Credential credential) {
        return new String(credential.secret(), StandardCharsets.UTF_8);
    }

    /** Polls until the server knows the new key. */
    private static void awaitKnown(S3Client client) throws InterruptedException {
        Instant deadline = Instant.now().plus(RELOAD_DEADLINE);
        while (true) {
            try {
                client.listBuckets();
                return;
            } catch (S3Exception e) {
                boolean unknown = e.awsErrorDetails() != null && "InvalidAccessKeyId".equals(e.awsErrorDetails().errorCode());
                if (!unknown || Instant.now().isAfter(deadline)) throw e;
            }
            Thread.sleep(50);
        }
    }

    /** Polls until the server refuses the deleted key as unknown; fails after the deadline. */
    private static S3Exception awaitRefused(S3Client client) throws InterruptedException {
        Instant deadline = Instant.now().plus(RELOAD_DEADLINE);
        while (true) {
            try {
                client.listBuckets();
            } catch (S3Exception e) {
                assertEquals(403, e.statusCode(), e::getMessage);
                assertEquals("InvalidAccessKeyId", e.awsErrorDetails().errorCode(), e::getMessage);
                return e;
            }
            if (Instant.now().isAfter(deadline)) fail("the deleted key was still accepted " + RELOAD_DEADLINE + " after its deletion");
            Thread.sleep(50);
        }
    }

    private static List<String> keys(List<S3Object> objects) {
        return objects.stream().map(S3Object::key).toList();
    }

    private static List<String> names(List<Bucket> buckets) {
        return buckets.stream().map(Bucket::name).toList();
    }
}
