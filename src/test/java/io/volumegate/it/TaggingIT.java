package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Object and bucket tags with the AWS SDK for Java v2: tags of a version, set by the tagging
 * operations, by x-amz-tagging on PutObject, CreateMultipartUpload and CopyObject; counted on
 * GET and HEAD; refused with S3's errors when they break S3's rules.
 */
class TaggingIT extends ObjectTestBase {
    private static final String BUCKET = "taggingit";

    private static List<Tag> tags(String... keysAndValues) {
        return IntStream.range(0, keysAndValues.length / 2)
                .mapToObj(i -> Tag.builder().key(keysAndValues[2 * i]).value(keysAndValues[2 * i + 1]).build()).toList();
    }

    private Map<String, String> tagsOf(String bucket, String key, String versionId) {
        GetObjectTaggingResponse response = server.s3().getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId));
        return response.tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void putGetAndDeleteObjectTagging() {
        bucket(BUCKET);
        put(BUCKET, "doc.txt", "text".getBytes());
        assertEquals(Map.of(), tagsOf(BUCKET, "doc.txt", null));

        server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("doc.txt").tagging(t -> t.tagSet(tags("project", "blue", "tier", ""))));
        assertEquals(Map.of("project", "blue", "tier", ""), tagsOf(BUCKET, "doc.txt", null));
        assertEquals(2, server.s3().headObject(b -> b.bucket(BUCKET).key("doc.txt")).tagCount());
        assertEquals(2, get(BUCKET, "doc.txt").response().tagCount());

        server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("doc.txt").tagging(t -> t.tagSet(tags("only", "one"))));
        assertEquals(Map.of("only", "one"), tagsOf(BUCKET, "doc.txt", null), "a put replaces the whole set");

        assertEquals(204, server.s3().deleteObjectTagging(b -> b.bucket(BUCKET).key("doc.txt")).sdkHttpResponse().statusCode());
        assertEquals(Map.of(), tagsOf(BUCKET, "doc.txt", null));
        assertEquals(null, server.s3().headObject(b -> b.bucket(BUCKET).key("doc.txt")).tagCount(), "no count without tags");
        assertEquals("text", get(BUCKET, "doc.txt").asUtf8String(), "tags leave the content alone");

        assertS3Error(404, "NoSuchKey", () -> server.s3().getObjectTagging(b -> b.bucket(BUCKET).key("missing")));
        assertS3Error(404, "NoSuchKey", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("missing")
                .tagging(t -> t.tagSet(tags("a", "b")))));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getObjectTagging(b -> b.bucket("taggingit-none").key("k")));
    }

    @Test
    void badTagSetsAreRefusedAndChangeNothing() throws Exception {
        bucket(BUCKET);
        put(BUCKET, "bad.txt", "x".getBytes());
        server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt").tagging(t -> t.tagSet(tags("keep", "me"))));
        List<Tag> eleven = IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertS3Error(400, "BadRequest", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt").tagging(t -> t.tagSet(eleven))));
        assertS3Error(400, "InvalidTag", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt")
                .tagging(t -> t.tagSet(tags("k".repeat(129), "v")))));
        assertS3Error(400, "InvalidTag", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt")
                .tagging(t -> t.tagSet(tags("k", "v".repeat(257))))));
        assertS3Error(400, "InvalidTag", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt")
                .tagging(t -> t.tagSet(tags("a", "1", "a", "2")))));
        assertS3Error(400, "InvalidTag", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt")
                .tagging(t -> t.tagSet(tags("aws:system", "x")))));
        assertS3Error(400, "InvalidTag", () -> server.s3().putObjectTagging(b -> b.bucket(BUCKET).key("bad.txt")
                .tagging(t -> t.tagSet(tags("a;b", "x")))));
        assertRawError(400, "MalformedXML", raw().put("/" + BUCKET + "/bad.txt?tagging").body("<Tagging><TagSet>").send());
        assertRawError(400, "MalformedXML", raw().put("/" + BUCKET + "/bad.txt?tagging").body("<Tagging/>").send());
        assertEquals(Map.of("keep", "me"), tagsOf(BUCKET, "bad.txt", null));

        assertS3Error(400, "InvalidArgument", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("bad2.txt").tagging("a=1&a=2"),
                RequestBody.fromString("x")));
        assertS3Error(400, "BadRequest", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("bad2.txt")
                .tagging(IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"))), RequestBody.fromString("x")));
        assertS3Error(404, "NoSuchKey", () -> server.s3().headObject(b -> b.bucket(BUCKET).key("bad2.txt")));
    }

    @Test
    void writesTakeTheirTagsFromXAmzTagging() {
        bucket(BUCKET);
        server.s3().putObject(b -> b.bucket(BUCKET).key("put.txt").tagging("foo=bar&bar&a%20b=c%2Fd"), RequestBody.fromString("p"));
        assertEquals(Map.of("foo", "bar", "bar", "", "a b", "c/d"), tagsOf(BUCKET, "put.txt", null));

        String uploadId = server.s3().createMultipartUpload(b -> b.bucket(BUCKET).key("mp.bin").tagging("Hello=World&foo=bar")).uploadId();
        String etag = server.s3().uploadPart(b -> b.bucket(BUCKET).key("mp.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        server.s3().completeMultipartUpload(b -> b.bucket(BUCKET).key("mp.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals(List.of("Hello", "foo"), server.s3().getObjectTagging(b -> b.bucket(BUCKET).key("mp.bin")).tagSet().stream()
                .map(Tag::key).toList(), "sorted by key, as S3 lists them");

        // CopyObject: the source's tags by default (even with REPLACE metadata), the request's with REPLACE
        server.s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey("put.txt").destinationBucket(BUCKET).destinationKey("copy.txt")
                .tagging("ignored=yes"));
        assertEquals(Map.of("foo", "bar", "bar", "", "a b", "c/d"), tagsOf(BUCKET, "copy.txt", null));
        server.s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey("put.txt").destinationBucket(BUCKET).destinationKey("copy2.txt")
                .metadataDirective("REPLACE").contentType("text/csv"));
        assertEquals(Map.of("foo", "bar", "bar", "", "a b", "c/d"), tagsOf(BUCKET, "copy2.txt", null));
        server.s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey("put.txt").destinationBucket(BUCKET).destinationKey("copy3.txt")
                .taggingDirective(TaggingDirective.REPLACE).tagging("new=1"));
        assertEquals(Map.of("new", "1"), tagsOf(BUCKET, "copy3.txt", null));
        server.s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey("put.txt").destinationBucket(BUCKET).destinationKey("copy4.txt")
                .taggingDirective(TaggingDirective.REPLACE));
        assertEquals(Map.of(), tagsOf(BUCKET, "copy4.txt", null));
        assertS3Error(400, "InvalidArgument", () -> server.s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey("put.txt")
                .destinationBucket(BUCKET).destinationKey("copy5.txt").taggingDirective("MOVE")));
    }

    @Test
    void tagsBelongToAVersion() {
        String bucket = "taggingit-versions";
        bucket(bucket);
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String first = server.s3().putObject(b -> b.bucket(bucket).key("k").tagging("v=1"), RequestBody.fromString("one")).versionId();
        String second = server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
        assertEquals(Map.of("v", "1"), tagsOf(bucket, "k", first));
        assertEquals(Map.of(), tagsOf(bucket, "k", second));

        var put = server.s3().putObjectTagging(b -> b.bucket(bucket).key("k").versionId(first).tagging(t -> t.tagSet(tags("v", "old"))));
        assertEquals(first, put.versionId());
        assertEquals(second, server.s3().putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(tags("v", "new")))).versionId());
        assertEquals(Map.of("v", "old"), tagsOf(bucket, "k", first));
        assertEquals(Map.of("v", "new"), tagsOf(bucket, "k", null));
        assertEquals(second, server.s3().getObjectTagging(b -> b.bucket(bucket).key("k")).versionId());
        assertEquals(1, server.s3().headObject(b -> b.bucket(bucket).key("k").versionId(first)).tagCount());
        assertEquals(first, server.s3().deleteObjectTagging(b -> b.bucket(bucket).key("k").versionId(first)).versionId());
        assertEquals(Map.of(), tagsOf(bucket, "k", first));
        assertS3Error(404, "NoSuchVersion", () -> server.s3().getObjectTagging(b -> b.bucket(bucket).key("k")
                .versionId("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
    }

    @Test
    void bucketTagging() throws Exception {
        String bucket = "taggingit-bucket";
        bucket(bucket);
        assertS3Error(404, "NoSuchTagSet", () -> server.s3().getBucketTagging(b -> b.bucket(bucket)));
        server.s3().putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tags("Hello", "World", "cost-center", "42"))));
        assertEquals(List.of("Hello", "World", "cost-center", "42"), server.s3().getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
                .flatMap(tag -> java.util.stream.Stream.of(tag.key(), tag.value())).toList());

        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        server.s3().putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(fifty)));
        assertEquals(50, server.s3().getBucketTagging(b -> b.bucket(bucket)).tagSet().size());
        List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        assertS3Error(400, "BadRequest", () -> server.s3().putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(fiftyOne))));
        assertS3Error(400, "InvalidTag", () -> server.s3().putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tags("a", "1", "a", "2")))));
        HttpResponse<byte[]> withoutDigest = raw().put("/" + bucket + "?tagging")
                .body("<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>").send();
        assertRawError(400, "InvalidRequest", withoutDigest);
        assertEquals(50, server.s3().getBucketTagging(b -> b.bucket(bucket)).tagSet().size(), "refused puts change nothing");

        assertEquals(204, server.s3().deleteBucketTagging(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertS3Error(404, "NoSuchTagSet", () -> server.s3().getBucketTagging(b -> b.bucket(bucket)));
        assertFalse(server.s3().listBuckets().buckets().isEmpty());
    }
}
