package io.volumegate.it;

import io.volumegate.access.Principal;
import io.volumegate.auth.Credential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Who may do what, as S3 clients see it: the admin credential (every bucket), two
 * account-like credentials scoped to no bucket (they own what they create and reach the rest
 * through ACLs and policies), a read-only credential, and anonymous requests, with the AWS
 * SDK and with plain curl.
 */
class AccessControlIT extends ServerTestBase {
    private static S3Client admin;
    private static S3Client alice;
    private static S3Client bob;
    private static S3Client readOnly;
    private static S3Client anonymous;
    private static Credential aliceCredential;
    private static Credential bobCredential;

    @BeforeEach
    void clients() throws Exception {
        synchronized (AccessControlIT.class) {
            if (admin != null) return;
            makeClients();
        }
    }

    private void makeClients() throws Exception {
        admin = server.s3();
        aliceCredential = ScopedCredentials.credential(server, Credential.NO_BUCKET, false);
        bobCredential = ScopedCredentials.credential(server, Credential.NO_BUCKET, false);
        alice = client(aliceCredential);
        bob = client(bobCredential);
        readOnly = ScopedCredentials.client(server, Set.of(), true);
        anonymous = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    @AfterAll
    static void close() {
        for (S3Client client : List.of(alice, bob, readOnly, anonymous)) client.close();
        admin = null;
    }

    private S3Client client(Credential credential) {
        return server.s3(credential.accessKeyId(), new String(credential.secret(), StandardCharsets.UTF_8));
    }

    private static String idOf(Credential credential) {
        return Principal.canonicalIdOf(credential.accessKeyId());
    }

    private static void put(S3Client client, String bucket, String key, String content) {
        client.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static String get(S3Client client, String bucket, String key) {
        return client.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void aPublicReadObjectIsFetchedWithPlainCurlAndAPrivateOneIsNot() throws Exception {
        String bucket = "accesscontrolit-curl";
        admin.createBucket(b -> b.bucket(bucket));
        admin.putObject(p -> p.bucket(bucket).key("site/index.html").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("<h1>hello</h1>"));
        put(admin, bucket, "private.txt", "secret plans");

        Path directory = Files.createTempDirectory("accesscontrolit");
        ExternalCommand.Result open = ExternalCommand.run(server, List.of("curl", "-sS", "-w", "\n%{http_code}",
                server.uri("/" + bucket + "/site/index.html").toString()), directory);
        assumeTrue(open.exitCode() != -1, "curl is not installed");
        assertEquals("<h1>hello</h1>\n200", open.output());

        ExternalCommand.Result closed = ExternalCommand.run(server, List.of("curl", "-sS", "-w", "\n%{http_code}",
                server.uri("/" + bucket + "/private.txt").toString()), directory);
        assertTrue(closed.output().endsWith("\n403"), closed.output());
        assertTrue(closed.output().contains("<Code>AccessDenied</Code>"), closed.output());
        assertFalse(closed.output().contains("secret plans"));
        assertS3Error(403, "AccessDenied", () -> anonymous.listObjectsV2(l -> l.bucket(bucket)));
        assertS3Error(403, "AccessDenied", () -> anonymous.listBuckets());
    }

    @Test
    void aPublicReadBucketIsListedAnonymouslyButNotWritten() {
        String bucket = "accesscontrolit-public-read";
        admin.createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        put(admin, bucket, "a.txt", "a");
        assertEquals(List.of("a.txt"), anonymous.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList());
        // Listing is the bucket's ACL; reading an object is the object's own, private unless told.
        assertS3Error(403, "AccessDenied", () -> get(anonymous, bucket, "a.txt"));
        assertS3Error(403, "AccessDenied", () -> put(anonymous, bucket, "b.txt", "b"));
        // Who may list learns that a key is missing; others learn nothing.
        assertS3Error(404, "NoSuchKey", () -> get(anonymous, bucket, "missing.txt"));
    }

    @Test
    void aPublicReadWriteBucketTakesAnonymousWritesButAReadOnlyKeyStaysReadOnly() {
        String bucket = "accesscontrolit-public-rw";
        admin.createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        put(anonymous, bucket, "dropbox.txt", "from anyone");
        assertEquals("from anyone", get(admin, bucket, "dropbox.txt"));
        assertS3Error(403, "AccessDenied", () -> put(readOnly, bucket, "nope.txt", "x"));
        assertS3Error(403, "AccessDenied", () -> readOnly.deleteObject(d -> d.bucket(bucket).key("dropbox.txt")));
        assertEquals("from anyone", get(readOnly, bucket, "dropbox.txt"));
    }

    @Test
    void grantsToAnotherCredentialAreHonouredAndItsWritesAreItsOwn() {
        String bucket = "accesscontrolit-grants";
        admin.createBucket(b -> b.bucket(bucket).grantWrite("id=" + idOf(aliceCredential)).grantFullControl("id=" + idOf(bobCredential)));
        admin.putObject(p -> p.bucket(bucket).key("for-alice.txt").grantRead("id=\"" + idOf(aliceCredential) + "\""),
                RequestBody.fromString("hi alice"));
        put(admin, bucket, "not-for-alice.txt", "no");

        assertEquals("hi alice", get(alice, bucket, "for-alice.txt"));
        assertS3Error(403, "AccessDenied", () -> get(alice, bucket, "not-for-alice.txt"));
        assertS3Error(403, "AccessDenied", () -> alice.listObjectsV2(l -> l.bucket(bucket))); // WRITE is not READ
        put(alice, bucket, "from-alice.txt", "mine");
        S3Object written = bob.listObjects(l -> l.bucket(bucket)).contents().stream()
                .filter(o -> o.key().equals("from-alice.txt")).findFirst().orElseThrow();
        assertEquals(idOf(aliceCredential), written.owner().id());
        assertEquals(aliceCredential.accessKeyId(), written.owner().displayName());
        assertS3Error(400, "InvalidArgument", () -> admin.putObject(p -> p.bucket(bucket).key("x").grantRead("id=nobody-we-know"),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> admin.putObject(p -> p.bucket(bucket).key("x").acl("public-read,private"),
                RequestBody.fromString("x")));
    }

    @Test
    void accountCredentialsOwnTheBucketsTheyCreateAndSeeOnlyThose() {
        String bucket = "accesscontrolit-alices";
        alice.createBucket(b -> b.bucket(bucket));
        put(alice, bucket, "diary.txt", "dear diary");
        List<String> seen = alice.listBuckets().buckets().stream().map(Bucket::name).toList();
        assertTrue(seen.contains(bucket), seen.toString());
        assertFalse(seen.contains("accesscontrolit-grants"), seen.toString());
        assertEquals(idOf(aliceCredential), alice.listBuckets().owner().id());

        assertS3Error(403, "AccessDenied", () -> get(bob, bucket, "diary.txt"));
        assertS3Error(409, "BucketAlreadyExists", () -> bob.createBucket(b -> b.bucket(bucket)));
        assertEquals("dear diary", get(admin, bucket, "diary.txt")); // the admin's scope is every bucket

        // A copy needs read on its source, as a GetObject of its own.
        String bobs = "accesscontrolit-bobs";
        bob.createBucket(b -> b.bucket(bobs));
        assertS3Error(403, "AccessDenied", () -> bob.copyObject(c -> c.sourceBucket(bucket).sourceKey("diary.txt")
                .destinationBucket(bobs).destinationKey("stolen.txt")));
        alice.putObject(p -> p.bucket(bucket).key("shared.txt").acl(ObjectCannedACL.AUTHENTICATED_READ), RequestBody.fromString("for all"));
        bob.copyObject(c -> c.sourceBucket(bucket).sourceKey("shared.txt").destinationBucket(bobs).destinationKey("copy.txt"));
        assertEquals("for all", get(bob, bobs, "copy.txt"));
        assertS3Error(403, "AccessDenied", () -> get(anonymous, bucket, "shared.txt")); // authenticated, not anonymous
    }

    @Test
    void anExplicitDenyInTheBucketPolicyWinsOverEveryAllow() {
        String bucket = "accesscontrolit-deny";
        admin.createBucket(b -> b.bucket(bucket));
        admin.putObject(p -> p.bucket(bucket).key("locked/a.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("a"));
        admin.putBucketPolicy(p -> p.bucket(bucket).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                  "Resource": "arn:aws:s3:::%s/locked/*"}]}""".formatted(bucket)));
        assertS3Error(403, "AccessDenied", () -> get(admin, bucket, "locked/a.txt"));
        assertS3Error(403, "AccessDenied", () -> get(anonymous, bucket, "locked/a.txt"));
        // The admin keeps the policy itself in reach, so one bad Deny cannot lock a bucket for good.
        admin.deleteBucketPolicy(d -> d.bucket(bucket));
        assertEquals("a", get(anonymous, bucket, "locked/a.txt"));
    }

    @Test
    void aBucketPolicyOpensReadsToEveryoneFromSomeAddressesOnly() {
        String bucket = "accesscontrolit-policy";
        admin.createBucket(b -> b.bucket(bucket));
        put(admin, bucket, "data.csv", "1,2,3");
        admin.putBucketPolicy(p -> p.bucket(bucket).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"],
                  "Resource": "arn:aws:s3:::%s/*", "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}]}""".formatted(bucket)));
        assertEquals("1,2,3", get(anonymous, bucket, "data.csv"));
        assertS3Error(403, "AccessDenied", () -> anonymous.listObjectsV2(l -> l.bucket(bucket)));
        admin.putBucketPolicy(p -> p.bucket(bucket).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"],
                  "Resource": "arn:aws:s3:::%s/*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""".formatted(bucket)));
        assertS3Error(403, "AccessDenied", () -> get(anonymous, bucket, "data.csv"));
        assertS3Error(400, "MalformedPolicy", () -> admin.putBucketPolicy(p -> p.bucket(bucket).policy(
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:NoSuchAction\", \"Resource\": \"*\"}]}")));
    }
}
