package io.volumegate.s3.access;

import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.access.policy.MalformedPolicyException;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.object.IntegrityCheckedBody;
import io.volumegate.s3.xml.PolicyStatus;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/**
 * Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus. A policy is stored as the client
 * wrote it (GetBucketPolicy answers the very text) once it has parsed; S3 keeps policies to
 * 20 KB.
 */
@ApplicationScoped
public class BucketPolicyOperations {
    static final int MAX_POLICY_BYTES = 20 * 1024;
    /** What is read at all: beyond the policy limit, but not so far that the answer could not be S3's MalformedPolicy. */
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String JSON = "application/json";

    @Inject
    AccessService access;
    @Inject
    IoExecutor io;

    public void putBucketPolicy(Exchange exchange, S3Request request) throws Exception {
        exchange.then(IntegrityCheckedBody.readVerifyingAnyDigest(exchange, request, MAX_BODY_BYTES), io, body -> {
            BucketRules rules = access.rules(request.bucket());
            BucketPolicy policy = parse(body, request.bucket());
            PublicAccessBlocks.requirePolicyAllowed(rules, policy);
            access.setPolicy(request.bucket(), policy);
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    public void getBucketPolicy(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            BucketPolicy policy = access.rules(request.bucket()).policy();
            if (policy == null) throw S3Error.NO_SUCH_BUCKET_POLICY.exception().with("BucketName", request.bucket());
            exchange.finishWith(policy.text().getBytes(StandardCharsets.UTF_8), JSON);
        });
    }

    public void deleteBucketPolicy(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            access.setPolicy(request.bucket(), null);
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    /**
     * Whether the bucket is public: by its policy (a grant to everybody without a narrowing
     * condition), or, as S3-compatible servers and s3-tests have it, by an ACL grant to
     * everybody or to every signed request, unless IgnorePublicAcls or BucketOwnerEnforced
     * makes such grants count for nothing.
     */
    public void getBucketPolicyStatus(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            BucketRules rules = access.rules(request.bucket());
            boolean publicAcl = !rules.aclsDisabled() && !rules.ignoresPublicAcls() && rules.acl().isPublic();
            exchange.finishWith(S3Xml.write(new PolicyStatus(rules.policyIsPublic() || publicAcl)), S3Xml.CONTENT_TYPE);
        });
    }

    static BucketPolicy parse(byte[] body, String bucket) {
        if (body.length > MAX_POLICY_BYTES) throw S3Error.MALFORMED_POLICY.exception("Policy exceeds the maximum allowed document size.");
        try {
            return BucketPolicy.parse(new String(body, StandardCharsets.UTF_8), bucket);
        } catch (MalformedPolicyException e) {
            throw S3Error.MALFORMED_POLICY.exception(e.getMessage());
        }
    }
}
