package io.volumegate.access.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Whatever a client sends as a policy, parsing either answers with a policy that evaluates, or
 * refuses with a MalformedPolicy message of bounded length; never another exception, which the
 * server would answer with a 500 (seeded, like the hunt package's properties).
 */
class PolicyParsingHuntTest {
    private static final String VALID = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"s\", \"Effect\": \"Allow\", "
            + "\"Principal\": {\"AWS\": [\"*\", \"arn:aws:iam::alice:root\"]}, \"Action\": [\"s3:Get*\", \"s3:ListBucket\"], "
            + "\"Resource\": [\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos/*\"], \"Condition\": {\"IpAddress\": "
            + "{\"aws:SourceIp\": [\"10.0.0.0/8\", \"2001:db8::/32\"]}, \"ForAnyValue:StringLike\": {\"s3:prefix\": \"a*\"}, "
            + "\"NumericLessThan\": {\"s3:max-keys\": 10}, \"DateGreaterThan\": {\"aws:CurrentTime\": \"2026-01-01T00:00:00Z\"}, "
            + "\"Null\": {\"s3:x-amz-acl\": true}}}]}";
    private static final PolicyRequest REQUEST = new PolicyRequest("s3:GetObject", "arn:aws:s3:::photos/a", Set.of("alice"),
            Map.of("aws:SourceIp", List.of("10.1.2.3"), "s3:prefix", List.of("abc"), "s3:max-keys", List.of("5"),
                    "aws:CurrentTime", List.of("2026-06-01T00:00:00Z")));

    @Property(seed = "20261202", tries = 1000)
    void mutatedPoliciesParseOrAreRefused(@ForAll("mutations") String json) {
        decide(json);
    }

    @Property(seed = "20261202", tries = 500)
    void arbitraryTextParsesOrIsRefused(@ForAll("texts") String json) {
        decide(json);
    }

    private static void decide(String json) {
        try {
            BucketPolicy policy = BucketPolicy.parse(json, "photos");
            assertNotNull(policy.evaluate(REQUEST));
            policy.isPublic();
        } catch (MalformedPolicyException e) {
            assertFalse(e.getMessage().isEmpty());
            assertFalse(e.getMessage().length() > 120, e.getMessage());
        }
    }

    /** The valid policy with one span replaced by a piece of JSON or of the language. */
    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> pieces = Arbitraries.of("", "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "1e999", "-0",
                "\"*\"", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "\"s3:*\"", "\"arn:aws:s3:::*\"", "\"::\"", "\"1.2.3.4/33\"",
                "\"Deny\"", "\"NotPrincipal\"", "\"ForAllValues:Null\"", "\"9999999999999999999999999\"", "\"${aws:username}\"");
        return Arbitraries.integers().between(0, VALID.length()).flatMap(start ->
                Arbitraries.integers().between(start, Math.min(VALID.length(), start + 12)).flatMap(end ->
                        pieces.map(piece -> VALID.substring(0, start) + piece + VALID.substring(end))));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("{}[]\":,*?/ \\aSs3Eu0").ofMaxLength(60).map(text -> "{" + text);
    }
}
