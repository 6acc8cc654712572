package io.volumegate.s3;

import io.volumegate.access.Permission;
import io.volumegate.access.Principal;
import io.volumegate.auth.Credential;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessCheck;
import io.volumegate.objects.AccessDecision;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.PolicyContext;
import io.volumegate.objects.Requester;
import io.volumegate.s3.tagging.TagSets;
import io.volumegate.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Lets an S3 request in or refuses it (403 AccessDenied), on every node alike: the
 * credential's bucket scope, the bucket's owner, its policy and its ACLs, as
 * {@link AccessService} combines them. Runs after routing, on the request thread: a bucket
 * without policy costs one stat of its settings file.
 */
@ApplicationScoped
public class S3Authorizer {
    private static final String EXPECTED_OWNER = "x-amz-expected-bucket-owner";

    @Inject
    AccessService access;

    /** Refuses the request unless {@code credential} may make it. */
    public void authorize(HttpServletRequest request, Credential credential, Endpoint endpoint, String bucket, String key,
                          QueryParameters query) {
        if (bucket == null) {
            if (credential.isAnonymous()) throw S3Error.ACCESS_DENIED.exception("Anonymous users cannot list buckets.");
            return; // ListBuckets: the listing shows what the credential may see
        }
        if (endpoint == Endpoint.CREATE_BUCKET) {
            // Nobody owns a bucket that does not exist yet, so no ACL or policy can let anyone create it.
            if (!credential.mayCreate(bucket)) throw S3Error.ACCESS_DENIED.exception(credential.readOnly()
                    ? AccessDecision.READ_ONLY.message() : "This access key may not create this bucket.");
            return;
        }
        require(request, credential, EndpointChecks.of(endpoint, query), endpoint.access(), bucket, key, query.get("versionId"), query);
        requireExpectedOwner(request.getHeader(EXPECTED_OWNER), bucket);
    }

    /**
     * Refuses a request whose {@code x-amz-expected-bucket-owner} names someone else than the
     * bucket's owner: a client guarding against a bucket that changed hands (S3 answers 403).
     */
    private void requireExpectedOwner(String expected, String bucket) {
        if (expected == null) return;
        try {
            if (!expected.equals(access.rules(bucket).owner())) {
                throw S3Error.ACCESS_DENIED.exception("The bucket is not owned by the expected bucket owner.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StorageException e) {
            if (e.reason() != StorageException.Reason.NO_SUCH_BUCKET) throw e; // the operation says NoSuchBucket
        }
    }

    /**
     * Refuses unless {@code credential} may read {@code key} (or that version) in {@code bucket}:
     * the source of a copy, which S3 authorises as a GetObject of its own.
     */
    public void requireRead(HttpServletRequest request, Credential credential, String bucket, String key, String versionId) {
        AccessCheck check = new AccessCheck(versionId == null ? "s3:GetObject" : "s3:GetObjectVersion",
                Permission.READ, true, false);
        AccessDecision decision = decide(request, credential, check, Endpoint.Access.READ, bucket, key, versionId, QueryParameters.parse(null));
        if (!decision.allowed()) throw S3Error.ACCESS_DENIED.exception("The requester may not read the copy source. " + decision.message());
    }

    /** Refuses unless {@code credential} may write a new object in {@code bucket} (POST Object's form signer). */
    public void requireWrite(HttpServletRequest request, Credential credential, String bucket, String key) {
        AccessCheck check = new AccessCheck("s3:PutObject", Permission.WRITE, false, true);
        AccessDecision decision = decide(request, credential, check, Endpoint.Access.WRITE, bucket, key, null, QueryParameters.parse(null));
        if (!decision.allowed()) throw S3Error.ACCESS_DENIED.exception("The requester may not write this bucket. " + decision.message());
    }

    private void require(HttpServletRequest request, Credential credential, AccessCheck check, Endpoint.Access scopeAccess,
                         String bucket, String key, String versionId, QueryParameters query) {
        AccessDecision decision = decide(request, credential, check, scopeAccess, bucket, key, versionId, query);
        if (!decision.allowed()) throw S3Error.ACCESS_DENIED.exception(decision.message());
    }

    private AccessDecision decide(HttpServletRequest request, Credential credential, AccessCheck check, Endpoint.Access scopeAccess,
                                  String bucket, String key, String versionId, QueryParameters query) {
        boolean inScope = scopeAccess == Endpoint.Access.READ ? credential.mayRead(bucket) : credential.mayWrite(bucket);
        Requester who = credential.isAnonymous() ? Requester.ANONYMOUS
                : new Requester(Principal.ofAccessKey(credential.accessKeyId()), inScope, credential.readOnly(), credential.admin());
        try {
            return access.decide(who, check, bucket, key, versionId, () -> context(request, who, query));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The condition keys a bucket policy may test, as AWS spells them. */
    static Map<String, List<String>> context(HttpServletRequest request, Requester who, QueryParameters query) {
        PolicyContext context = PolicyContext.of(who.principal(), request.getRemoteAddr(), request.isSecure())
                .with("aws:Referer", request.getHeader("Referer"))
                .with("aws:UserAgent", request.getHeader("User-Agent"))
                .with("s3:x-amz-acl", request.getHeader("x-amz-acl"))
                .with("s3:x-amz-copy-source", withoutLeadingSlash(request.getHeader("x-amz-copy-source")))
                .with("s3:VersionId", query.get("versionId"))
                .with("s3:x-amz-metadata-directive", request.getHeader("x-amz-metadata-directive"))
                .with("s3:x-amz-server-side-encryption", request.getHeader("x-amz-server-side-encryption"));
        for (String name : List.of("prefix", "delimiter", "max-keys")) context.with("s3:" + name, query.get(name));
        for (String grant : List.of("read", "write", "read-acp", "write-acp", "full-control")) {
            context.with("s3:x-amz-grant-" + grant, request.getHeader("x-amz-grant-" + grant));
        }
        requestTags(request.getHeader(TagSets.HEADER), context);
        return context.values();
    }

    /**
     * The tags a write asks for ({@code x-amz-tagging}) as {@code s3:RequestObjectTag/<key>} and
     * {@code s3:RequestObjectTagKeys}. A malformed header adds nothing here: the operation refuses it.
     */
    private static void requestTags(String tagging, PolicyContext context) {
        if (tagging == null) return;
        Map<String, String> tags;
        try {
            tags = TagSets.fromHeader(tagging);
        } catch (RuntimeException malformed) {
            return;
        }
        tags.forEach((name, value) -> context.with("s3:RequestObjectTag/" + name, value));
        if (!tags.isEmpty()) context.withAll("s3:RequestObjectTagKeys", List.copyOf(tags.keySet()));
    }

    /** A copy source as policies match it, {@code bucket/key}: clients may send it with a leading slash. */
    private static String withoutLeadingSlash(String copySource) {
        return copySource != null && copySource.startsWith("/") ? copySource.substring(1) : copySource;
    }
}
