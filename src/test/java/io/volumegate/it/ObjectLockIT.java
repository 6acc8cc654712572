package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetObjectRetentionResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.volumegate.it.ApiClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 object lock: a retained or held version stays, through every API, until its lock ends. */
class ObjectLockIT extends ObjectTestBase {
    private static final Instant FAR = Instant.parse("2031-01-01T00:00:00Z");

    private String lockedBucket(String name) {
        server.s3().createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
        return name;
    }

    private String put(String bucket, String key) {
        return server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key)).versionId();
    }

    @Test
    void aLockedBucketIsVersionedForGoodAndHasADefaultRetention() {
        String bucket = lockedBucket("objectlockit-default");
        assertEquals(BucketVersioningStatus.ENABLED, server.s3().getBucketVersioning(b -> b.bucket(bucket)).status());
        assertS3Error(409, "InvalidBucketState", () -> server.s3().putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED))));

        server.s3().putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        assertEquals(1, server.s3().getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule()
                .defaultRetention().days());
        String version = put(bucket, "kept");
        HeadObjectResponse head = server.s3().headObject(b -> b.bucket(bucket).key("kept"));
        assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode());
        Instant until = head.objectLockRetainUntilDate();
        assertTrue(until.isAfter(Instant.now().plus(23, ChronoUnit.HOURS)) && until.isBefore(Instant.now().plus(25, ChronoUnit.HOURS)),
                "one day from now: " + until);

        assertS3Error(403, "AccessDenied", () -> server.s3().deleteObject(b -> b.bucket(bucket).key("kept").versionId(version)));
        assertEquals(204, server.s3().deleteObject(b -> b.bucket(bucket).key("kept")).sdkHttpResponse().statusCode(),
                "a delete marker removes nothing, so the lock allows it");
        assertEquals(List.of(version), server.s3().listObjectVersions(b -> b.bucket(bucket)).versions().stream()
                .map(ObjectVersion::versionId).toList());
        server.s3().deleteObject(b -> b.bucket(bucket).key("kept").versionId(version).bypassGovernanceRetention(true));
        assertEquals(List.of(), server.s3().listObjectVersions(b -> b.bucket(bucket)).versions(),
                "GOVERNANCE gives way to a caller who asks to bypass it");
    }

    @Test
    void complianceRetentionOnlyGrowsAndLegalHoldsBlockEveryone() {
        String bucket = lockedBucket("objectlockit-compliance");
        String version = put(bucket, "record");
        server.s3().putObjectRetention(b -> b.bucket(bucket).key("record")
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(FAR)));
        GetObjectRetentionResponse retention = server.s3().getObjectRetention(b -> b.bucket(bucket).key("record").versionId(version));
        assertEquals(ObjectLockRetentionMode.COMPLIANCE, retention.retention().mode());
        assertEquals(FAR, retention.retention().retainUntilDate());

        assertS3Error(403, "AccessDenied", () -> server.s3().putObjectRetention(b -> b.bucket(bucket).key("record")
                .bypassGovernanceRetention(true).retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(FAR.minusSeconds(86400)))));
        assertS3Error(403, "AccessDenied", () -> server.s3().putObjectRetention(b -> b.bucket(bucket).key("record")
                .bypassGovernanceRetention(true).retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(FAR))));
        server.s3().putObjectRetention(b -> b.bucket(bucket).key("record")
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(FAR.plusSeconds(86400))));
        assertS3Error(403, "AccessDenied", () -> server.s3().deleteObject(b -> b.bucket(bucket).key("record").versionId(version)
                .bypassGovernanceRetention(true)));

        String held = put(bucket, "held");
        server.s3().putObjectLegalHold(b -> b.bucket(bucket).key("held").legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        assertEquals(ObjectLockLegalHoldStatus.ON, server.s3().getObjectLegalHold(b -> b.bucket(bucket).key("held")).legalHold().status());
        assertS3Error(403, "AccessDenied", () -> server.s3().deleteObject(b -> b.bucket(bucket).key("held").versionId(held)
                .bypassGovernanceRetention(true)));
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        assertApiError(admin.delete("/buckets/" + bucket + "/objects/held?version_id=" + held), 403, "AccessDenied");
        server.s3().putObjectLegalHold(b -> b.bucket(bucket).key("held").legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        server.s3().deleteObject(b -> b.bucket(bucket).key("held").versionId(held));
        assertS3Error(404, "NoSuchVersion", () -> server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("held").versionId(held)));
    }

    @Test
    void lockHeadersOnAWriteAndTheErrorsOfABucketWithoutLock() throws Exception {
        String bucket = lockedBucket("objectlockit-headers");
        server.s3().putObject(b -> b.bucket(bucket).key("k").objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(FAR)
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("x"));
        HeadObjectResponse head = server.s3().headObject(b -> b.bucket(bucket).key("k"));
        assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode());
        assertEquals(FAR, head.objectLockRetainUntilDate());
        assertEquals(ObjectLockLegalHoldStatus.ON, head.objectLockLegalHoldStatus());

        assertRawError(400, "MalformedXML", raw().put("/" + bucket + "?object-lock").body("<ObjectLockConfiguration><ObjectLockEnabled>"
                + "Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days><Years>1</Years>"
                + "</DefaultRetention></Rule></ObjectLockConfiguration>").send());
        assertRawError(400, "InvalidRetentionPeriod", raw().put("/" + bucket + "?object-lock").body("<ObjectLockConfiguration>"
                + "<ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>0</Days>"
                + "</DefaultRetention></Rule></ObjectLockConfiguration>").send());
        assertRawError(400, "MalformedXML", raw().put("/" + bucket + "/k?legal-hold").body("<LegalHold><Status>on</Status></LegalHold>").send());
        assertRawError(400, "MalformedXML", raw().put("/" + bucket + "/k?retention").body("<Retention><Mode>governance</Mode>"
                + "<RetainUntilDate>2031-01-01T00:00:00Z</RetainUntilDate></Retention>").send());

        String plain = "objectlockit-plain";
        bucket(plain);
        put(plain, "k");
        assertS3Error(404, "ObjectLockConfigurationNotFoundError", () -> server.s3().getObjectLockConfiguration(b -> b.bucket(plain)));
        assertS3Error(409, "InvalidBucketState", () -> server.s3().putObjectLockConfiguration(b -> b.bucket(plain)
                .objectLockConfiguration(c -> c.objectLockEnabled("Enabled"))));
        assertS3Error(400, "InvalidRequest", () -> server.s3().putObjectRetention(b -> b.bucket(plain).key("k")
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(FAR))));
        assertS3Error(400, "InvalidRequest", () -> server.s3().putObject(b -> b.bucket(plain).key("k2")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(FAR), RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> server.s3().putObject(b -> b.bucket(bucket).key("k3")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(Instant.now().minusSeconds(60)), RequestBody.fromString("x")));
    }
}
