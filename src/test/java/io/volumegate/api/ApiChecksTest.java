package io.volumegate.api;

import io.volumegate.access.Permission;
import io.volumegate.objects.AccessCheck;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every route on a bucket is decided with S3's action for the same operation. */
class ApiChecksTest {
    /**
     * Routes whose handlers decide each key of the body, and the quota changes, which no grant
     * or policy opens: only an admin or the bucket's owner (QuotaResource).
     */
    private static final Set<ApiRoute> CHECKED_BY_HANDLER = Set.of(ApiRoute.DELETE_OBJECTS, ApiRoute.DOWNLOAD_ZIP,
            ApiRoute.PRESIGN_KEYS, ApiRoute.SHARE, ApiRoute.PUT_QUOTA, ApiRoute.DELETE_QUOTA, ApiRoute.RECONCILE_USAGE);

    @Test
    void everyBucketRouteHasACheckThatWritesOnlyWhereItsAccessIsWrite() {
        for (ApiRoute route : ApiRoute.values()) {
            AccessCheck check = ApiChecks.of(route, false);
            boolean onBucket = route.parameters().contains("bucket");
            if (!onBucket || CHECKED_BY_HANDLER.contains(route)) {
                assertNull(check, route.name());
                continue;
            }
            assertNotNull(check, route.name());
            assertTrue(check.action().startsWith("s3:"), route.name());
            if (check.writes()) assertEquals(ApiRoute.Access.WRITE, route.access(), route.name());
            if (route.access() == ApiRoute.Access.READ) assertFalse(check.writes(), route.name());
        }
    }

    @Test
    void actionsAreS3s() {
        assertEquals(new AccessCheck("s3:GetObject", Permission.READ, true, false), ApiChecks.of(ApiRoute.DOWNLOAD_OBJECT, false));
        assertEquals("s3:GetObjectVersion", ApiChecks.of(ApiRoute.HEAD_OBJECT, true).action());
        assertEquals(new AccessCheck("s3:PutObject", Permission.WRITE, false, true), ApiChecks.of(ApiRoute.UPLOAD_OBJECT, false));
        assertEquals("s3:DeleteObjectVersion", ApiChecks.of(ApiRoute.DELETE_OBJECT, true).action());
        assertEquals(new AccessCheck("s3:ListBucket", Permission.READ, false, false), ApiChecks.of(ApiRoute.LIST_OBJECTS, false));
        assertEquals(new AccessCheck("s3:GetObjectAcl", Permission.READ_ACP, true, false), ApiChecks.of(ApiRoute.GET_OBJECT_ACL, false));
        assertEquals(new AccessCheck("s3:PutObjectVersionAcl", Permission.WRITE_ACP, true, true), ApiChecks.of(ApiRoute.PUT_OBJECT_ACL, true));
        assertEquals(new AccessCheck("s3:PutBucketAcl", Permission.WRITE_ACP, false, true), ApiChecks.of(ApiRoute.PUT_BUCKET_ACL, false));
        assertEquals(new AccessCheck("s3:PutBucketPolicy", null, false, true), ApiChecks.of(ApiRoute.PUT_BUCKET_POLICY, false));
        assertEquals("s3:DeleteBucketPolicy", ApiChecks.of(ApiRoute.DELETE_BUCKET_POLICY, false).action());
        assertEquals("s3:GetBucketPolicy", ApiChecks.of(ApiRoute.GET_BUCKET_POLICY, false).action());
        assertEquals("s3:GetBucketPolicyStatus", ApiChecks.of(ApiRoute.GET_BUCKET_POLICY_STATUS, false).action());
    }
}
