package io.volumegate.access.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the requests and documents the policy tests decide, for the bucket {@value #BUCKET}. */
final class Requests {
    static final String BUCKET = "photos";
    static final String BUCKET_ARN = "arn:aws:s3:::" + BUCKET;
    static final String ALICE = "alice-canonical-id";
    static final String ALICE_KEY = "AKIAALICE";
    static final String BOB = "bob-canonical-id";

    private final String action;
    private String resource = BUCKET_ARN;
    private final List<String> principals = new ArrayList<>();
    private final Map<String, List<String>> context = new LinkedHashMap<>();

    private Requests(String action) {
        this.action = action;
    }

    static Requests request(String action) {
        return new Requests(action);
    }

    Requests object(String key) {
        resource = BUCKET_ARN + "/" + key;
        return this;
    }

    Requests resource(String arn) {
        resource = arn;
        return this;
    }

    /** Signed by these ids; without, the request is anonymous. */
    Requests by(String... ids) {
        principals.addAll(List.of(ids));
        return this;
    }

    Requests with(String key, String... values) {
        context.put(key, List.of(values));
        return this;
    }

    PolicyRequest build() {
        return new PolicyRequest(action, resource, Set.copyOf(principals), context);
    }

    /** A version 2012-10-17 document of these statements. */
    static String document(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}";
    }

    /** A statement; {@code condition} is the Condition block's JSON or null. */
    static String statement(String effect, String principal, String action, String resource, String condition) {
        return "{\"Effect\": \"" + effect + "\", \"Principal\": " + principal + ", \"Action\": " + action
                + ", \"Resource\": " + resource + (condition == null ? "" : ", \"Condition\": " + condition) + "}";
    }

    /** A one-statement policy for the bucket. */
    static BucketPolicy policy(String effect, String principal, String action, String resource, String condition) {
        return BucketPolicy.parse(document(statement(effect, principal, action, resource, condition)), BUCKET);
    }

    /** Allows everyone s3:GetObject on the bucket's objects under the condition. */
    static BucketPolicy allowGetIf(String condition) {
        return policy("Allow", "\"*\"", "\"s3:GetObject\"", "\"" + BUCKET_ARN + "/*\"", condition);
    }

    static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
