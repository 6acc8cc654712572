package io.volumegate.api;

import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.access.policy.MalformedPolicyException;
import io.volumegate.http.Exchange;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/**
 * A bucket's policy (ours): the document itself goes in and comes out, as S3's
 * Put/GetBucketPolicy have it, so {@code aws s3api}'s policy files work unchanged. Parsed and
 * checked before it is stored (400 MalformedPolicy with the parser's message); under the
 * bucket's BlockPublicPolicy a public one is refused. Who may read, set or remove it is
 * {@link ApiAccess}'s decision (the owner, scope, policy; an admin can always mend it).
 */
@ApplicationScoped
public class PolicyResource {
    /** S3's limit on a bucket policy. */
    static final int MAX_POLICY_BYTES = 20 * 1024;

    @Inject
    AccessService access;
    @Inject
    IoExecutor io;

    /** Whether the bucket policy makes the bucket public (S3's GetBucketPolicyStatus). */
    public record PolicyStatus(boolean isPublic) {}

    void policy(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> {
            BucketPolicy policy = access.rules(request.bucket()).policy();
            if (policy == null) throw ApiException.notFound("NoSuchBucketPolicy", "The bucket policy does not exist.");
            exchange.response().setStatus(200);
            exchange.finishWith(policy.text().getBytes(StandardCharsets.UTF_8), ApiJson.CONTENT_TYPE);
        });
    }

    void setPolicy(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.readText(exchange, MAX_POLICY_BYTES), io, text -> {
            if (text.isBlank()) throw malformed("A policy document is required as the request body.");
            BucketPolicy policy;
            try {
                policy = BucketPolicy.parse(text, request.bucket());
            } catch (MalformedPolicyException e) {
                throw malformed(e.getMessage());
            }
            BucketRules rules = access.rules(request.bucket());
            if (rules.block().blockPublicPolicy() && policy.isPublic()) {
                throw ApiException.forbidden("The bucket's public access block refuses public policies.");
            }
            access.setPolicy(request.bucket(), policy);
            ApiResponses.ok(exchange, new ProxiedMultipartResource.StatusResponse(AclResource.UPDATED));
        });
    }

    void deletePolicy(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> {
            access.rules(request.bucket()); // NoSuchBucket
            access.setPolicy(request.bucket(), null);
            ApiResponses.noContent(exchange);
        });
    }

    void status(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> ApiResponses.ok(exchange, new PolicyStatus(access.rules(request.bucket()).policyIsPublic())));
    }

    private static ApiException malformed(String message) {
        return new ApiException(400, "MalformedPolicy", message == null || message.isBlank() ? "The policy is not valid." : message);
    }
}
