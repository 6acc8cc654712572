package io.volumegate.it;

import io.volumegate.access.Principal;
import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.access.policy.MalformedPolicyException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control through the management API: object and bucket ACLs in boto3's shapes, the
 * bucket policy, and the same decisions as S3's for a credential created with
 * {@code "buckets": []}, which reaches buckets only as their owner or by grants.
 */
class ApiAclIT extends ServerTestBase {
    private static final String BUCKET = "apiaclit";
    private static final String OWN = "apiaclit-second";
    private static String secondId;
    private static String secondSecret;

    private ApiClient admin;
    private ApiClient second;

    @BeforeEach
    void credentialsAndBucket() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        synchronized (ApiAclIT.class) {
            if (secondId == null) {
                assertEquals(201, admin.post("/buckets", "{\"name\": \"" + BUCKET + "\"}").statusCode());
                HttpResponse<String> created = admin.post("/credentials", "{\"buckets\": [], \"description\": \"apiaclit: grants only\"}");
                assertEquals(201, created.statusCode(), created.body());
                secondId = (String) json(created).get("access_key_id");
                secondSecret = (String) json(created).get("secret_access_key");
                assertEquals(List.of(), json(created).get("buckets"));
            }
        }
        second = ApiClient.login(server, secondId, secondSecret);
    }

    private static String objects(String key) {
        return "/buckets/" + BUCKET + "/objects/" + key;
    }

    private void upload(ApiClient client, String key, String content) {
        HttpResponse<String> uploaded = client.upload(objects(key), new MultipartBody().file("file", key, "text/plain",
                content.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
    }

    private static String user(String canonicalId, String permission) {
        return "{\"Grantee\": {\"Type\": \"CanonicalUser\", \"ID\": \"" + canonicalId + "\"}, \"Permission\": \"" + permission + "\"}";
    }

    private static String aclPolicy(String owner, String... grants) {
        return "{\"Owner\": {\"ID\": \"" + owner + "\"}, \"Grants\": [" + String.join(", ", grants) + "]}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void anObjectAclGrantLetsAnotherCredentialReadThroughBothApis() {
        String adminId = Principal.canonicalIdOf(server.adminAccessKey());
        String secondCanonical = Principal.canonicalIdOf(secondId);
        upload(admin, "shared.txt", "for two");
        upload(admin, "private.txt", "for one");

        // written through the API: the writer owns it, privately
        Map<String, Object> acl = json(admin.get(objects("shared.txt") + "/acl"));
        assertEquals(Set.of("owner", "grants"), acl.keySet());
        assertEquals(Map.of("ID", adminId, "DisplayName", server.adminAccessKey()), acl.get("owner"));
        assertEquals(List.of(Map.of("Grantee", Map.of("Type", "CanonicalUser", "ID", adminId, "DisplayName", server.adminAccessKey()),
                "Permission", "FULL_CONTROL")), acl.get("grants"));
        assertEquals(acl, json(admin.get(objects("shared.txt") + "/acl?version_id=null")));

        // nothing granted yet: refused through both APIs
        assertApiError(second.get(objects("shared.txt")), 403, "AccessDenied");
        try (S3Client s3 = server.s3(secondId, secondSecret)) {
            assertS3Error(403, "AccessDenied", () -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("shared.txt")));
        }

        // the reference's request shape
        HttpResponse<String> put = admin.put(objects("shared.txt") + "/acl",
                aclPolicy(adminId, user(adminId, "FULL_CONTROL"), user(secondCanonical, "READ")));
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(Map.of("status", "updated"), json(put));
        List<Map<String, Object>> grants = (List<Map<String, Object>>) json(admin.get(objects("shared.txt") + "/acl")).get("grants");
        assertEquals(2, grants.size());
        assertEquals(Map.of("Grantee", Map.of("Type", "CanonicalUser", "ID", secondCanonical, "DisplayName", secondId),
                "Permission", "READ"), grants.get(1));

        HttpResponse<String> read = second.get(objects("shared.txt"));
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("for two", read.body());
        try (S3Client s3 = server.s3(secondId, secondSecret)) {
            assertEquals("for two", s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("shared.txt")).asUtf8String());
            assertS3Error(403, "AccessDenied", () -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("private.txt")));
        }
        // READ is not READ_ACP, WRITE_ACP, nor the other object, nor listing the bucket
        assertApiError(second.get(objects("private.txt")), 403, "AccessDenied");
        assertApiError(second.get(objects("shared.txt") + "/acl"), 403, "AccessDenied");
        assertApiError(second.put(objects("shared.txt") + "/acl", aclPolicy(adminId, user(secondCanonical, "FULL_CONTROL"))),
                403, "AccessDenied");
        assertApiError(second.get("/buckets/" + BUCKET + "/objects"), 403, "AccessDenied");
        assertApiError(second.post("/buckets/" + BUCKET + "/objects/download", "{\"keys\": [\"shared.txt\", \"private.txt\"]}"),
                403, "AccessDenied");
        assertEquals(200, second.post("/buckets/" + BUCKET + "/objects/download", "{\"keys\": [\"shared.txt\"]}").statusCode());
        assertApiError(second.post("/buckets/" + BUCKET + "/share", "{\"key\": \"private.txt\"}"), 403, "AccessDenied");
        // bulk delete decides key by key, as S3's DeleteObjects: a refused key is an error of its own
        Map<String, Object> bulk = json(second.post("/buckets/" + BUCKET + "/objects/delete", "{\"keys\": [\"private.txt\"]}"));
        assertEquals("partial", bulk.get("status"));
        assertEquals("AccessDenied", ((List<Map<String, Object>>) bulk.get("errors")).get(0).get("code"));
        assertEquals(200, admin.get(objects("private.txt")).statusCode());

        // S3's refusals of a bad ACL
        String path = objects("shared.txt") + "/acl";
        assertApiError(admin.put(path, aclPolicy(adminId, user("0".repeat(64), "READ"))), 400, "InvalidArgument");
        assertApiError(admin.put(path, aclPolicy(adminId, user(secondCanonical, "EVERYTHING"))), 400, "InvalidArgument");
        assertApiError(admin.put(path, aclPolicy(adminId, "{\"Grantee\": {\"Type\": \"Robot\", \"ID\": \"" + secondCanonical
                + "\"}, \"Permission\": \"READ\"}")), 400, "InvalidArgument");
        assertApiError(admin.put(path, aclPolicy(secondCanonical, user(secondCanonical, "FULL_CONTROL"))), 403, "AccessDenied");
        assertApiError(admin.put(path, "{\"Owner\": "), 400, "MalformedJson");
        assertApiError(admin.get(objects("nothing-here.txt") + "/acl"), 404, "NoSuchKey");
        // a grant to everybody opens the object to unsigned S3 requests' grantees too: the ACL is what was asked
        assertEquals(200, admin.put(path, aclPolicy(adminId, user(adminId, "FULL_CONTROL"),
                "{\"Grantee\": {\"Type\": \"Group\", \"URI\": \"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\"}, "
                        + "\"Permission\": \"READ\"}")).statusCode());
        assertEquals(200, second.get(objects("shared.txt")).statusCode());
        assertEquals(200, admin.put(path, aclPolicy(adminId)).statusCode()); // no grants: the owner alone, by ownership
        assertApiError(second.get(objects("shared.txt")), 403, "AccessDenied");
        assertEquals(200, admin.get(objects("shared.txt")).statusCode());
    }

    @Test
    void aKeyEndingInAclIsReachedWithAnEncodedSlash() {
        upload(admin, "dir/acl", "named acl");
        HttpResponse<String> download = admin.get(objects("dir%2Facl"));
        assertEquals(200, download.statusCode(), download.body());
        assertEquals("named acl", download.body());
        // .../objects/dir/acl/acl is that key's ACL
        assertEquals(server.adminAccessKey(), ((Map<?, ?>) json(admin.get(objects("dir/acl/acl"))).get("owner")).get("DisplayName"));
        assertEquals(200, admin.head(objects("dir/acl")).statusCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBucketAclGrantLetsAnotherCredentialListAndWriteAndWritersOwnWhatTheyWrite() {
        String adminId = Principal.canonicalIdOf(server.adminAccessKey());
        String secondCanonical = Principal.canonicalIdOf(secondId);
        String bucketAcl = "/buckets/" + BUCKET + "/acl";
        Map<String, Object> acl = json(admin.get(bucketAcl));
        assertEquals(Map.of("ID", adminId, "DisplayName", server.adminAccessKey()), acl.get("owner"));
        assertApiError(second.get(bucketAcl), 403, "AccessDenied");

        HttpResponse<String> put = admin.put(bucketAcl, aclPolicy(adminId, user(adminId, "FULL_CONTROL"), user(secondCanonical, "READ")));
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(200, second.get("/buckets/" + BUCKET + "/objects").statusCode());
        assertApiError(second.upload(objects("by-second.txt"), new MultipartBody().file("file", "f", null, "x".getBytes())),
                403, "AccessDenied");

        assertEquals(200, admin.put(bucketAcl, aclPolicy(adminId, user(adminId, "FULL_CONTROL"), user(secondCanonical, "READ"),
                user(secondCanonical, "WRITE"))).statusCode());
        assertEquals(3, ((List<?>) json(admin.get(bucketAcl)).get("grants")).size());
        upload(second, "by-second.txt", "mine");
        upload(admin, "by-admin.txt", "the admin's");
        Map<String, Object> listing = json(second.get("/buckets/" + BUCKET + "/objects?prefix=by-"));
        Map<String, String> owners = new java.util.HashMap<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) listing.get("objects")) {
            owners.put((String) entry.get("key"), (String) entry.get("owner"));
        }
        assertEquals(Map.of("by-admin.txt", server.adminAccessKey(), "by-second.txt", secondId), owners);
        // its own object: the second credential reads it and its ACL as owner; the admin by scope
        assertEquals("mine", second.get(objects("by-second.txt")).body());
        assertEquals(secondCanonical, ((Map<?, ?>) json(second.get(objects("by-second.txt") + "/acl")).get("owner")).get("ID"));
        assertEquals("mine", admin.get(objects("by-second.txt")).body());
        // a copy belongs to whoever made it
        HttpResponse<String> copied = second.post(objects("copied-by-second.txt") + "/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"by-second.txt\"}");
        assertEquals(200, copied.statusCode(), copied.body());
        assertEquals(secondCanonical, ((Map<?, ?>) json(admin.get(objects("copied-by-second.txt") + "/acl")).get("owner")).get("ID"));
        // WRITE on the bucket does not read others' objects
        assertApiError(second.post(objects("stolen.txt") + "/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"by-admin.txt\"}"), 403, "AccessDenied");

        // bucket ACL rules as for objects: another owner is refused, the owner keeps its bucket
        assertApiError(second.put(bucketAcl, aclPolicy(secondCanonical)), 403, "AccessDenied");
        assertApiError(admin.put(bucketAcl, aclPolicy(secondCanonical, user(secondCanonical, "FULL_CONTROL"))), 403, "AccessDenied");
        assertEquals(200, admin.put(bucketAcl, aclPolicy(adminId, user(adminId, "FULL_CONTROL"))).statusCode());
        assertApiError(second.get("/buckets/" + BUCKET + "/objects"), 403, "AccessDenied");
    }

    @Test
    void aCredentialScopedToNoBucketCreatesAndOwnsItsBuckets() {
        HttpResponse<String> created = second.post("/buckets", "{\"name\": \"" + OWN + "\"}");
        assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        List<String> visible = names(second.get("/buckets"));
        assertTrue(visible.contains(OWN), visible.toString());
        assertFalse(visible.contains(BUCKET), visible.toString());
        assertEquals(true, json(second.get("/buckets/" + OWN)).get("writable"));
        assertEquals(Principal.canonicalIdOf(secondId), ((Map<?, ?>) json(second.get("/buckets/" + OWN + "/acl")).get("owner")).get("ID"));
        HttpResponse<String> uploaded = second.upload("/buckets/" + OWN + "/objects/own.txt",
                new MultipartBody().file("file", "own.txt", null, "own".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        assertEquals("own", second.get("/buckets/" + OWN + "/objects/own.txt").body());
        // the admin's scope covers every bucket, so it sees and reads it too
        assertTrue(names(admin.get("/buckets")).contains(OWN));
        assertEquals("own", admin.get("/buckets/" + OWN + "/objects/own.txt").body());
        // another's bucket name
        assertApiError(second.post("/buckets", "{\"name\": \"" + BUCKET + "\"}"), 409, "BucketAlreadyExists");
    }

    @Test
    void bucketPoliciesArePutGotAndDeleted() {
        String policyPath = "/buckets/" + BUCKET + "/policy";
        admin.delete(policyPath);
        assertApiError(admin.get(policyPath), 404, "NoSuchBucketPolicy");
        String document = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"ReadForAll\", \"Effect\": \"Allow\", "
                + "\"Principal\": {\"AWS\": [\"" + secondId + "\"]}, \"Action\": [\"s3:GetObject\"], "
                + "\"Resource\": [\"arn:aws:s3:::" + BUCKET + "/public/*\"]}]}";
        HttpResponse<String> put = admin.put(policyPath, document);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(Map.of("status", "updated"), json(put));
        HttpResponse<String> got = admin.get(policyPath);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(ApiClient.JSON.fromJson(document, Map.class), json(got));
        assertTrue(json(admin.get("/buckets/" + BUCKET + "/policy-status")).get("is_public") instanceof Boolean);

        // the owner's (or scope's) alone
        assertApiError(second.get(policyPath), 403, "AccessDenied");
        assertApiError(second.put(policyPath, document), 403, "AccessDenied");
        assertApiError(second.delete(policyPath), 403, "AccessDenied");
        assertApiError(admin.put(policyPath, ""), 400, "MalformedPolicy");

        assertEquals(204, admin.delete(policyPath).statusCode());
        assertApiError(admin.get(policyPath), 404, "NoSuchBucketPolicy");
        assertEquals(204, admin.delete(policyPath).statusCode());
        assertEquals(false, json(admin.get("/buckets/" + BUCKET + "/policy-status")).get("is_public"));
        assertApiError(admin.get("/buckets/apiaclit-none/policy"), 404, "NoSuchBucket");
    }

    /** Only with the real policy parser: the placeholder accepts any text. */
    @Test
    void aMalformedPolicyIsRefusedWithTheParsersMessage() {
        Assumptions.assumeTrue(parserRefuses("{\"Version\": \"2012-10-17\""), "the policy parser is the placeholder");
        HttpResponse<String> refused = admin.put("/buckets/" + BUCKET + "/policy", "{\"Version\": \"2012-10-17\"");
        assertApiError(refused, 400, "MalformedPolicy");
    }

    @Test
    void aReadOnlyCredentialReadsAclsButNeverChangesThem() {
        String adminId = Principal.canonicalIdOf(server.adminAccessKey());
        upload(admin, "read-only.txt", "x");
        ApiClient readOnly = ApiClient.scoped(server, Set.of(), true, "apiaclit: read-only");
        assertEquals(200, readOnly.get(objects("read-only.txt") + "/acl").statusCode());
        assertEquals(200, readOnly.get("/buckets/" + BUCKET + "/acl").statusCode());
        Map<String, Object> refused = assertApiError(readOnly.put(objects("read-only.txt") + "/acl",
                aclPolicy(adminId, user(adminId, "FULL_CONTROL"))), 403, "AccessDenied");
        assertTrue(((String) refused.get("message")).contains("read-only"), refused.toString());
        assertApiError(readOnly.put("/buckets/" + BUCKET + "/acl", aclPolicy(adminId, user(adminId, "FULL_CONTROL"))), 403, "AccessDenied");
        assertApiError(readOnly.put("/buckets/" + BUCKET + "/policy", "{}"), 403, "AccessDenied");
        assertApiError(readOnly.delete("/buckets/" + BUCKET + "/policy"), 403, "AccessDenied");
    }

    private static boolean parserRefuses(String text) {
        try {
            BucketPolicy.parse(text, BUCKET);
            return false;
        } catch (MalformedPolicyException e) {
            return true;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return ((List<Map<String, Object>>) json(response).get("buckets")).stream().map(b -> (String) b.get("name")).toList();
    }
}
