package io.volumegate.api;

import io.volumegate.http.Exchange;
import io.volumegate.http.RequestContext;
import io.volumegate.objects.AccessDecision;
import io.volumegate.objects.KeyDeletion;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Operations on many keys of a bucket at once: bulk delete and a ZIP download. Presigned
 * URLs for many keys are {@link PresignResource}'s.
 */
@ApplicationScoped
public class BulkResource {
    static final int MAX_KEYS = 1000;
    /** 1000 keys of up to 1024 bytes, JSON-escaped. */
    static final int MAX_BODY = 8 * 1024 * 1024;

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    ApiAccess access;

    public record KeysRequest(List<String> keys) {}

    public record KeyError(String key, String code, String message) {}

    /** status is "deleted" when every key was, "partial" when some could not be (see errors). */
    public record DeleteObjectsResponse(String status, List<String> deleted, List<KeyError> errors) {}

    static final String ALL_DELETED = "deleted";
    static final String PARTIAL = "partial";

    // ---- bulk delete -------------------------------------------------------------------

    /**
     * Deletes each key the caller may delete (s3:DeleteObject, decided key by key); one key's
     * refusal or failure (a bad key, an I/O error, ...) is reported with its code and does not
     * stop the others, as in S3's DeleteObjects.
     */
    void delete(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<KeysRequest>read(exchange, KeysRequest.class, MAX_BODY), io, body -> {
            String requestId = RequestContext.of(exchange.request()).requestId();
            List<String> deleted = new ArrayList<>();
            List<KeyError> errors = new ArrayList<>();
            List<ObjectRef> refs = new ArrayList<>();
            for (String key : keys(body.keys(), false)) {
                AccessDecision decision = access.decide(request, ApiChecks.DELETE_OBJECT, ApiRoute.Access.WRITE, request.bucket(), key, null);
                // A read-only credential may delete nothing: the whole request is refused, as S3 refuses it.
                if (decision == AccessDecision.READ_ONLY) throw ApiException.forbidden(decision.message());
                if (decision.allowed()) refs.add(ObjectRef.of(request.bucket(), key));
                else errors.add(new KeyError(key, "AccessDenied", decision.message()));
            }
            for (KeyDeletion outcome : objects.deleteAll(request.bucket(), refs, false)) {
                if (outcome.deleted()) {
                    deleted.add(outcome.key());
                } else {
                    ApiException refused = ApiErrors.toApi(outcome.failure().get(), requestId);
                    errors.add(new KeyError(outcome.key(), refused.code(), refused.getMessage()));
                }
            }
            ApiResponses.ok(exchange, new DeleteObjectsResponse(errors.isEmpty() ? ALL_DELETED : PARTIAL, deleted, errors));
        });
    }

    // ---- ZIP download --------------------------------------------------------------------

    /**
     * Streams the objects as one ZIP. Every key is checked first (valid, readable by the caller
     * as a GetObject of its own, existing), so a refused or missing one is a clean 403 or 404
     * before any byte is sent; the archive then streams with
     * constant memory ({@link ZipStream}). A file that disappears mid-stream breaks the
     * connection: the client sees a truncated archive, never a wrong one.
     */
    void download(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<KeysRequest>read(exchange, KeysRequest.class, MAX_BODY), io, body -> {
            List<ObjectRef> refs = readableKeys(request, body.keys()).stream().map(key -> ObjectRef.of(request.bucket(), key)).toList();
            for (ObjectRef ref : refs) {
                if (!objects.exists(ref)) throw ApiException.notFound("NoSuchKey", "No object at the key " + ref.key() + ".");
            }
            exchange.response().setContentType("application/zip");
            exchange.response().setHeader("Content-Disposition", ObjectResponses.contentDisposition(
                    ObjectResponses.Disposition.ATTACHMENT, request.bucket() + ".zip"));
            ZipStream zip = new ZipStream(objects, refs);
            exchange.finishWith(zip, zip);
        });
    }

    /** {@link #keys} of the request's bucket, each of which the caller may read (s3:GetObject); 403 for any other. */
    List<String> readableKeys(ApiRequest request, List<String> given) {
        List<String> keys = keys(given, true);
        for (String key : keys) access.require(request, ApiChecks.GET_OBJECT, ApiRoute.Access.READ, request.bucket(), key, null);
        return keys;
    }

    /** 1 to 1000 distinct valid keys, in the order given. */
    static List<String> keys(List<String> given, boolean validate) {
        if (given == null || given.isEmpty()) throw ApiException.badRequest("keys must list 1 to " + MAX_KEYS + " keys.");
        if (given.size() > MAX_KEYS) throw ApiException.badRequest("keys must list at most " + MAX_KEYS + " keys.");
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String key : given) {
            if (key == null || key.isEmpty()) throw ApiException.badRequest("keys must not be empty or null.");
            if (validate) ObjectKeys.segments(key);
            keys.add(key);
        }
        return List.copyOf(keys);
    }
}
