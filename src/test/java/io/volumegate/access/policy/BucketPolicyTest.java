package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;

import static io.volumegate.access.policy.PolicyEffect.ALLOW;
import static io.volumegate.access.policy.PolicyEffect.DENY;
import static io.volumegate.access.policy.PolicyEffect.NONE;
import static io.volumegate.access.policy.Requests.ALICE;
import static io.volumegate.access.policy.Requests.ALICE_KEY;
import static io.volumegate.access.policy.Requests.BOB;
import static io.volumegate.access.policy.Requests.BUCKET;
import static io.volumegate.access.policy.Requests.BUCKET_ARN;
import static io.volumegate.access.policy.Requests.document;
import static io.volumegate.access.policy.Requests.policy;
import static io.volumegate.access.policy.Requests.quoted;
import static io.volumegate.access.policy.Requests.request;
import static io.volumegate.access.policy.Requests.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which statements apply to a request, and what the policy then says. */
class BucketPolicyTest {
    private static final String OBJECTS = quoted(BUCKET_ARN + "/*");

    @Test
    void theDocumentIsKeptAsGiven() {
        String json = "{ \"Statement\" : {\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::photos/*\"}\n}\n";
        assertSame(json, BucketPolicy.parse(json, BUCKET).text());
    }

    @Test
    void bothLanguageVersionsAnIdAndASidAreAccepted() {
        String statement = "{\"Sid\": \"Public read, with spaces\", \"Effect\": \"Allow\", \"Principal\": \"*\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": " + OBJECTS + "}";
        for (String version : new String[] {"\"Version\": \"2012-10-17\", ", "\"Version\": \"2008-10-17\", ", ""}) {
            BucketPolicy policy = BucketPolicy.parse("{" + version + "\"Id\": \"aaaa-bbbb\", \"Statement\": " + statement + "}", BUCKET);
            assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").build()));
        }
    }

    @Test
    void denyWinsOverAllowWhateverTheOrder() {
        String allow = statement("Allow", "\"*\"", "\"s3:*\"", OBJECTS, null);
        String deny = statement("Deny", "{\"AWS\": \"" + BOB + "\"}", "\"s3:DeleteObject\"", OBJECTS, null);
        for (BucketPolicy policy : new BucketPolicy[] {BucketPolicy.parse(document(allow, deny), BUCKET),
                BucketPolicy.parse(document(deny, allow), BUCKET)}) {
            assertEquals(DENY, policy.evaluate(request("s3:DeleteObject").object("a").by(BOB).build()));
            assertEquals(ALLOW, policy.evaluate(request("s3:DeleteObject").object("a").by(ALICE).build()));
            assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").by(BOB).build()));
        }
    }

    @Test
    void aPolicyThatSaysNothingOfTheRequestSaysNone() {
        BucketPolicy policy = policy("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null);
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("a").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").resource("arn:aws:s3:::other/a").build()));
    }

    @Test
    void everyoneIncludesAnonymousRequests() {
        for (String everyone : new String[] {"\"*\"", "{\"AWS\": \"*\"}", "{\"AWS\": [\"*\"]}", "{\"AWS\": [\"" + BOB + "\", \"*\"]}"}) {
            BucketPolicy policy = policy("Allow", everyone, "\"s3:GetObject\"", OBJECTS, null);
            assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").build()), everyone);
            assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").by(ALICE, ALICE_KEY).build()), everyone);
        }
    }

    @Test
    void aNamedPrincipalMatchesAnyIdTheRequesterIsKnownBy() {
        BucketPolicy byCanonicalId = policy("Allow", "{\"CanonicalUser\": \"" + ALICE + "\"}", "\"s3:GetObject\"", OBJECTS, null);
        BucketPolicy byAccessKey = policy("Allow", "{\"AWS\": \"" + ALICE_KEY + "\"}", "\"s3:GetObject\"", OBJECTS, null);
        BucketPolicy byRootArn = policy("Allow", "{\"AWS\": \"arn:aws:iam::" + ALICE + ":root\"}", "\"s3:GetObject\"", OBJECTS, null);
        BucketPolicy byUserArn = policy("Allow", "{\"AWS\": [\"arn:aws:iam::" + ALICE + ":user/path/alice\"]}",
                "\"s3:GetObject\"", OBJECTS, null);
        for (BucketPolicy policy : new BucketPolicy[] {byCanonicalId, byAccessKey, byRootArn, byUserArn}) {
            assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").by(ALICE, ALICE_KEY).build()));
            assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("a").by(BOB).build()));
            assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("a").build()));
        }
        assertEquals(NONE, byAccessKey.evaluate(request("s3:GetObject").object("a").by(ALICE).build()));
    }

    @Test
    void principalsAreComparedExactly() {
        BucketPolicy policy = policy("Allow", "{\"AWS\": \"" + ALICE + "\"}", "\"s3:GetObject\"", OBJECTS, null);
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("a").by(ALICE.toUpperCase()).build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("a").by(ALICE + " ").build()));
    }

    @Test
    void aServicePrincipalIsComparedAsWritten() {
        BucketPolicy policy = policy("Allow", "{\"Service\": \"logging.s3.amazonaws.com\"}", "\"s3:PutObject\"", OBJECTS, null);
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("log").by("logging.s3.amazonaws.com").build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("log").build()));
    }

    @Test
    void notPrincipalDeniesEveryoneButThoseNamedAnonymousIncluded() {
        BucketPolicy policy = BucketPolicy.parse(document(
                statement("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, null),
                "{\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": [\"" + ALICE + "\"]}, \"Action\": \"s3:GetObject\", "
                        + "\"Resource\": " + OBJECTS + "}"), BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").by(ALICE).build()));
        assertEquals(DENY, policy.evaluate(request("s3:GetObject").object("a").by(BOB).build()));
        assertEquals(DENY, policy.evaluate(request("s3:GetObject").object("a").build()));
        BucketPolicy notEveryone = BucketPolicy.parse(document("{\"Effect\": \"Deny\", \"NotPrincipal\": \"*\", "
                + "\"Action\": \"s3:*\", \"Resource\": \"*\"}"), BUCKET);
        assertEquals(NONE, notEveryone.evaluate(request("s3:GetObject").object("a").build()));
    }

    @Test
    void actionsMatchInAnyCaseWithWildcards() {
        BucketPolicy policy = policy("Allow", "\"*\"", "[\"S3:get*\", \"s3:List?ucket\"]", "\"*\"", null);
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").build()));
        assertEquals(ALLOW, policy.evaluate(request("S3:GETOBJECTTAGGING").object("a").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:ListBucket").build()));
        assertEquals(NONE, policy.evaluate(request("s3:ListBucketVersions").build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("a").build()));
        BucketPolicy everything = policy("Allow", "\"*\"", "\"*\"", "\"*\"", null);
        assertEquals(ALLOW, everything.evaluate(request("s3:PutBucketPolicy").build()));
        BucketPolicy allOfS3 = policy("Allow", "\"*\"", "\"s3:*\"", "\"*\"", null);
        assertEquals(ALLOW, allOfS3.evaluate(request("s3:DeleteBucket").build()));
    }

    @Test
    void notActionAppliesToEveryOtherAction() {
        BucketPolicy policy = BucketPolicy.parse(document(
                statement("Allow", "\"*\"", "\"s3:*\"", "\"*\"", null),
                "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"NotAction\": [\"s3:Get*\", \"s3:ListBucket\"], \"Resource\": \"*\"}"),
                BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:ListBucket").build()));
        assertEquals(DENY, policy.evaluate(request("s3:PutObject").object("a").build()));
        assertEquals(DENY, policy.evaluate(request("s3:DeleteBucketPolicy").build()));
    }

    @Test
    void resourcesMatchCaseSensitivelyWithWildcardsAcrossSlashes() {
        BucketPolicy policy = policy("Allow", "\"*\"", "\"s3:GetObject\"",
                "[\"" + BUCKET_ARN + "/public/*\", \"" + BUCKET_ARN + "/*.jpg\", \"" + BUCKET_ARN + "/doc?.txt\"]", null);
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("public/a/b/c").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("private/cat.jpg").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("doc1.txt").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("Public/a").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("private/cat.JPG").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("doc10.txt").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("public").build()));
    }

    @Test
    void theBucketAndItsObjectsAreDifferentResources() {
        BucketPolicy bucketOnly = policy("Allow", "\"*\"", "\"s3:*\"", quoted(BUCKET_ARN), null);
        assertEquals(ALLOW, bucketOnly.evaluate(request("s3:ListBucket").build()));
        assertEquals(NONE, bucketOnly.evaluate(request("s3:GetObject").object("a").build()));
        BucketPolicy objectsOnly = policy("Allow", "\"*\"", "\"s3:*\"", OBJECTS, null);
        assertEquals(NONE, objectsOnly.evaluate(request("s3:ListBucket").build()));
    }

    @Test
    void notResourceAppliesToEveryOtherResource() {
        BucketPolicy policy = BucketPolicy.parse(document(
                statement("Allow", "\"*\"", "\"s3:*\"", "\"*\"", null),
                "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"NotResource\": [\""
                        + BUCKET_ARN + "\", \"" + BUCKET_ARN + "/public/*\"]}"), BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:ListBucket").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("public/x").build()));
        assertEquals(DENY, policy.evaluate(request("s3:GetObject").object("private/x").build()));
    }

    @Test
    void wildcardResourcesThatCanNameTheBucketAreAccepted() {
        for (String resource : new String[] {"\"*\"", "\"arn:aws:s3:::*\"", "\"arn:aws:s3:::*/*\"", "\"arn:aws:s3:::phot*\"",
                "\"arn:aws:s3:::p?otos/*\"", "\"arn:aws:s3:::*.jpg\"", "[\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos\"]",
                "\"arn:aws:s3:::photos/${aws:username}/*\""}) {
            BucketPolicy.parse(document(statement("Allow", "\"*\"", "\"s3:*\"", resource, null)), BUCKET);
        }
    }

    @Test
    void statementsAreEvaluatedIndependently() {
        BucketPolicy policy = BucketPolicy.parse(document(
                statement("Allow", "{\"AWS\": \"" + ALICE + "\"}", "\"s3:PutObject\"", OBJECTS, null),
                statement("Allow", "\"*\"", "\"s3:GetObject\"", OBJECTS, "{\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}")),
                BUCKET);
        assertEquals(ALLOW, policy.evaluate(request("s3:PutObject").object("a").by(ALICE).build()));
        assertEquals(NONE, policy.evaluate(request("s3:PutObject").object("a").by(BOB).with("aws:SourceIp", "10.1.1.1").build()));
        assertEquals(ALLOW, policy.evaluate(request("s3:GetObject").object("a").with("aws:SourceIp", "10.1.1.1").build()));
        assertEquals(NONE, policy.evaluate(request("s3:GetObject").object("a").by(ALICE).build()));
    }

    @Test
    void aPolicyIsOneStatementOrAnArrayOfThem() {
        String single = "{\"Statement\": " + statement("Deny", "\"*\"", "\"s3:DeleteBucket\"", quoted(BUCKET_ARN), null) + "}";
        assertEquals(DENY, BucketPolicy.parse(single, BUCKET).evaluate(request("s3:DeleteBucket").by(ALICE).build()));
    }

    @Test
    void describesItselfWithoutItsText() {
        assertEquals("BucketPolicy[1 statement(s)]", policy("Deny", "\"*\"", "\"s3:GetObject\"", OBJECTS, null).toString());
    }
}
