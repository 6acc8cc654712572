package io.volumegate.api;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.Principal;
import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import io.volumegate.http.QueryParameters;
import io.volumegate.objects.AccessCheck;
import io.volumegate.objects.AccessDecision;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import io.volumegate.objects.PolicyContext;
import io.volumegate.objects.Requester;
import io.volumegate.storage.ObjectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Lets a management API request in or refuses it (403 AccessDenied) by the same decisions the
 * S3 side makes ({@link AccessService}): the credential's bucket scope, the bucket's owner, its
 * policy (a Deny wins) and its ACLs; a read-only credential never writes. Also what the API
 * needs to know of owners: who owns a bucket, what a new object's owner and ACL are, and the
 * display name of a canonical id. Blocking (a bucket's settings, an object's ACL).
 */
@ApplicationScoped
public class ApiAccess {
    @Inject
    AccessService access;
    @Inject
    Keyring keyring;

    /** The route's own check on the bucket (and key) of its path, and admin-only routes. */
    void authorize(ApiRequest request) {
        ApiRoute route = request.route();
        switch (route.access()) {
            case PUBLIC, TOKEN -> { }
            case ADMIN -> {
                if (!request.credential().admin()) throw ApiException.forbidden("Only an admin credential may do this.");
            }
            case READ, WRITE -> {
                AccessCheck check = ApiChecks.of(route, request.versionId() != null);
                if (check != null) require(request, check, route.access(), request.bucket(), request.key(), request.versionId());
            }
        }
    }

    /**
     * 403 unless the caller may do {@code check} on {@code bucket} (and {@code key}, that
     * version). {@code scope} says which of the credential's own bucket scopes lets it in
     * ({@link ApiRoute.Access#READ} or {@link ApiRoute.Access#WRITE}), as S3 endpoints do.
     */
    void require(ApiRequest request, AccessCheck check, ApiRoute.Access scope, String bucket, String key, String versionId) {
        AccessDecision decision = decide(request, check, scope, bucket, key, versionId);
        if (!decision.allowed()) throw ApiException.forbidden(decision.message());
    }

    /** The decision on {@code check}, for a caller that reports refusals its own way (bulk calls). */
    AccessDecision decide(ApiRequest request, AccessCheck check, ApiRoute.Access scope, String bucket, String key, String versionId) {
        Credential credential = request.credential();
        boolean inScope = scope == ApiRoute.Access.WRITE ? credential.mayWrite(bucket) : credential.mayRead(bucket);
        Requester who = new Requester(Principal.ofAccessKey(credential.accessKeyId()), inScope, credential.readOnly(), credential.admin());
        try {
            return access.decide(who, check, bucket, key, versionId, request::policyContext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the credential owns the bucket; false when there is no such bucket (any more). */
    boolean owns(Credential credential, String bucket) throws IOException {
        return access.owns(Principal.ofAccessKey(credential.accessKeyId()), bucket);
    }

    /**
     * The owner and ACL of an object {@code writer} writes through this API: the writer's,
     * private; under the bucket's BucketOwnerEnforced control the bucket owner's.
     */
    AccessControlList newObjectAcl(String bucket, Credential writer) throws IOException {
        BucketRules rules = access.rules(bucket);
        return AccessControlList.privateTo(rules.aclsDisabled() ? rules.owner() : Principal.canonicalIdOf(writer.accessKeyId()));
    }

    /** The metadata of a new object the request writes, so far its owner and ACL ({@link #newObjectAcl}). */
    ObjectMetadata.Builder newObjectMetadata(ApiRequest request) throws IOException {
        return AccessService.stamp(ObjectMetadata.builder(), newObjectAcl(request.bucket(), request.credential()));
    }

    /** Whether a credential has this canonical id (grants may name those, and the resource's owners). */
    boolean knows(String canonicalId) {
        return keyring.accessKeyIdOf(canonicalId).isPresent();
    }

    /** What the API shows for a canonical id: its credential's access key id, else the id itself. */
    String displayName(String canonicalId) {
        return keyring.accessKeyIdOf(canonicalId).orElse(canonicalId);
    }

    /** The condition keys a bucket policy may test, as AWS spells them. */
    static Map<String, List<String>> context(HttpServletRequest request, Credential credential, QueryParameters query) {
        Principal principal = credential == null || credential.isAnonymous() ? Principal.ANONYMOUS
                : Principal.ofAccessKey(credential.accessKeyId());
        return PolicyContext.of(principal, request.getRemoteAddr(), request.isSecure())
                .with("aws:Referer", request.getHeader("Referer"))
                .with("aws:UserAgent", request.getHeader("User-Agent"))
                .with("s3:prefix", query.get("prefix"))
                .with("s3:delimiter", query.get("delimiter"))
                .with("s3:max-keys", query.get("max_keys"))
                .with("s3:VersionId", query.get(ObjectResource.VERSION_ID))
                .values();
    }
}
