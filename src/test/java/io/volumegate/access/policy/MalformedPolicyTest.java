package io.volumegate.access.policy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static io.volumegate.access.policy.Requests.BUCKET;
import static io.volumegate.access.policy.Requests.BUCKET_ARN;
import static io.volumegate.access.policy.Requests.document;
import static io.volumegate.access.policy.Requests.quoted;
import static io.volumegate.access.policy.Requests.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every document S3 refuses with MalformedPolicy, and the message it answers (S3's own where
 * known: LocalStack's and versitygw's recordings against S3, S3's error table, ceph s3-tests).
 */
class MalformedPolicyTest {
    private static final String OBJECTS = quoted(BUCKET_ARN + "/*");

    private static void assertMalformed(String message, String json) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> BucketPolicy.parse(json, BUCKET));
        assertEquals(message, e.getMessage());
        assertEquals(0, e.getStackTrace().length, "an answer, not a fault: no stack trace");
    }

    private static void assertMalformedStatement(String message, String principal, String action, String resource, String condition) {
        assertMalformed(message, document(statement("Allow", principal, action, resource, condition)));
    }

    private static void assertMalformedCondition(String message, String condition) {
        assertMalformedStatement(message, "\"*\"", "\"s3:GetObject\"", OBJECTS, condition);
    }

    @Test
    void jsonProcessingIsOnTheClasspath() {
        try (JsonReader reader = Json.createReader(new StringReader("{\"a\": [1]}"))) {
            JsonObject object = reader.readObject();
            assertEquals(1, object.getJsonArray("a").getInt(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "false", "invalid_json", "bucketPolicy", "\"Statement\": []}", "[{}]"})
    void aDocumentThatIsNoJsonObjectIsRefusedForItsFirstByte(String json) {
        assertMalformed("Policies must be valid JSON and the first byte must be '{'", json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{true}", "{asdfsdaf", "{\"Principal\": \"*\" ", "{\"Statement\": []} {}", "{\"a\": 1} x",
            "{\"Statement\": [,]}"})
    void aDocumentThatIsNoJsonIsRefused(String json) {
        assertMalformed("This policy contains invalid Json", json);
    }

    @Test
    void aNameTwiceInOneObjectIsRefused() {
        assertMalformed("Duplicate field Effect", "{\"Statement\": {\"Effect\": \"Deny\", \"Effect\": \"Allow\", "
                + "\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}}");
    }

    @Test
    void nestingDeeperThanAnyPolicyIsRefused() {
        String deep = "{\"Statement\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertMalformed("Invalid policy syntax.", deep);
    }

    @Test
    void aDocumentOver20KiBNormalizedIsRefused() {
        String sid = "x".repeat(20 * 1024);
        assertMalformed("Normalized policy document exceeds the maximum allowed size of 20480 bytes",
                "{\"Statement\": {\"Sid\": \"" + sid + "\"}}");
        assertMalformed("Normalized policy document exceeds the maximum allowed size of 20480 bytes",
                "{\"Statement\": {\"Sid\": \"" + "\u00e9".repeat(10_300) + "\"}}");
    }

    /** Whitespace between tokens is not counted, whitespace inside strings is. */
    @Test
    void theLimitIsOnTheNormalizedDocument() {
        String statement = statement("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null);
        String padded = "{\"Statement\":" + " \n\t".repeat(20_000) + statement + "}";
        BucketPolicy.parse(padded, BUCKET);
        assertEquals(PolicySize.LIMIT, PolicySize.normalizedBytes("{\"Sid\": \"" + "x".repeat(PolicySize.LIMIT - 10) + "\"}"));
        assertEquals(9, PolicySize.normalizedBytes(" { \"a b\" : 1 } "));
        assertEquals(4, PolicySize.normalizedBytes("\"\\\"\""));
    }

    @Test
    void theStatementIsRequiredAndNotEmpty() {
        assertMalformed("Missing required field Statement", "{}");
        assertMalformed("Missing required field Statement", "{\"Version\": \"2012-10-17\"}");
        assertMalformed("Could not parse the policy: Statement is empty!", "{\"Statement\": []}");
        assertMalformed("Invalid policy syntax.", "{\"Statement\": \"Allow\"}");
        assertMalformed("Invalid policy syntax.", "{\"Statement\": [\"Allow\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"invalid\"", "\"2000-10-17\"", "\"2012-10-16\"", "20121017", "null"})
    void onlyTheTwoPolicyLanguageVersionsAreAccepted(String version) {
        assertMalformed("The policy must contain a valid version string", "{\"Version\": " + version
                + ", \"Statement\": " + statement("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null) + "}");
    }

    @Test
    void membersTheLanguageDoesNotDefineAreRefused() {
        assertMalformed("Unknown field Foo", "{\"Foo\": 1, \"Statement\": []}");
        assertMalformed("Unknown field Conditon", document("{\"Effect\": \"Allow\", \"Principal\": \"*\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Conditon\": {}}"));
        assertMalformed("Invalid policy syntax.", "{\"Id\": 7, \"Statement\": []}");
        assertMalformed("Invalid policy syntax.", document("{\"Sid\": [], \"Effect\": \"Allow\", \"Principal\": \"*\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"));
    }

    @Test
    void theEffectIsAllowOrDenyCaseSensitively() {
        assertMalformed("Invalid effect: invalid_effect", document(statement("invalid_effect", "\"*\"", "\"s3:*\"", "\"*\"", null)));
        assertMalformed("Invalid effect: allow", document(statement("allow", "\"*\"", "\"s3:*\"", "\"*\"", null)));
        assertMalformed("Missing required field Effect", document("{\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"));
        assertMalformed("Invalid policy syntax.", document("{\"Effect\": true, \"Principal\": \"*\", \"Action\": \"s3:*\", "
                + "\"Resource\": \"*\"}"));
    }

    @Test
    void aQuotedValueIsShortWhateverTheDocumentSays() {
        String effect = "A".repeat(5000);
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> BucketPolicy.parse(document(statement(effect, "\"*\"", "\"s3:*\"", "\"*\"", null)), BUCKET));
        assertEquals("Invalid effect: " + "A".repeat(64) + "...", e.getMessage());
    }

    @Test
    void eachStatementNamesExactlyOnePrincipalActionAndResource() {
        assertMalformed("Missing required field Principal", document("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"));
        assertMalformed("Missing required field Action", document("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Resource\": \"*\"}"));
        assertMalformed("Missing required field Resource", document("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\"}"));
        assertMalformed("Statement cannot contain both Principal and NotPrincipal", document("{\"Effect\": \"Deny\", "
                + "\"Principal\": \"*\", \"NotPrincipal\": {\"AWS\": \"x\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}"));
        assertMalformed("Statement cannot contain both Action and NotAction", document("{\"Effect\": \"Deny\", "
                + "\"Principal\": \"*\", \"Action\": \"s3:*\", \"NotAction\": \"s3:GetObject\", \"Resource\": \"*\"}"));
        assertMalformed("Statement cannot contain both Resource and NotResource", document("{\"Effect\": \"Deny\", "
                + "\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"NotResource\": \"*\"}"));
        assertMalformed("Invalid policy syntax.", document("{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": null, "
                + "\"Resource\": \"*\"}"));
    }

    /** s3-tests test_bucket_policy_allow_notprincipal; IAM: "NotPrincipal must be used with Deny". */
    @Test
    void notPrincipalWithAllowIsRefused() {
        assertMalformed("NotPrincipal can only be used with \"Effect\": \"Deny\"", document("{\"Effect\": \"Allow\", "
                + "\"NotPrincipal\": {\"AWS\": \"arn:aws:iam::s3tenant1:root\"}, \"Action\": \"s3:ListBucket\", "
                + "\"Resource\": [\"" + BUCKET_ARN + "\", \"" + BUCKET_ARN + "/*\"]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "[]", "{}", "{\"AWS\": \"\"}", "{\"AWS\": []}", "[\"*\", \"grt1\"]", "\"alice\"",
            "{\"AWS\": 12}", "{\"aws\": \"*\"}", "{\"Group\": \"x\"}", "{\"AWS\": \"arn:aws:iam::*:root\"}",
            "{\"AWS\": \"alice*\"}", "{\"AWS\": \"arn:aws:iam::123456789012:role/admin\"}",
            "{\"AWS\": \"arn:aws:iam::123456789012:user/\"}", "{\"AWS\": \"arn:aws:iam::123456789012:user/*\"}",
            "{\"AWS\": \"arn:aws:iam::123456789012\"}", "{\"AWS\": \"arn:aws:sts::123456789012:root\"}",
            "{\"CanonicalUser\": \"*\"}", "{\"Service\": \"*\"}", "{\"AWS\": [\"alice\", null]}"})
    void principalsThatNameNoIdentityAreRefused(String principal) {
        assertMalformedStatement("Invalid principal in policy", principal, "\"s3:*\"", "\"*\"", null);
    }

    @Test
    void principalsTheServerDoesNotKnowAreRefusedWhenAsked() {
        String json = document(statement("Allow", "{\"AWS\": [\"arn:aws:iam::alice:root\", \"mallory\"]}", "\"s3:*\"", "\"*\"", null));
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> BucketPolicy.parse(json, BUCKET, "alice"::equals));
        assertEquals("Invalid principal in policy", e.getMessage());
        BucketPolicy.parse(json, BUCKET, id -> id.equals("alice") || id.equals("mallory"));
    }

    /** versitygw's PutBucketPolicy_invalid_action list, and other services' actions. */
    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "[]", "\"invalid_action\"", "[\"invalid_action\"]", "\"s3\"", "\"s3:\"",
            "\"s4:GetObject\"", "\"ss3:ListBucket\"", "\"s3x:PutBucketAcl\"", "\":GetObject\"", "\"s3GetObject\"",
            "\"s3::GetObject\"", "\"s3:Put-Object\"", "\"s3:GetObject:\"", "\"s3:Put(Object)\"", "\"s3:*Obj??ect*\"",
            "\"s3:????\"", "\"s3:*:\"", "\"*GetObject\"", "\"???PutObject\"", "\"s3:Abort?\"", "\"s3:??Abort*\"",
            "\"ec2:RunInstances\"", "\"iam:*\"", "\"s3:PutObjectLockConfiguration\"", "[\"s3:GetObject\", \"s3:Nope\"]",
            "[\"s3:GetObject\", 7]", "\"?3:GetObject\""})
    void actionsThatNameNoS3ActionAreRefused(String action) {
        assertMalformedStatement("Policy has invalid action", "\"*\"", action, "\"*\"", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "[]", "\"photos\"", "\"arn:aws:iam:::photos\"", "\"arn:aws:s3:::/photos\"",
            "\"arn:aws:s3:::prefix-photos\"", "\"arn:aws:s3:::photo\"", "\"arn:aws:s3:::photos2/*\"", "\"arn:aws:s3:::\"",
            "\"arn:aws-cn:s3:::photos\"", "\"arn:aws:s3:us-east-1::photos\"", "\"arn:aws:s3:::other*\"",
            "\"arn:aws:s3:::Photos\"", "[\"arn:aws:s3:::photos\", \"arn:aws:s3:::other/*\"]", "[\"arn:aws:s3:::photos\", 1]",
            "\"arn:aws:s3:::x*\"", "\"arn:aws:s3:::photos_?/*\""})
    void resourcesOutsideTheBucketAreRefused(String resource) {
        assertMalformedStatement("Policy has invalid resource", "\"*\"", "\"s3:*\"", resource, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"StringEqualz", "stringequals", "STRINGEQUALS", "StringEquals ", "ForAnyValues:StringEquals",
            "forallvalues:StringEquals", "ForAllValues:ForAnyValue:StringEquals", "NullIfExists", "ForAnyValue:Null",
            "StringEqualsIfexists", "IfExists", ""})
    void unknownConditionOperatorsAreRefused(String type) {
        assertMalformedCondition("Invalid Condition type : " + type, "{\"" + type + "\": {\"aws:Referer\": \"x\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3:x-acl", "s3:VersionStatus", "kms:ViaService", "Referer", "", "aws:", "s3:ExistingObjectTag/",
            "s3:prefix/", "iam:PassedToService"})
    void unknownConditionKeysAreRefused(String key) {
        assertMalformedCondition("Policy has an invalid condition key", "{\"StringEquals\": {\"" + key + "\": \"x\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.207.*.*", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08", "256.0.0.1", "1.2.3",
            "1.2.3.4.5", "01.2.3.4", "::1/129", "1::2::3", "2001:db8::g", "12345::1", "fe80::1%eth0", "[::1]",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", ":1::", "1:", "example.com", "", " 10.0.0.1", "10.0.0.1/ 8"})
    void malformedIpBlocksAreRefused(String block) {
        assertMalformedCondition("Invalid IP address in Conditions", "{\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \""
                + block + "\"]}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"ten\"", "\"\"", "\"1e3\"", "\"0x10\"", "\"1.2.3\"", "\"+5\"", "\"NaN\"", "\"-\"", "true"})
    void nonNumbersInNumericConditionsAreRefused(String value) {
        assertMalformedCondition("Invalid numeric value in Conditions", "{\"NumericLessThan\": {\"s3:max-keys\": " + value + "}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"\"", "\"2026-13-01\"", "\"2026-12-01T25:00:00Z\"", "\"-5\"", "false"})
    void nonDatesInDateConditionsAreRefused(String value) {
        assertMalformedCondition("Invalid date value in Conditions", "{\"DateGreaterThan\": {\"aws:CurrentTime\": " + value + "}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"\"", "1", "\"0\""})
    void nonBooleansInBoolAndNullConditionsAreRefused(String value) {
        assertMalformedCondition("Invalid boolean value in Conditions", "{\"Bool\": {\"aws:SecureTransport\": " + value + "}}");
        assertMalformedCondition("Invalid boolean value in Conditions", "{\"Null\": {\"s3:x-amz-acl\": " + value + "}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"StringEquals\"", "[]", "{\"StringEquals\": \"x\"}", "{\"StringEquals\": {\"aws:Referer\": null}}",
            "{\"StringEquals\": {\"aws:Referer\": {\"a\": \"b\"}}}", "{\"StringEquals\": {\"aws:Referer\": [[\"x\"]]}}"})
    void conditionBlocksOfTheWrongShapeAreRefused(String condition) {
        assertMalformedCondition("Invalid policy syntax.", condition);
    }

    @Test
    void theFirstFaultIsReportedAndNothingIsKept() {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> BucketPolicy.parse(document(
                statement("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null),
                statement("Allow", "\"*\"", "\"s3:Nope\"", OBJECTS, null)), BUCKET));
        assertEquals("Policy has invalid action", e.getMessage());
        assertNull(e.getCause());
        assertTrue(e.getMessage().length() < 200);
    }
}
