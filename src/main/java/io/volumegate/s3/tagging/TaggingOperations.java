package io.volumegate.s3.tagging;

import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.TaggingService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.s3.object.IntegrityCheckedBody;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;

/**
 * Put/Get/DeleteObjectTagging (a version's tags: the latest, or the one {@code versionId}
 * names) and Put/Get/DeleteBucketTagging. Documents are checked here with S3's errors
 * ({@link TagSets}); the object service keeps the tags.
 */
@ApplicationScoped
public class TaggingOperations {
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    @Inject
    TaggingService tagging;
    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;

    public void putObjectTagging(Exchange exchange, S3Request request) throws Exception {
        ObjectRef ref = refOf(request);
        exchange.then(IntegrityCheckedBody.readVerifyingAnyDigest(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            Map<String, String> tags = TagSets.fromDocument(body, TagSets.MAX_OBJECT_TAGS);
            describe(exchange.response(), tagging.tag(ref, tags), ref);
            exchange.finishEmpty();
        });
    }

    public void getObjectTagging(Exchange exchange, S3Request request) {
        ObjectRef ref = refOf(request);
        exchange.runOn(io, () -> {
            StoredObject object = objects.head(ref) /* its metadata holds its tags */;
            VersionHeaders.describe(exchange.response(), object, ref.versionId());
            exchange.finishWith(TagSets.document(object.metadata().map(ObjectMetadata::tags).orElse(Map.of())), S3Xml.CONTENT_TYPE);
        });
    }

    public void deleteObjectTagging(Exchange exchange, S3Request request) {
        ObjectRef ref = refOf(request);
        exchange.runOn(io, () -> {
            describe(exchange.response(), tagging.tag(ref, Map.of()), ref);
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    public void putBucketTagging(Exchange exchange, S3Request request) throws Exception {
        exchange.then(IntegrityCheckedBody.read(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            tagging.tagBucket(request.bucket(), TagSets.fromDocument(body, TagSets.MAX_BUCKET_TAGS));
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    public void getBucketTagging(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            Map<String, String> tags = tagging.bucketTags(request.bucket());
            if (tags.isEmpty()) throw S3Error.NO_SUCH_TAG_SET.exception().with("BucketName", request.bucket());
            exchange.finishWith(TagSets.document(tags), S3Xml.CONTENT_TYPE);
        });
    }

    public void deleteBucketTagging(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            tagging.tagBucket(request.bucket(), Map.of());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    private static ObjectRef refOf(S3Request request) {
        return new ObjectRef(request.bucket(), request.key(), request.query().get("versionId"));
    }

    /** The version whose tags changed, as S3 names it: by id when it has one, or when the request named one. */
    private static void describe(HttpServletResponse response, ObjectMetadata changed, ObjectRef ref) {
        String versionId = changed.versionId();
        if (ref.versionId() != null || VersionHeaders.named(versionId)) {
            response.setHeader(VersionHeaders.VERSION_ID, versionId == null ? "null" : versionId);
        }
    }
}
