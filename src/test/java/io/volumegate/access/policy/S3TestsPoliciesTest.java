package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;

import static io.volumegate.access.policy.PolicyEffect.ALLOW;
import static io.volumegate.access.policy.PolicyEffect.DENY;
import static io.volumegate.access.policy.PolicyEffect.NONE;
import static io.volumegate.access.policy.Requests.BUCKET;
import static io.volumegate.access.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy documents of ceph s3-tests (s3tests/functional/test_s3.py, bucket_policy and
 * policy-status tests), written as its helpers write them, with the decision each test relies
 * on; the request side (which action an operation needs, which context keys it carries) is the
 * caller's, and is spelt here as the tests' requests would carry it.
 */
class S3TestsPoliciesTest {
    private static final String ALT = "alt-user-canonical-id";
    private static final String MAIN = "main-user-canonical-id";

    /** make_json_policy: one statement, Principal {"AWS": "*"} unless given, json.dumps spacing. */
    private static String makeJsonPolicy(String action, String resource, String effect, String principal, String conditions) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Action\": \"" + action + "\", \"Principal\": " + principal
                + ", \"Effect\": \"" + effect + "\", \"Resource\": \"" + resource + "\""
                + (conditions == null ? "" : ", \"Condition\": " + conditions) + "}]}";
    }

    private static BucketPolicy allowEveryone(String action, String resource, String conditions) {
        return BucketPolicy.parse(makeJsonPolicy(action, resource, "Allow", "{\"AWS\": \"*\"}", conditions), BUCKET);
    }

    private static BucketPolicy denyEveryone(String action, String resource, String conditions) {
        return BucketPolicy.parse(makeJsonPolicy(action, resource, "Deny", "{\"AWS\": \"*\"}", conditions), BUCKET);
    }

    private static String listBucketPolicy(String effect) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"" + effect + "\", \"Principal\": {\"AWS\": \"*\"}, "
                + "\"Action\": \"s3:ListBucket\", \"Resource\": [\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos/*\"]}]}";
    }

    /** test_bucket_policy, test_bucketv2_policy, test_set_get_del_bucket_policy, test_get_publicpolicy_acl_bucket_policy_status. */
    @Test
    void allowingEveryoneToListLetsAnotherUserList() {
        String json = listBucketPolicy("Allow");
        BucketPolicy policy = BucketPolicy.parse(json, BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:ListBucket").by(ALT).build()));
        assertSame(json, policy.text());
        assertTrue(policy.isPublic());
    }

    /** test_bucket_policy_acl: a Deny wins over an authenticated-read ACL (the ACL is the caller's). */
    @Test
    void denyingEveryoneToListDeniesAnotherUser() {
        assertEquals(DENY, BucketPolicy.parse(listBucketPolicy("Deny"), BUCKET).evaluate(request("s3:ListBucket").by(ALT).build()));
    }

    /** test_bucket_policy_deny_self_denied_policy: the root's own access is the caller's exception to make. */
    @Test
    void aDenyOfThePolicyActionsDeniesThem() {
        BucketPolicy policy = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
                + "\"Principal\": \"*\", \"Action\": [\"s3:PutBucketPolicy\", \"s3:GetBucketPolicy\", \"s3:DeleteBucketPolicy\"], "
                + "\"Resource\": [\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos/*\"]}]}", BUCKET);
        for (String action : new String[] {"s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"}) {
            assertEquals(DENY, policy.evaluate(request(action).by(ALT).build()));
            assertEquals(DENY, policy.evaluate(request(action).by(MAIN).build()));
        }
        assertEquals(NONE, policy.evaluate(request("s3:ListBucket").by(ALT).build()));
    }

    /** test_bucket_policy_multipart: PutObject on the bucket's ARN is accepted and grants nothing on its objects. */
    @Test
    void putObjectOnTheBucketArnGrantsNothingOnObjects() {
        BucketPolicy onBucket = allowEveryone("s3:PutObject", "arn:aws:s3:::photos", null);
        assertEquals(NONE, onBucket.evaluate(request("s3:PutObject").object("mpobj").by(ALT).build()));
        BucketPolicy onObject = allowEveryone("s3:PutObject", "arn:aws:s3:::photos/mpobj", null);
        assertEquals(ALLOW, onObject.evaluate(request("s3:PutObject").object("mpobj").by(ALT).build()));
        assertEquals(NONE, onObject.evaluate(request("s3:PutObject").object("mpobj2").by(ALT).build()));
    }

    /** test_bucket_policy_another_bucket: the same document, read back, is accepted for a second bucket. */
    @Test
    void wildcardBucketsServeEveryBucket() {
        String json = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, "
                + "\"Action\": \"s3:ListBucket\", \"Resource\": [\"arn:aws:s3:::*\", \"arn:aws:s3:::*/*\"]}]}";
        for (String bucket : new String[] {"photos", "photos-2"}) {
            BucketPolicy policy = BucketPolicy.parse(BucketPolicy.parse(json, "photos").text(), bucket);
            assertEquals(ALLOW, policy.evaluate(request("s3:ListBucket").resource("arn:aws:s3:::" + bucket).by(ALT).build()));
        }
    }

    /** test_bucket_policy_set_condition_operator_end_with_IfExists. */
    @Test
    void refererLikeIfExists() {
        BucketPolicy policy = BucketPolicy.parse("""
                {
                  "Version":"2012-10-17",
                  "Statement": [{
                    "Sid": "Allow Public Access to All Objects",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Condition": {
                                "StringLikeIfExists": {
                                    "aws:Referer": "http://www.example.com/*"
                                }
                            },
                    "Resource": "arn:aws:s3:::photos/*"
                  }
                 ]
                }""", BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("foo").by(MAIN).with("aws:Referer", "http://www.example.com/").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("foo").by(MAIN)
                .with("aws:Referer", "http://www.example.com/index.html").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("foo").by(MAIN).with("aws:Referer", "http://example.com").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("foo").by(MAIN).build()));
    }

    /** test_get_tags_acl_public, test_put_tags_acl_public, test_delete_tags_obj_public. */
    @Test
    void taggingActionsOnOneKey() {
        for (String action : new String[] {"s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging"}) {
            BucketPolicy policy = allowEveryone(action, "arn:aws:s3:::photos/testputtagsacl", null);
            assertEquals(ALLOW, policy.evaluate(request(action).object("testputtagsacl").by(ALT).build()));
            assertEquals(NONE, policy.evaluate(request(action).object("other").by(ALT).build()));
        }
    }

    /** test_bucket_policy_get_obj_existing_tag, ..._get_obj_tagging_existing_tag, ..._get_obj_acl_existing_tag. */
    @Test
    void existingObjectTag() {
        String condition = "{\"StringEquals\": {\"s3:ExistingObjectTag/security\": \"public\"}}";
        for (String action : new String[] {"s3:GetObject", "s3:GetObjectTagging", "s3:GetObjectAcl", "s3:PutObjectTagging"}) {
            BucketPolicy policy = allowEveryone(action, "arn:aws:s3:::photos/*", condition);
            assertEquals(ALLOW, policy.evaluate(request(action).object("publictag").by(ALT)
                    .with("s3:ExistingObjectTag/security", "public").with("s3:ExistingObjectTag/foo", "bar").build()));
            assertEquals(NONE, policy.evaluate(request(action).object("privatetag").by(ALT)
                    .with("s3:ExistingObjectTag/security", "private").build()));
            assertEquals(NONE, policy.evaluate(request(action).object("invalidtag").by(ALT)
                    .with("s3:ExistingObjectTag/security1", "public").build()));
        }
    }

    /** test_bucket_policy_upload_part_copy: reading the copy source needs GetObject on it. */
    @Test
    void copySourceUnderAPublicPrefix() {
        BucketPolicy policy = allowEveryone("s3:GetObject", "arn:aws:s3:::photos/public/*", null);
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("public/foo").by(ALT).build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("public/bar").by(ALT).build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("private/foo").by(ALT).build()));
    }

    /** test_bucket_policy_put_obj_copy_source: s3:x-amz-copy-source is "bucket/key", without a leading slash. */
    @Test
    void putObjectOnlyCopyingFromAPrefix() {
        BucketPolicy policy = allowEveryone("s3:PutObject", "arn:aws:s3:::photos/*",
                "{\"StringLike\": {\"s3:x-amz-copy-source\": \"source-bucket/public/*\"}}");
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("new_foo").by(ALT)
                .with("s3:x-amz-copy-source", "source-bucket/public/foo").build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("new_foo2").by(ALT)
                .with("s3:x-amz-copy-source", "source-bucket/private/foo").build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("new_foo3").by(ALT).build()));
    }

    /** test_bucket_policy_put_obj_copy_source_meta: without the header the key is absent. */
    @Test
    void putObjectOnlyWithMetadataDirectiveCopy() {
        BucketPolicy policy = allowEveryone("s3:PutObject", "arn:aws:s3:::photos/*",
                "{\"StringEquals\": {\"s3:x-amz-metadata-directive\": \"COPY\"}}");
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("new_foo").by(ALT).with("s3:x-amz-metadata-directive", "COPY").build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("new_foo2").by(ALT).build()));
    }

    /** test_bucket_policy_put_obj_acl: an Allow and a Deny of public canned ACLs. */
    @Test
    void putObjectDeniedForPublicAcls() {
        BucketPolicy policy = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Action\": \"s3:PutObject\", \"Principal\": {\"AWS\": \"*\"}, \"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::photos/*\"}, "
                + "{\"Action\": \"s3:PutObject\", \"Principal\": {\"AWS\": \"*\"}, \"Effect\": \"Deny\", \"Resource\": \"arn:aws:s3:::photos/*\", "
                + "\"Condition\": {\"StringLike\": {\"s3:x-amz-acl\": \"public*\"}}}]}", BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("private-key").by(ALT).build()));
        assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("public-key").by(ALT).with("s3:x-amz-acl", "public-read").build()));
    }

    /** test_bucket_policy_put_obj_grant. */
    @Test
    void putObjectOnlyGrantingTheOwnerFullControl() {
        BucketPolicy policy = allowEveryone("s3:PutObject", "arn:aws:s3:::photos/*",
                "{\"StringEquals\": {\"s3:x-amz-grant-full-control\": \"id=" + MAIN + "\"}}");
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("key1").by(ALT)
                .with("s3:x-amz-grant-full-control", "id=" + MAIN).build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("key2").by(ALT).build()));
    }

    /** test_bucket_policy_put_obj_s3_noenc and test_encryption_sse_c_enforced_with_bucket_policy: Deny binds the owner too. */
    @Test
    void unencryptedPutsDenied() {
        for (String key : new String[] {"s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-customer-algorithm"}) {
            BucketPolicy policy = denyEveryone("s3:PutObject", "arn:aws:s3:::photos/*", "{\"Null\": {\"" + key + "\": \"true\"}}");
            assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN).build()));
            assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN).with(key, "AES256").build()));
        }
    }

    /** test_bucket_policy_put_obj_s3_incorrect_algo_sse_s3 and test_encryption_sse_c_deny_algo_with_bucket_policy. */
    @Test
    void wrongAlgorithmsDenied() {
        for (String key : new String[] {"s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-customer-algorithm"}) {
            BucketPolicy policy = denyEveryone("s3:PutObject", "arn:aws:s3:::photos/*", "{\"StringNotEquals\": {\"" + key + "\": \"AES256\"}}");
            assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN).with(key, "AES192").build()));
            assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN).with(key, "AES256").build()));
            assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN).build()));
        }
    }

    /** test_bucket_policy_put_obj_s3_kms, test_bucket_policy_put_obj_kms_noenc, test_bucket_policy_put_obj_kms_s3. */
    @Test
    void encryptionRequiredOfOneKind() {
        for (String required : new String[] {"AES256", "aws:kms"}) {
            BucketPolicy policy = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": ["
                    + "{\"Action\": \"s3:PutObject\", \"Principal\": {\"AWS\": \"*\"}, \"Effect\": \"Deny\", \"Resource\": \"arn:aws:s3:::photos/*\", "
                    + "\"Condition\": {\"StringNotEquals\": {\"s3:x-amz-server-side-encryption\": \"" + required + "\"}}}, "
                    + "{\"Action\": \"s3:PutObject\", \"Principal\": {\"AWS\": \"*\"}, \"Effect\": \"Deny\", \"Resource\": \"arn:aws:s3:::photos/*\", "
                    + "\"Condition\": {\"Null\": {\"s3:x-amz-server-side-encryption\": \"true\"}}}]}", BUCKET);
            String other = required.equals("AES256") ? "aws:kms" : "AES256";
            assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN)
                    .with("s3:x-amz-server-side-encryption", required).build()));
            assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("testobj").by(MAIN)
                    .with("s3:x-amz-server-side-encryption", other).build()));
            assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("unicorn").by(MAIN).build()));
        }
    }

    /** test_bucket_policy_put_obj_request_obj_tag. */
    @Test
    void putObjectOnlyWithARequestTag() {
        BucketPolicy policy = allowEveryone("s3:PutObject", "arn:aws:s3:::photos/*",
                "{\"StringEquals\": {\"s3:RequestObjectTag/security\": \"public\"}}");
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("testobj").by(ALT).build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("testobj").by(ALT)
                .with("s3:RequestObjectTag/security", "public").build()));
    }

    /** test_get_public_block_deny_bucket_policy. */
    @Test
    void denyingGetBucketPublicAccessBlock() {
        BucketPolicy policy = denyEveryone("s3:GetBucketPublicAccessBlock", "arn:aws:s3:::photos", null);
        assertEquals(DENY, policy.evaluate(request("s3:GetBucketPublicAccessBlock").by(MAIN).build()));
        assertFalse(policy.isPublic());
    }

    /** test_head_object_404_with_policy_prefix: ListBucket with s3:prefix, asked for a missing key. */
    @Test
    void listBucketUnderAPrefix() {
        BucketPolicy policy = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:ListBucket\", \"Resource\": \"arn:aws:s3:::photos\", "
                + "\"Condition\": {\"StringLike\": {\"s3:prefix\": \"public/*\"}}}]}", BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:ListBucket").by(ALT).with("s3:prefix", "public/object").build()));
        assertEquals(NONE, policy.evaluate(request("s3:ListBucket").by(ALT).with("s3:prefix", "private/object").build()));
        assertEquals(NONE, policy.evaluate(request("s3:ListBucket").by(ALT).build()));
    }

    /** test_get_nonpublicpolicy_acl_bucket_policy_status, test_get_nonpublicpolicy_principal_bucket_policy_status. */
    @Test
    void policyStatus() {
        BucketPolicy restrictedToOneAddress = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:ListBucket\", \"Resource\": [\"arn:aws:s3:::photos\", "
                + "\"arn:aws:s3:::photos/*\"], \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/32\"}}}]}", BUCKET);
        assertFalse(restrictedToOneAddress.isPublic());
        assertEquals(ALLOW, restrictedToOneAddress.evaluate(request("s3:ListBucket").with("aws:SourceIp", "10.0.0.0").build()));
        assertEquals(NONE, restrictedToOneAddress.evaluate(request("s3:ListBucket").with("aws:SourceIp", "10.0.0.1").build()));
        BucketPolicy toOneAccount = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Principal\": {\"AWS\": \"arn:aws:iam::s3tenant1:root\"}, \"Action\": \"s3:ListBucket\", "
                + "\"Resource\": [\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos/*\"]}]}", BUCKET);
        assertFalse(toOneAccount.isPublic());
        assertEquals(ALLOW, toOneAccount.evaluate(request("s3:ListBucket").by("s3tenant1").build()));
        assertEquals(NONE, toOneAccount.evaluate(request("s3:ListBucket").by(ALT).build()));
    }

    /** test_block_public_policy, test_block_public_policy_with_principal, test_block_public_restrict_public_buckets. */
    @Test
    void blockPublicPolicy() {
        BucketPolicy open = allowEveryone("s3:GetObject", "arn:aws:s3:::photos/*", null);
        assertTrue(open.isPublic());
        assertEquals(ALLOW, open.evaluate(request("s3:GetObject").object("foo").build()));
        assertFalse(BucketPolicy.parse(makeJsonPolicy("s3:GetObject", "arn:aws:s3:::photos/*", "Allow",
                "{\"AWS\": \"arn:aws:iam::s3tenant1:root\"}", null), BUCKET).isPublic());
    }

    /** test_multipart_upload_on_a_bucket_with_policy: "Action": "*". */
    @Test
    void everyActionToEveryone() {
        BucketPolicy policy = BucketPolicy.parse("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Principal\": \"*\", \"Action\": \"*\", \"Resource\": [\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos/*\"]}]}", BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("foo").by(MAIN).build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:ListMultipartUploadParts").object("foo").build()));
    }
}
