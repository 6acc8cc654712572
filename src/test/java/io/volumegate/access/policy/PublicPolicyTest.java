package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.volumegate.access.policy.Requests.BUCKET;
import static io.volumegate.access.policy.Requests.BUCKET_ARN;
import static io.volumegate.access.policy.Requests.allowGetIf;
import static io.volumegate.access.policy.Requests.document;
import static io.volumegate.access.policy.Requests.policy;
import static io.volumegate.access.policy.Requests.quoted;
import static io.volumegate.access.policy.Requests.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3's meaning of a public bucket policy (Block Public Access, "The meaning of public"). */
class PublicPolicyTest {
    private static final String OBJECTS = quoted(BUCKET_ARN + "/*");

    @Test
    void allowingEveryoneIsPublic() {
        assertTrue(policy("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null).isPublic());
        assertEquals("BucketPolicy[1 statement(s), public]", policy("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null).toString());
        assertTrue(policy("Allow", "{\"AWS\": \"*\"}", "\"s3:ListBucket\"", quoted(BUCKET_ARN), null).isPublic());
        assertTrue(policy("Allow", "{\"AWS\": [\"alice\", \"*\"]}", "\"s3:ListBucket\"", quoted(BUCKET_ARN), null).isPublic());
    }

    @Test
    void fixedPrincipalsAndDeniesAreNotPublic() {
        assertFalse(policy("Allow", "{\"AWS\": \"arn:aws:iam::s3tenant1:root\"}", "\"s3:ListBucket\"", quoted(BUCKET_ARN), null).isPublic());
        assertFalse(policy("Allow", "{\"CanonicalUser\": \"alice\"}", "\"s3:*\"", "\"*\"", null).isPublic());
        assertFalse(policy("Deny", "\"*\"", "\"s3:*\"", "\"*\"", null).isPublic());
        assertFalse(BucketPolicy.parse(document("{\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"alice\"}, "
                + "\"Action\": \"s3:*\", \"Resource\": \"*\"}"), BUCKET).isPublic());
    }

    @Test
    void oneOpenStatementMakesThePolicyPublic() {
        assertTrue(BucketPolicy.parse(document(
                statement("Allow", "{\"AWS\": \"alice\"}", "\"s3:*\"", "\"*\"", null),
                statement("Deny", "\"*\"", "\"s3:DeleteBucket\"", quoted(BUCKET_ARN), null),
                statement("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null)), BUCKET).isPublic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/32", "10.0.0.0/8", "203.0.113.7", "2001:db8::/32", "2001:db8::1"})
    void sourceIpBlocksNoBroaderThanSlash8OrSlash32AreNotPublic(String block) {
        assertFalse(allowGetIf("{\"IpAddress\": {\"aws:SourceIp\": \"" + block + "\"}}").isPublic());
        assertFalse(allowGetIf("{\"IpAddress\": {\"AWS:SOURCEIP\": [\"" + block + "\", \"192.168.0.0/16\"]}}").isPublic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "0.0.0.0/1", "10.0.0.0/7", "::/0", "2001::/16", "2001:db8::/31"})
    void broaderSourceIpBlocksArePublic(String block) {
        assertTrue(allowGetIf("{\"IpAddress\": {\"aws:SourceIp\": \"" + block + "\"}}").isPublic());
        assertTrue(allowGetIf("{\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/24\", \"" + block + "\"]}}").isPublic());
    }

    @Test
    void sourceIpRestrictsOnlyThroughIpAddress() {
        assertTrue(allowGetIf("{\"NotIpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}").isPublic());
        assertTrue(allowGetIf("{\"IpAddressIfExists\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}").isPublic());
        assertFalse(allowGetIf("{\"ForAnyValue:IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}").isPublic());
        assertTrue(allowGetIf("{\"ForAllValues:IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}").isPublic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
            "aws:PrincipalOrgID", "aws:userid", "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:DataAccessPointArn",
            "s3:DataAccessPointAccount", "AWS:SOURCEVPCE"})
    void fixedValuesOfTheRestrictingKeysAreNotPublic(String key) {
        assertFalse(allowGetIf("{\"StringEquals\": {\"" + key + "\": \"vpce-1a2b3c4d\"}}").isPublic());
        assertFalse(allowGetIf("{\"StringEqualsIgnoreCase\": {\"" + key + "\": [\"a\", \"b\"]}}").isPublic());
        assertFalse(allowGetIf("{\"StringLike\": {\"" + key + "\": \"fixed\"}}").isPublic());
        assertFalse(allowGetIf("{\"ArnEquals\": {\"" + key + "\": \"arn:aws:sns:us-east-1:123456789012:topic\"}}").isPublic());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"StringLike\": {\"aws:SourceVpce\": \"vpce-*\"}}", "{\"StringEquals\": {\"aws:SourceVpce\": [\"vpce-1\", \"vpce-?\"]}}",
            "{\"StringEquals\": {\"aws:SourceAccount\": \"${aws:PrincipalAccount}\"}}",
            "{\"StringNotEquals\": {\"aws:SourceVpce\": \"vpce-1a2b3c4d\"}}", "{\"StringEqualsIfExists\": {\"aws:SourceVpce\": \"vpce-1\"}}",
            "{\"ForAllValues:StringEquals\": {\"aws:SourceVpce\": \"vpce-1\"}}", "{\"StringEquals\": {\"aws:Referer\": \"https://example.com/\"}}",
            "{\"Bool\": {\"aws:SecureTransport\": \"true\"}}", "{\"StringEquals\": {\"s3:x-amz-acl\": \"private\"}}",
            "{\"NumericLessThan\": {\"s3:max-keys\": 10}}"})
    void otherConditionsKeepAPolicyPublic(String condition) {
        assertTrue(allowGetIf(condition).isPublic());
    }

    @Test
    void oneRestrictingConditionAmongOthersIsEnough() {
        assertFalse(allowGetIf("{\"Bool\": {\"aws:SecureTransport\": \"true\"}, \"StringEquals\": {\"aws:SourceVpc\": \"vpc-1\"}}").isPublic());
    }
}
