package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.UnaryOperator;

import static io.volumegate.access.policy.Requests.allowGetIf;
import static io.volumegate.access.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every condition operator, with IfExists, the set qualifiers and the rules for a key the request
 * lacks ("IAM JSON policy elements: Condition operators", "Single-valued vs. multivalued context
 * keys"), through the outcome of a policy that allows GetObject only under the condition.
 */
class ConditionTest {
    /** Whether the condition holds for an anonymous GetObject with this context. */
    private static boolean holds(String condition, UnaryOperator<Requests> context) {
        PolicyEffect effect = allowGetIf(condition).evaluate(context.apply(request("s3:GetObject").object("key")).build());
        return effect == PolicyEffect.ALLOW;
    }

    /** {"<operator>": {"<key>": <values>}} for a request whose key has the given values (none: absent). */
    private static boolean holds(String operator, String key, String policyValues, String... requestValues) {
        return holds("{\"" + operator + "\": {\"" + key + "\": " + policyValues + "}}",
                request -> requestValues.length == 0 ? request : request.with(key, requestValues));
    }

    @Test
    void stringEqualsIsExactAndCaseSensitive() {
        assertTrue(holds("StringEquals", "s3:x-amz-acl", "\"private\"", "private"));
        assertFalse(holds("StringEquals", "s3:x-amz-acl", "\"private\"", "Private"));
        assertFalse(holds("StringEquals", "s3:x-amz-acl", "\"private\"", "private "));
        assertFalse(holds("StringEquals", "s3:x-amz-acl", "\"priv*\"", "private"));
        assertTrue(holds("StringEquals", "s3:x-amz-acl", "[\"public-read\", \"private\"]", "private"));
        assertFalse(holds("StringEquals", "s3:x-amz-acl", "\"private\""));
    }

    @Test
    void stringNotEqualsHoldsWhenNoValueMatchesAndForAMissingKey() {
        assertTrue(holds("StringNotEquals", "s3:x-amz-acl", "\"private\"", "public-read"));
        assertFalse(holds("StringNotEquals", "s3:x-amz-acl", "\"private\"", "private"));
        assertFalse(holds("StringNotEquals", "s3:x-amz-acl", "[\"public-read\", \"private\"]", "private"));
        assertTrue(holds("StringNotEquals", "s3:x-amz-acl", "[\"public-read\", \"private\"]", "bucket-owner-read"));
        assertTrue(holds("StringNotEquals", "s3:x-amz-acl", "\"private\""));
    }

    @Test
    void ignoreCaseOperatorsIgnoreCase() {
        assertTrue(holds("StringEqualsIgnoreCase", "aws:UserAgent", "\"Boto3/1.0\"", "boto3/1.0"));
        assertFalse(holds("StringEqualsIgnoreCase", "aws:UserAgent", "\"Boto3/1.0\"", "boto3/1.1"));
        assertFalse(holds("StringEqualsIgnoreCase", "aws:UserAgent", "\"Boto3/1.0\""));
        assertFalse(holds("StringNotEqualsIgnoreCase", "aws:UserAgent", "\"Boto3/1.0\"", "BOTO3/1.0"));
        assertTrue(holds("StringNotEqualsIgnoreCase", "aws:UserAgent", "\"Boto3/1.0\"", "curl/8"));
        assertTrue(holds("StringNotEqualsIgnoreCase", "aws:UserAgent", "\"Boto3/1.0\""));
    }

    @Test
    void stringLikeTakesWildcardsCaseSensitively() {
        assertTrue(holds("StringLike", "s3:prefix", "\"home/*\"", "home/alice/"));
        assertTrue(holds("StringLike", "s3:prefix", "\"home/?\"", "home/a"));
        assertFalse(holds("StringLike", "s3:prefix", "\"home/*\"", "Home/alice/"));
        assertFalse(holds("StringLike", "s3:prefix", "\"home/*\"", "public/"));
        assertTrue(holds("StringLike", "s3:prefix", "[\"public/*\", \"home/*\"]", "public/x"));
        assertFalse(holds("StringLike", "s3:prefix", "\"*\""));
        assertTrue(holds("StringNotLike", "s3:prefix", "\"home/*\"", "public/"));
        assertFalse(holds("StringNotLike", "s3:prefix", "[\"public/*\", \"home/*\"]", "home/x"));
        assertTrue(holds("StringNotLike", "s3:prefix", "\"home/*\""));
    }

    @ParameterizedTest
    @CsvSource({
            "NumericEquals, 10, 10, true", "NumericEquals, 10, 10.0, true", "NumericEquals, 10, 11, false",
            "NumericNotEquals, 10, 11, true", "NumericNotEquals, 10, 10, false",
            "NumericLessThan, 10, 9, true", "NumericLessThan, 10, 10, false", "NumericLessThan, 10, -1, true",
            "NumericLessThanEquals, 10, 10, true", "NumericLessThanEquals, 10, 10.5, false",
            "NumericGreaterThan, 10, 11, true", "NumericGreaterThan, 10, 10, false",
            "NumericGreaterThanEquals, 10, 10, true", "NumericGreaterThanEquals, 10, 9.99, false",
            "NumericLessThan, 0.5, 0.25, true", "NumericLessThan, 10, ten, false", "NumericNotEquals, 10, ten, true",
            "NumericEquals, 9007199254740993, 9007199254740993, true", "NumericEquals, 9007199254740993, 9007199254740992, false",
    })
    void numericOperatorsCompareExactly(String operator, String policyValue, String requestValue, boolean expected) {
        assertEquals(expected, holds(operator, "s3:max-keys", "\"" + policyValue + "\"", requestValue));
    }

    @Test
    void numericValuesMayBeJsonNumbersAndAMissingKeyFollowsTheRules() {
        assertTrue(holds("NumericLessThanEquals", "s3:max-keys", "100", "100"));
        assertTrue(holds("NumericLessThanEquals", "s3:max-keys", "[5, 100]", "50"));
        assertFalse(holds("NumericLessThanEquals", "s3:max-keys", "100"));
        assertTrue(holds("NumericNotEquals", "s3:max-keys", "100"));
        assertTrue(holds("NumericLessThanEqualsIfExists", "s3:max-keys", "100"));
        assertFalse(holds("NumericLessThanEqualsIfExists", "s3:max-keys", "100", "101"));
    }

    @ParameterizedTest
    @CsvSource({
            "DateGreaterThan, 2026-01-01T00:00:00Z, 2026-06-01T12:00:00Z, true",
            "DateGreaterThan, 2026-01-01T00:00:00Z, 2025-12-31T23:59:59Z, false",
            "DateGreaterThan, 2026-01-01T00:00:00Z, 1767225601, true",
            "DateGreaterThan, 1767225600, 2026-01-01T00:00:01Z, true",
            "DateEquals, 2026-01-01T00:00:00Z, 1767225600, true",
            "DateEquals, 2026-01-01T01:00:00+01:00, 2026-01-01T00:00:00Z, true",
            "DateEquals, 2026-01-01, 2026-01-01T00:00:00.000Z, true",
            "DateEquals, 2026-01-01T00:00, 2026-01-01T00:00:00Z, true",
            "DateEquals, 1767225600.5, 2026-01-01T00:00:00.500Z, true",
            "DateNotEquals, 2026-01-01T00:00:00Z, 2026-01-02T00:00:00Z, true",
            "DateNotEquals, 2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, false",
            "DateLessThan, 2026-01-01T00:00:00Z, 2025-06-01T00:00:00Z, true",
            "DateLessThan, 2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, false",
            "DateLessThanEquals, 2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, true",
            "DateGreaterThanEquals, 2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z, true",
            "DateGreaterThanEquals, 2026-01-01T00:00:00Z, yesterday, false",
    })
    void dateOperatorsReadIsoAndEpochOnBothSides(String operator, String policyValue, String requestValue, boolean expected) {
        assertEquals(expected, holds(operator, "aws:CurrentTime", "\"" + policyValue + "\"", requestValue));
    }

    @Test
    void boolComparesTrueAndFalseInAnyCase() {
        assertTrue(holds("Bool", "aws:SecureTransport", "\"false\"", "false"));
        assertTrue(holds("Bool", "aws:SecureTransport", "false", "FALSE"));
        assertTrue(holds("Bool", "aws:SecureTransport", "\"True\"", "true"));
        assertFalse(holds("Bool", "aws:SecureTransport", "\"false\"", "true"));
        assertFalse(holds("Bool", "aws:SecureTransport", "\"false\"", "no"));
        assertFalse(holds("Bool", "aws:SecureTransport", "\"false\""));
        assertTrue(holds("BoolIfExists", "aws:SecureTransport", "\"false\""));
    }

    @Test
    void nullAsksWhetherTheKeyIsAbsent() {
        assertTrue(holds("Null", "s3:x-amz-server-side-encryption", "\"true\""));
        assertFalse(holds("Null", "s3:x-amz-server-side-encryption", "\"true\"", "AES256"));
        assertTrue(holds("Null", "s3:x-amz-server-side-encryption", "false", "AES256"));
        assertFalse(holds("Null", "s3:x-amz-server-side-encryption", "false"));
        assertTrue(holds("Null", "s3:x-amz-server-side-encryption", "[true, false]"));
    }

    @Test
    void binaryEqualsComparesTheBase64Text() {
        assertTrue(holds("BinaryEquals", "aws:PrincipalTag/key", "\"QmluYXJ5\"", "QmluYXJ5"));
        assertFalse(holds("BinaryEquals", "aws:PrincipalTag/key", "\"QmluYXJ5\"", "QmluYXJ6"));
    }

    @Test
    void ipAddressAndNotIpAddress() {
        assertTrue(holds("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "203.0.113.7"));
        assertFalse(holds("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "198.51.100.7"));
        assertTrue(holds("IpAddress", "aws:SourceIp", "[\"198.51.100.0/24\", \"2001:db8::/32\"]", "2001:db8::5"));
        assertFalse(holds("IpAddress", "aws:SourceIp", "\"0.0.0.0/0\""));
        assertTrue(holds("NotIpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "198.51.100.7"));
        assertFalse(holds("NotIpAddress", "aws:SourceIp", "[\"198.51.100.0/24\", \"203.0.113.0/24\"]", "203.0.113.7"));
        assertTrue(holds("NotIpAddress", "aws:SourceIp", "\"203.0.113.0/24\""));
        assertFalse(holds("IpAddress", "aws:SourceIp", "\"0.0.0.0/0\"", "not-an-address"));
    }

    @Test
    void arnOperatorsMatchComponentByComponent() {
        String arn = "arn:aws:iam::123456789012:user/alice";
        assertTrue(holds("ArnEquals", "aws:PrincipalArn", "\"" + arn + "\"", arn));
        assertTrue(holds("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:user/*\"", arn));
        assertTrue(holds("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::123456789012:*\"", arn));
        assertFalse(holds("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:user/*\"", "arn:aws:iam::123456789012:role/admin"));
        assertFalse(holds("ArnLike", "aws:PrincipalArn", "\"arn:aws:IAM::*:user/*\"", arn));
        // A star stays in its component: "arn:*" does not reach into the region.
        assertFalse(holds("ArnLike", "aws:SourceArn", "\"arn:*:s3:::x\"", "arn:aws:iam:us-east-1:1:s3:::x"));
        assertTrue(holds("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::bucket/*\"", "arn:aws:s3:::bucket/a:b:c"));
        assertTrue(holds("ArnLike", "aws:SourceArn", "\"*\"", "anything"));
        assertFalse(holds("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::bucket/*\"", "not-an-arn"));
        assertTrue(holds("ArnNotLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\"", arn));
        assertFalse(holds("ArnNotEquals", "aws:PrincipalArn", "\"" + arn + "\"", arn));
        assertTrue(holds("ArnNotEquals", "aws:PrincipalArn", "\"" + arn + "\""));
    }

    @ParameterizedTest
    @CsvSource({"StringEqualsIfExists, x", "StringLikeIfExists, x*", "StringEqualsIgnoreCaseIfExists, x",
            "NumericEqualsIfExists, 1", "DateEqualsIfExists, 2026-01-01T00:00:00Z", "BoolIfExists, true",
            "IpAddressIfExists, 10.0.0.0/8", "ArnLikeIfExists, arn:aws:s3:::x", "StringNotEqualsIfExists, x",
            "NotIpAddressIfExists, 10.0.0.0/8", "ForAllValues:StringEqualsIfExists, x", "ForAnyValue:StringLikeIfExists, x*"})
    void ifExistsMakesAMissingKeyTrue(String operator, String policyValue) {
        assertTrue(holds(operator, "aws:SourceArn", "\"" + policyValue + "\""));
    }

    @Test
    void ifExistsWithAPresentKeyTestsIt() {
        assertTrue(holds("StringLikeIfExists", "aws:Referer", "\"http://www.example.com/*\"", "http://www.example.com/index.html"));
        assertFalse(holds("StringLikeIfExists", "aws:Referer", "\"http://www.example.com/*\"", "http://example.com"));
        assertFalse(holds("StringNotEqualsIfExists", "s3:x-amz-acl", "\"private\"", "private"));
        assertTrue(holds("StringNotEqualsIfExists", "s3:x-amz-acl", "\"private\"", "public-read"));
    }

    @Test
    void forAnyValueNeedsOneRequestValueToMatch() {
        String tags = "s3:RequestObjectTagKeys";
        assertTrue(holds("ForAnyValue:StringEquals", tags, "[\"owner\", \"team\"]", "color", "team"));
        assertFalse(holds("ForAnyValue:StringEquals", tags, "[\"owner\", \"team\"]", "color", "size"));
        assertFalse(holds("ForAnyValue:StringEquals", tags, "[\"owner\", \"team\"]"));
        assertTrue(holds("ForAnyValue:StringEqualsIfExists", tags, "[\"owner\", \"team\"]"));
        assertTrue(holds("ForAnyValue:StringNotEquals", tags, "[\"owner\", \"team\"]", "owner", "color"));
        assertFalse(holds("ForAnyValue:StringNotEquals", tags, "[\"owner\", \"team\"]", "owner", "team"));
        assertFalse(holds("ForAnyValue:StringNotEquals", tags, "[\"owner\", \"team\"]"));
    }

    @Test
    void forAllValuesNeedsEveryRequestValueToMatchAndHoldsForNone() {
        String tags = "s3:RequestObjectTagKeys";
        assertTrue(holds("ForAllValues:StringEquals", tags, "[\"owner\", \"team\"]", "owner", "team"));
        assertTrue(holds("ForAllValues:StringEquals", tags, "[\"owner\", \"team\"]", "team"));
        assertFalse(holds("ForAllValues:StringEquals", tags, "[\"owner\", \"team\"]", "team", "color"));
        assertTrue(holds("ForAllValues:StringEquals", tags, "[\"owner\", \"team\"]"));
        assertTrue(holds("ForAllValues:StringLike", tags, "\"key1*\"", "key1a", "key1b"));
        assertTrue(holds("ForAllValues:StringNotLike", tags, "\"key1*\"", "key2", "key3"));
        assertFalse(holds("ForAllValues:StringNotLike", tags, "\"key1*\"", "key2", "key1x"));
        assertTrue(holds("ForAllValues:StringNotLike", tags, "\"key1*\""));
    }

    @Test
    void withoutAQualifierSomeRequestValueMustMatch() {
        assertTrue(holds("StringEquals", "s3:RequestObjectTagKeys", "\"team\"", "color", "team"));
        assertFalse(holds("StringNotEquals", "s3:RequestObjectTagKeys", "\"team\"", "color", "team"));
        assertTrue(holds("StringNotEquals", "s3:RequestObjectTagKeys", "\"team\"", "color", "size"));
    }

    @Test
    void aKeyWithNoValuesIsAbsent() {
        assertTrue(holds("{\"Null\": {\"s3:prefix\": true}}", request -> request.with("s3:prefix")));
        assertFalse(holds("{\"StringLike\": {\"s3:prefix\": \"*\"}}", request -> request.with("s3:prefix")));
    }

    @Test
    void conditionKeyNamesAreCaseInsensitiveOnBothSides() {
        assertTrue(holds("{\"IpAddress\": {\"AWS:SOURCEIP\": \"10.0.0.0/8\"}}", request -> request.with("aws:sourceip", "10.1.2.3")));
        assertTrue(holds("{\"StringEquals\": {\"s3:X-Amz-Acl\": \"private\"}}", request -> request.with("S3:x-amz-acl", "private")));
        assertTrue(holds("{\"StringEquals\": {\"s3:existingobjecttag/Security\": \"public\"}}",
                request -> request.with("s3:ExistingObjectTag/security", "public")));
    }

    @Test
    void operatorsAndKeysAreAndedValuesOred() {
        String condition = "{\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"192.168.0.0/16\"]}, "
                + "\"StringEquals\": {\"s3:x-amz-acl\": \"private\", \"aws:UserAgent\": [\"a\", \"b\"]}}";
        assertTrue(holds(condition, r -> r.with("aws:SourceIp", "192.168.1.1").with("s3:x-amz-acl", "private").with("aws:UserAgent", "b")));
        assertFalse(holds(condition, r -> r.with("aws:SourceIp", "172.16.0.1").with("s3:x-amz-acl", "private").with("aws:UserAgent", "b")));
        assertFalse(holds(condition, r -> r.with("aws:SourceIp", "10.0.0.1").with("s3:x-amz-acl", "private").with("aws:UserAgent", "c")));
        assertFalse(holds(condition, r -> r.with("aws:SourceIp", "10.0.0.1").with("aws:UserAgent", "a")));
    }

    @Test
    void anEmptyConditionBlockIsNoCondition() {
        assertTrue(holds("{}", request -> request));
        assertTrue(holds("{\"StringEquals\": {}}", request -> request));
    }

    @Test
    void policyVariablesAreLiteralText() {
        assertTrue(holds("StringLike", "s3:prefix", "\"${aws:username}/*\"", "${aws:username}/x"));
        assertFalse(holds("StringLike", "s3:prefix", "\"${aws:username}/*\"", "alice/x"));
    }
}
