package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy documents of browser form uploads: their shape, their conditions, and what a form must meet. */
class PostPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static String encode(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PostPolicy policy(String conditions) {
        return PostPolicy.parse(encode("{\"expiration\": \"2026-12-02T11:00:00.000Z\", \"conditions\": [" + conditions + "]}"));
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("bucket", "photos");
        for (int i = 0; i < namesAndValues.length; i += 2) fields.put(namesAndValues[i], namesAndValues[i + 1]);
        return fields;
    }

    private static void assertRefused(S3Error error, String message, Runnable action) {
        S3Exception e = assertThrows(S3Exception.class, action::run);
        assertEquals(error, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aFormThatMeetsEveryConditionPasses() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"user/42/\"], {\"acl\": \"private\"},"
                + "[\"eq\", \"$success_action_status\", \"201\"], [\"starts-with\", \"$Content-Type\", \"image/\"],"
                + "[\"starts-with\", \"$x-amz-meta-tag\", \"\"], [\"content-length-range\", 1, 1048576]");
        policy.check(form("key", "user/42/cat.jpg", "acl", "private", "success_action_status", "201",
                "content-type", "image/jpeg", "x-amz-meta-tag", "anything", "policy", "...", "x-amz-signature", "...",
                "x-ignore-me", "1", "x-amz-checksum-sha256", "abc="), NOW);
        assertEquals(new PostPolicy.LengthRange(1, 1048576), policy.contentLengthRange().orElseThrow());
        assertEquals(Instant.parse("2026-12-02T11:00:00Z"), policy.expiration());
    }

    @Test
    void fieldNamesAndOperatorsAreCaseInsensitiveValuesAreNot() {
        PostPolicy policy = policy("{\"bUcKeT\": \"photos\"}, [\"StArTs-WiTh\", \"$KeY\", \"foo\"], [\"EQ\", \"$AcL\", \"private\"]");
        policy.check(form("key", "foo.txt", "acl", "private"), NOW);
        assertRefused(S3Error.ACCESS_DENIED, "Policy Condition failed: [\"EQ\", \"$AcL\", \"private\"]",
                () -> policy.check(form("key", "foo.txt", "acl", "Private"), NOW));
    }

    @Test
    void aFailedConditionIsQuotedAsS3QuotesIt() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"user/42/\"]");
        assertRefused(S3Error.ACCESS_DENIED, "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/42/\"]",
                () -> policy.check(form("key", "user/43/cat.jpg"), NOW));
    }

    @Test
    void theBucketIsTheOneTheFormIsPostedTo() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, {\"key\": \"a\"}");
        Map<String, String> elsewhere = form("key", "a");
        elsewhere.put("bucket", "other");
        assertRefused(S3Error.ACCESS_DENIED, "[\"eq\", \"$bucket\", \"photos\"]", () -> policy.check(elsewhere, NOW));
    }

    @Test
    void aPolicyWithoutABucketConditionLeavesTheBucketAnExtraField() {
        PostPolicy policy = policy("{\"key\": \"a\"}");
        assertRefused(S3Error.ACCESS_DENIED, "Extra input fields: bucket", () -> policy.check(form("key", "a"), NOW));
    }

    @Test
    void everyFieldMustBeNamedByACondition() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, {\"key\": \"a\"}");
        assertRefused(S3Error.ACCESS_DENIED, "Invalid according to Policy: Extra input fields: x-amz-meta-note, acl",
                () -> policy.check(form("key", "a", "x-amz-meta-note", "hi", "acl", "private"), NOW));
        // the signature fields, the file, x-ignore-* and checksums need none
        policy.check(form("key", "a", "awsaccesskeyid", "k", "signature", "s", "policy", "p", "file", "",
                "x-ignore-this", "1", "x-amz-checksum-crc32", "AAAAAA=="), NOW);
    }

    @Test
    void aConditionOnAMissingFieldSeesAnEmptyValue() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$x-amz-meta-foo\", \"bar\"]");
        assertRefused(S3Error.ACCESS_DENIED, "$x-amz-meta-foo", () -> policy.check(form(), NOW));
        policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$x-amz-meta-foo\", \"\"]").check(form(), NOW);
        assertRefused(S3Error.ACCESS_DENIED, "Policy Condition failed",
                () -> policy("{\"bucket\": \"photos\"}, [\"eq\", \"$x-amz-meta-foo\", \"\"]")
                        .check(form("x-amz-meta-foo", "barclamp"), NOW));
    }

    @Test
    void eachContentTypeOfAListMustStartWithThePrefix() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}, [\"starts-with\", \"$Content-Type\", \"image/\"]");
        policy.check(form("content-type", "image/jpeg, image/png"), NOW);
        assertRefused(S3Error.ACCESS_DENIED, "Content-Type", () -> policy.check(form("content-type", "image/jpeg, text/html"), NOW));
    }

    @Test
    void anExpiredPolicyIsRefused() {
        PostPolicy policy = policy("{\"bucket\": \"photos\"}");
        assertRefused(S3Error.ACCESS_DENIED, "Invalid according to Policy: Policy expired.",
                () -> policy.check(form(), Instant.parse("2026-12-02T11:00:00Z")));
        policy.check(form(), Instant.parse("2026-12-02T10:59:59Z"));
    }

    @Test
    void malformedDocumentsAreInvalidPolicyDocuments() {
        String[] documents = {
                "{\"conditions\": [{\"bucket\": \"b\"}]}",                                          // no expiration
                "{\"expiration\": \"2026-12-02T11:00:00Z\"}",                                       // no conditions
                "{\"EXPIRATION\": \"2026-12-02T11:00:00Z\", \"conditions\": []}",                   // names are case-sensitive
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"CONDITIONS\": []}",
                "{\"expiration\": \"2026-12-02 11:00:00+00:00\", \"conditions\": []}",              // not ISO 8601
                "{\"expiration\": 1798000000, \"conditions\": []}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [{}]}",                 // a simple condition of nothing
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [{\"a\": \"1\", \"b\": \"2\"}]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"content-length-range\", 0]]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"content-length-range\", -1, 0]]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"content-length-range\", 10, 5]]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"content-length-range\", 1.5, 5]]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"matches\", \"$key\", \".*\"]]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"eq\", \"key\", \"a\"]]}",  // no $
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [[\"eq\", \"$key\"]]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": [\"key\"]}",
                "{\"expiration\": \"2026-12-02T11:00:00Z\", \"conditions\": {}}",
                "[]",
                "not json",
        };
        for (String document : documents) {
            S3Exception e = assertThrows(S3Exception.class, () -> PostPolicy.parse(encode(document)), document);
            assertEquals(S3Error.INVALID_POLICY_DOCUMENT, e.error(), document);
            assertEquals(400, e.error().status());
        }
        S3Exception notBase64 = assertThrows(S3Exception.class, () -> PostPolicy.parse("%%%not base64%%%"));
        assertEquals(S3Error.INVALID_POLICY_DOCUMENT, notBase64.error());
    }

    @Test
    void rangeBoundsMayBeStringsOfDigits() {
        assertEquals(new PostPolicy.LengthRange(0, 0),
                policy("[\"content-length-range\", \"0\", 0]").contentLengthRange().orElseThrow());
        assertTrue(new PostPolicy.LengthRange(2, 4).contains(2));
        assertFalse(new PostPolicy.LengthRange(2, 4).contains(5));
        assertTrue(policy("{\"bucket\": \"photos\"}").contentLengthRange().isEmpty());
    }

    @Test
    void theBuilderWritesWhatTheParserReads() {
        String json = new PostPolicy.Builder(Instant.parse("2026-12-02T11:00:00.123Z"))
                .equals("bucket", "photos").startsWith("key", "up/").contentLengthRange(0, 10).build();
        assertEquals("{\"expiration\":\"2026-12-02T11:00:00Z\",\"conditions\":[{\"bucket\":\"photos\"},"
                + "[\"starts-with\",\"$key\",\"up/\"],[\"content-length-range\",0,10]]}", json);
        PostPolicy policy = PostPolicy.parse(encode(json));
        policy.check(form("key", "up/a"), NOW);
        assertEquals(new PostPolicy.LengthRange(0, 10), policy.contentLengthRange().orElseThrow());
    }
}
