package io.volumegate.it;

import io.volumegate.access.GroupUri;
import io.volumegate.access.Principal;
import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.access.policy.MalformedPolicyException;
import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.Type;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access control operations with the AWS SDK for Java v2: bucket and object ACLs (canned,
 * by grant headers, by document), bucket policies and their status, public access blocks and
 * ownership controls, with S3's errors. A second credential, scoped to another bucket, is the
 * other user that grants name and that ACLs let in or keep out.
 */
class AclOperationsIT extends ObjectTestBase {
    private static final String ALL_USERS = GroupUri.ALL_USERS.uri();
    private static final String AUTHENTICATED_USERS = GroupUri.AUTHENTICATED_USERS.uri();

    private static Credential other;
    private static Keyring keyring;

    private String otherId;

    @BeforeEach
    void otherUser() throws Exception {
        synchronized (AclOperationsIT.class) {
            if (other == null) {
                keyring = server.keyring();
                other = ScopedCredentials.credential(server, Set.of("aclopsit-elsewhere"), false);
            }
        }
        otherId = Principal.canonicalIdOf(other.accessKeyId());
    }

    @AfterAll
    static void forgetOtherUser() throws Exception {
        // The keystore is the shared server's: leave no credential of ours in it.
        if (other != null) keyring.delete(other.accessKeyId());
    }

    private S3Client otherClient() {
        return server.s3(other.accessKeyId(), new String(other.secret(), StandardCharsets.UTF_8));
    }

    private String ownerOf(String bucket) {
        return server.s3().getBucketAcl(b -> b.bucket(bucket)).owner().id();
    }

    private static Grant user(String id, Permission permission) {
        return Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(id).build()).permission(permission).build();
    }

    private static Grant group(String uri, Permission permission) {
        return Grant.builder().grantee(Grantee.builder().type(Type.GROUP).uri(uri).build()).permission(permission).build();
    }

    /** The grants as (type, id or URI, permission), in the order answered. */
    private static List<String> described(List<Grant> grants) {
        return grants.stream().map(g -> g.grantee().type() + " " + (g.grantee().type() == Type.GROUP ? g.grantee().uri() : g.grantee().id())
                + " " + g.permission()).toList();
    }

    private static String describe(Grant grant) {
        return described(List.of(grant)).get(0);
    }

    @Test
    void bucketAclRoundTripsCannedByHeaderAndByDocument() throws Exception {
        String bucket = "aclopsit-bucket";
        bucket(bucket);
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        GetBucketAclResponse initial = server.s3().getBucketAcl(b -> b.bucket(bucket));
        String owner = initial.owner().id();
        assertEquals(List.of(describe(user(owner, Permission.FULL_CONTROL))), described(initial.grants()));

        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertEquals(List.of(describe(group(ALL_USERS, Permission.READ)), describe(user(owner, Permission.FULL_CONTROL))),
                described(server.s3().getBucketAcl(b -> b.bucket(bucket)).grants()), "group grants first, as S3 answers canned ACLs");

        server.s3().putBucketAcl(b -> b.bucket(bucket).grantRead("id=\"" + otherId + "\"").grantFullControl("id=\"" + owner + "\""));
        GetBucketAclResponse byHeaders = server.s3().getBucketAcl(b -> b.bucket(bucket));
        assertEquals(List.of(describe(user(otherId, Permission.READ)), describe(user(owner, Permission.FULL_CONTROL))),
                described(byHeaders.grants()));
        assertEquals(other.accessKeyId(), byHeaders.grants().get(0).grantee().displayName(), "a user's display name is its access key id");

        try (S3Client client = otherClient()) {
            client.listObjectsV2(l -> l.bucket(bucket));
            assertS3Error(403, "AccessDenied", () -> client.getBucketAcl(b -> b.bucket(bucket)));
            assertS3Error(403, "AccessDenied", () -> client.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE)));

            server.s3().putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p.owner(Owner.builder().id(owner).build())
                    .grants(group(AUTHENTICATED_USERS, Permission.READ), user(otherId, Permission.READ_ACP), user(owner, Permission.FULL_CONTROL))));
            assertEquals(List.of(describe(group(AUTHENTICATED_USERS, Permission.READ)), describe(user(otherId, Permission.READ_ACP)),
                    describe(user(owner, Permission.FULL_CONTROL))), described(client.getBucketAcl(b -> b.bucket(bucket)).grants()),
                    "READ_ACP lets the other user read the ACL");
            client.listObjectsV2(l -> l.bucket(bucket)); // as one of the authenticated users

            server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
            assertS3Error(403, "AccessDenied", () -> client.listObjectsV2(l -> l.bucket(bucket)));
        }
    }

    @Test
    void objectAclBelongsToItsVersionAndLeavesTheContentAlone() {
        String bucket = "aclopsit-versions";
        bucket(bucket);
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String first = server.s3().putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("one")).versionId();
        server.s3().putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("two"));
        String owner = ownerOf(bucket);
        HeadObjectResponse before = server.s3().headObject(h -> h.bucket(bucket).key("doc.txt").versionId(first));

        server.s3().putObjectAcl(b -> b.bucket(bucket).key("doc.txt").versionId(first).acl(ObjectCannedACL.PUBLIC_READ));
        assertEquals(List.of(describe(group(ALL_USERS, Permission.READ)), describe(user(owner, Permission.FULL_CONTROL))),
                described(server.s3().getObjectAcl(b -> b.bucket(bucket).key("doc.txt").versionId(first)).grants()));
        assertEquals(List.of(describe(user(owner, Permission.FULL_CONTROL))),
                described(server.s3().getObjectAcl(b -> b.bucket(bucket).key("doc.txt")).grants()), "the latest version stays private");
        HeadObjectResponse after = server.s3().headObject(h -> h.bucket(bucket).key("doc.txt").versionId(first));
        assertEquals(before.eTag(), after.eTag());
        assertEquals(before.lastModified(), after.lastModified());

        server.s3().putObjectAcl(b -> b.bucket(bucket).key("doc.txt").accessControlPolicy(p -> p.owner(Owner.builder().id(owner).build())
                .grants(user(otherId, Permission.READ))));
        assertEquals(List.of(describe(user(otherId, Permission.READ))),
                described(server.s3().getObjectAcl(b -> b.bucket(bucket).key("doc.txt")).grants()));
        server.s3().putObject(p -> p.bucket(bucket).key("private.txt"), RequestBody.fromString("mine"));
        try (S3Client client = otherClient()) {
            assertEquals("two", client.getObjectAsBytes(g -> g.bucket(bucket).key("doc.txt")).asUtf8String(), "READ on the object");
            assertEquals("one", client.getObjectAsBytes(g -> g.bucket(bucket).key("doc.txt").versionId(first)).asUtf8String(),
                    "the first version is public-read");
            assertS3Error(403, "AccessDenied", () -> client.getObject(g -> g.bucket(bucket).key("private.txt")));
        }

        String marker = server.s3().deleteObject(d -> d.bucket(bucket).key("doc.txt")).versionId();
        assertS3Error(404, "NoSuchKey", () -> server.s3().getObjectAcl(b -> b.bucket(bucket).key("doc.txt")));
        assertS3Error(405, "MethodNotAllowed", () -> server.s3().getObjectAcl(b -> b.bucket(bucket).key("doc.txt").versionId(marker)));
        assertS3Error(404, "NoSuchKey", () -> server.s3().getObjectAcl(b -> b.bucket(bucket).key("missing.txt")));
        assertS3Error(404, "NoSuchKey", () -> server.s3().putObjectAcl(b -> b.bucket(bucket).key("missing.txt").acl(ObjectCannedACL.PRIVATE)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketAcl(b -> b.bucket("aclopsit-none")));
    }

    @Test
    void aclRequestsAreRefusedWithS3sErrors() throws Exception {
        String bucket = "aclopsit-errors";
        bucket(bucket);
        String owner = ownerOf(bucket);
        assertS3Error(400, "InvalidArgument", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).acl("public-everything")));
        assertS3Error(400, "InvalidArgument", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).grantRead("id=\"_foo\"")));
        assertS3Error(400, "InvalidArgument", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p
                .owner(Owner.builder().id(owner).build()).grants(user("_foo", Permission.FULL_CONTROL)))));
        assertS3Error(400, "InvalidArgument", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).grantRead("uri=\"http://example.com/everyone\"")));
        assertS3Error(400, "UnresolvableGrantByEmailAddress",
                () -> server.s3().putBucketAcl(b -> b.bucket(bucket).grantRead("emailAddress=\"someone@example.com\"")));
        assertS3Error(400, "UnresolvableGrantByEmailAddress", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p
                .owner(Owner.builder().id(owner).build()).grants(Grant.builder().permission(Permission.READ)
                        .grantee(Grantee.builder().type(Type.AMAZON_CUSTOMER_BY_EMAIL).emailAddress("someone@example.com").build()).build()))));
        assertS3Error(403, "AccessDenied", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(p -> p
                .owner(Owner.builder().id(otherId).build()).grants(user(otherId, Permission.FULL_CONTROL)))));

        String document = "<AccessControlPolicy><Owner><ID>" + owner + "</ID></Owner><AccessControlList/></AccessControlPolicy>";
        assertRawError(400, "UnexpectedContent", raw().put("/" + bucket + "?acl").header("x-amz-acl", "private").body(document).send());
        assertRawError(400, "MissingSecurityHeader", raw().put("/" + bucket + "?acl").send());
        assertRawError(400, "MalformedACLError", raw().put("/" + bucket + "?acl").body("<AccessControlPolicy><Owner>").send());
        assertRawError(400, "MalformedACLError", raw().put("/" + bucket + "?acl").body("<AccessControlPolicy><AccessControlList><Grant>"
                + "<Grantee><ID>" + owner + "</ID></Grantee><Permission>ALL</Permission></Grant></AccessControlList></AccessControlPolicy>").send());
        assertEquals(List.of(describe(user(owner, Permission.FULL_CONTROL))), described(server.s3().getBucketAcl(b -> b.bucket(bucket)).grants()),
                "nothing refused changed the ACL");
    }

    @Test
    void bucketPolicyPutGetDeleteAndStatus() {
        String bucket = "aclopsit-policy";
        bucket(bucket);
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        server.s3().deleteBucketPolicy(b -> b.bucket(bucket));
        assertS3Error(404, "NoSuchBucketPolicy", () -> server.s3().getBucketPolicy(b -> b.bucket(bucket)));
        assertFalse(server.s3().getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::s3tenant1:root\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        assertEquals(204, server.s3().putBucketPolicy(b -> b.bucket(bucket).policy(policy)).sdkHttpResponse().statusCode());
        assertEquals(policy, server.s3().getBucketPolicy(b -> b.bucket(bucket)).policy(), "the very text that was put");
        assertFalse(server.s3().getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic(), "a policy for one user is not public");

        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertTrue(server.s3().getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic(), "a public-read ACL makes it public");
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));

        assertEquals(204, server.s3().deleteBucketPolicy(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertS3Error(404, "NoSuchBucketPolicy", () -> server.s3().getBucketPolicy(b -> b.bucket(bucket)));
        assertEquals(204, server.s3().deleteBucketPolicy(b -> b.bucket(bucket)).sdkHttpResponse().statusCode(), "deleting none is fine");
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketPolicy(b -> b.bucket("aclopsit-none")));

        String everybody = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        // Until the policy parser lands, BucketPolicy is a stub that finds no policy public and none malformed.
        if (BucketPolicy.parse(everybody, bucket).isPublic()) {
            server.s3().putBucketPolicy(b -> b.bucket(bucket).policy(everybody));
            assertTrue(server.s3().getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
            server.s3().deleteBucketPolicy(b -> b.bucket(bucket));
            server.s3().putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
            assertS3Error(403, "AccessDenied", () -> server.s3().putBucketPolicy(b -> b.bucket(bucket).policy(everybody)));
            server.s3().deletePublicAccessBlock(b -> b.bucket(bucket));
        }
    }

    @Test
    void aPolicyTheParserRefusesIsMalformedPolicy() {
        String bucket = "aclopsit-policy";
        bucket(bucket);
        // S3 keeps policies to 20 KB, whatever is in them.
        assertS3Error(400, "MalformedPolicy", () -> server.s3().putBucketPolicy(b -> b.bucket(bucket).policy("x".repeat(21 * 1024))));
        String malformed = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\"}]}";
        Assumptions.assumeTrue(refusedByParser(malformed, bucket), "the bucket policy parser is still a stub that refuses nothing");
        assertS3Error(400, "MalformedPolicy", () -> server.s3().putBucketPolicy(b -> b.bucket(bucket).policy(malformed)));
    }

    private static boolean refusedByParser(String policy, String bucket) {
        try {
            BucketPolicy.parse(policy, bucket);
            return false;
        } catch (MalformedPolicyException expected) {
            return true;
        }
    }

    @Test
    void publicAccessBlockRoundTripsAndBlocksPublicAcls() {
        String bucket = "aclopsit-block";
        bucket(bucket);
        server.s3().putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("text"));
        server.s3().deletePublicAccessBlock(b -> b.bucket(bucket));
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> server.s3().getPublicAccessBlock(b -> b.bucket(bucket)));

        assertEquals(200, server.s3().putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(false).blockPublicPolicy(true))).sdkHttpResponse().statusCode());
        PublicAccessBlockConfiguration block = server.s3().getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertEquals(List.of(true, false, true, false),
                List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(), block.restrictPublicBuckets()));

        assertS3Error(403, "AccessDenied", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));
        assertS3Error(403, "AccessDenied", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.AUTHENTICATED_READ)));
        assertS3Error(403, "AccessDenied", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).grantRead("uri=\"" + ALL_USERS + "\"")));
        assertS3Error(403, "AccessDenied", () -> server.s3().putObjectAcl(b -> b.bucket(bucket).key("doc.txt").acl(ObjectCannedACL.PUBLIC_READ)));
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        server.s3().putBucketAcl(b -> b.bucket(bucket).grantRead("id=\"" + otherId + "\""));

        assertEquals(204, server.s3().deletePublicAccessBlock(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> server.s3().getPublicAccessBlock(b -> b.bucket(bucket)));
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
    }

    @Test
    void ownershipControlsRoundTripAndBucketOwnerEnforcedTurnsAclsOff() throws Exception {
        String bucket = "aclopsit-ownership";
        bucket(bucket);
        server.s3().putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("text"));
        server.s3().deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertS3Error(404, "OwnershipControlsNotFoundError", () -> server.s3().getBucketOwnershipControls(b -> b.bucket(bucket)));
        String owner = ownerOf(bucket);

        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertS3Error(400, "InvalidBucketAclWithObjectOwnership", () -> enforce(bucket));
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        enforce(bucket);
        assertEquals(List.of(ObjectOwnership.BUCKET_OWNER_ENFORCED), server.s3().getBucketOwnershipControls(b -> b.bucket(bucket))
                .ownershipControls().rules().stream().map(r -> r.objectOwnership()).toList());

        assertS3Error(400, "AccessControlListNotSupported", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));
        assertS3Error(400, "AccessControlListNotSupported", () -> server.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE)));
        assertS3Error(400, "AccessControlListNotSupported", () -> server.s3().putObjectAcl(b -> b.bucket(bucket).key("doc.txt")
                .grantRead("id=\"" + otherId + "\"")));
        server.s3().putBucketAcl(b -> b.bucket(bucket).acl("bucket-owner-full-control"));
        server.s3().putObjectAcl(b -> b.bucket(bucket).key("doc.txt").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL));
        assertEquals(List.of(describe(user(owner, Permission.FULL_CONTROL))),
                described(server.s3().getObjectAcl(b -> b.bucket(bucket).key("doc.txt")).grants()), "reading ACLs still works");

        assertRawError(400, "MalformedXML", raw().put("/" + bucket + "?ownershipControls")
                .body("<OwnershipControls><Rule><ObjectOwnership>Everyone</ObjectOwnership></Rule></OwnershipControls>").send());
        server.s3().putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r.objectOwnership(ObjectOwnership.OBJECT_WRITER))));
        assertEquals(ObjectOwnership.OBJECT_WRITER,
                server.s3().getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0).objectOwnership());
        assertEquals(204, server.s3().deleteBucketOwnershipControls(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertS3Error(404, "OwnershipControlsNotFoundError", () -> server.s3().getBucketOwnershipControls(b -> b.bucket(bucket)));
    }

    private void enforce(String bucket) {
        server.s3().putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c
                .rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
    }
}
