package io.volumegate.access.policy;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A parsed, validated bucket policy (the IAM policy language as S3 bucket policies use it).
 * Immutable, thread-safe; parse once, evaluate many times: parsing compiles every pattern and
 * condition value, so {@link #evaluate} only compares.
 */
public final class BucketPolicy {
    private final String text;
    private final Statement[] statements;
    private final boolean isPublic;

    private BucketPolicy(String text, List<Statement> statements) {
        this.text = text;
        this.statements = statements.toArray(Statement[]::new);
        this.isPublic = statements.stream().anyMatch(Statement::grantsPublicAccess);
    }

    /**
     * Parses and validates the document for the bucket it is to be attached to, taking any
     * principal id as existing.
     *
     * @throws MalformedPolicyException with a message fit for an S3 MalformedPolicy error (no stack
     *                                  trace, no echo of huge input)
     */
    public static BucketPolicy parse(String json, String bucket) {
        return parse(json, bucket, id -> true);
    }

    /**
     * Parses and validates the document, refusing, as S3 does ("Invalid principal in policy"), a
     * principal that names no identity: {@code principalExists} is asked about every id a principal
     * names (a canonical user id, an access key id, an account id taken from an ARN, a service
     * name as written), never about {@code *}.
     *
     * @throws MalformedPolicyException with a message fit for an S3 MalformedPolicy error
     */
    public static BucketPolicy parse(String json, String bucket, Predicate<String> principalExists) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(principalExists, "principalExists");
        return new BucketPolicy(json, PolicyReader.read(json, bucket, principalExists));
    }

    /**
     * Whether some condition tests a key starting with {@code prefix}, such as
     * {@code s3:ExistingObjectTag/}: a caller supplies such costly keys only to policies that test them.
     */
    public boolean testsKeyStartingWith(String prefix) {
        for (Statement statement : statements) if (statement.testsKeyStartingWith(prefix)) return true;
        return false;
    }

    /** DENY if any statement that applies denies; else ALLOW if any applies and allows; else NONE. */
    public PolicyEffect evaluate(PolicyRequest request) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.appliesTo(request)) {
                if (statement.denies()) return PolicyEffect.DENY;
                allowed = true;
            }
        }
        return allowed ? PolicyEffect.ALLOW : PolicyEffect.NONE;
    }

    /**
     * AWS's notion of a public policy (for GetBucketPolicyStatus IsPublic and PublicAccessBlock
     * BlockPublicPolicy / RestrictPublicBuckets): some statement allows everyone without a
     * condition that restricts it to fixed values; see {@link PublicAccess}.
     */
    public boolean isPublic() {
        return isPublic;
    }

    /** The document as given (S3 GetBucketPolicy returns the stored text). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "BucketPolicy[" + statements.length + " statement(s)" + (isPublic ? ", public]" : "]");
    }
}
