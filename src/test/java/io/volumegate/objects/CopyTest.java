package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.WriteCondition;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.UploadManifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies, whole and as parts: where a copy's digests come from (the source's stored ones only
 * when they provably describe the copied bytes, else hashed from exactly the bytes written),
 * what metadata it gets, and what happens when the source changes under it.
 */
class CopyTest {
    /** Deliberately NOT the MD5 of the content: seeing it on the copy proves it was reused. */
    private static final String STORED_MD5 = "00112233445566778899aabbccddeeff";
    private static final String STORED_CRC32 = "AQIDBA==";
    private static final byte[] CONTENT = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir
    Path root;

    private ServiceFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ServiceFixture(root);
    }

    private CopiedObject copy(String source, String target, CopySpec spec) throws Exception {
        return fixture.copies.copy(ObjectRef.of(ServiceFixture.BUCKET, source), ServiceFixture.BUCKET, target, spec, object -> { });
    }

    private static CopySpec checksum(ChecksumAlgorithm algorithm) {
        return new CopySpec(null, Optional.of(algorithm), WriteCondition.NONE, NO_LIMIT);
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    @Test
    void freshStoredDigestsOfAnUnchangedSourceAreReused() throws Exception {
        fixture.put("src.txt", CONTENT, ObjectMetadata.builder().md5Hex(STORED_MD5).putChecksum("CRC32", STORED_CRC32).build());
        CopiedObject copied = copy("src.txt", "dst.txt", checksum(ChecksumAlgorithm.CRC32));
        assertEquals(STORED_MD5, copied.digests().md5Hex());
        assertEquals(STORED_CRC32, copied.digests().checksums().get(ChecksumAlgorithm.CRC32));
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), Files.readString(fixture.file("dst.txt")));
    }

    @Test
    void aSourceWithoutStoredDigestsIsHashedWhileCopiedAndKeepsTheTypeItIsServedWith() throws Exception {
        Files.write(fixture.file("foreign.pdf"), CONTENT); // written by another program: no metadata
        CopiedObject copied = copy("foreign.pdf", "dst.pdf", checksum(ChecksumAlgorithm.CRC32));
        assertEquals(md5(CONTENT), copied.digests().md5Hex());
        assertEquals(crc32(CONTENT), copied.digests().checksums().get(ChecksumAlgorithm.CRC32));
        assertEquals("application/pdf", copied.object().metadata().orElseThrow().contentType());
    }

    @Test
    void aChecksumTheSourceDoesNotHaveMeansHashing() throws Exception {
        fixture.put("src.txt", CONTENT, ObjectMetadata.builder().md5Hex(STORED_MD5).putChecksum("SHA256", "x").build());
        assertEquals(md5(CONTENT), copy("src.txt", "dst.txt", checksum(ChecksumAlgorithm.CRC32)).digests().md5Hex());
    }

    @Test
    void aMultipartEtagOrCompositeChecksumIsNotTheDigestOfTheBytes() throws Exception {
        fixture.put("mp.txt", CONTENT, ObjectMetadata.builder().md5Hex(STORED_MD5 + "-3").build());
        assertEquals(md5(CONTENT), copy("mp.txt", "a.txt", CopySpec.keepingMetadata(NO_LIMIT)).digests().md5Hex());
        fixture.put("composite.txt", CONTENT, ObjectMetadata.builder().md5Hex(STORED_MD5).putChecksum("CRC32", STORED_CRC32 + "-3").build());
        CopiedObject copied = copy("composite.txt", "b.txt", CopySpec.keepingMetadata(NO_LIMIT));
        assertEquals(crc32(CONTENT), copied.digests().checksums().get(ChecksumAlgorithm.CRC32), "the copy's checksum is of its bytes");
    }

    @Test
    void theCopyKeepsContentHeadersAndUserMetadataOrTakesTheReplacement() throws Exception {
        ObjectMetadata source = ObjectMetadata.builder().contentType("text/csv").contentEncoding("gzip").cacheControl("no-cache")
                .putUserMetadata("owner", "alice").md5Hex(STORED_MD5).build();
        fixture.put("src.csv", CONTENT, source);
        ObjectMetadata kept = copy("src.csv", "kept.csv", CopySpec.keepingMetadata(NO_LIMIT)).object().metadata().orElseThrow();
        assertEquals("text/csv", kept.contentType());
        assertEquals("gzip", kept.contentEncoding());
        assertEquals(Map.of("owner", "alice"), kept.userMetadata());
        ObjectMetadata replacement = ObjectMetadata.builder().contentType("application/json").putUserMetadata("owner", "bob").build();
        ObjectMetadata replaced = copy("src.csv", "replaced.csv", new CopySpec(replacement, Optional.empty(), WriteCondition.NONE, NO_LIMIT))
                .object().metadata().orElseThrow();
        assertEquals("application/json", replaced.contentType());
        assertNull(replaced.contentEncoding());
        assertEquals(Map.of("owner", "bob"), replaced.userMetadata());
    }

    @Test
    void aCopyOntoItselfMustReplaceTheMetadata() throws Exception {
        fixture.put("k", CONTENT, ObjectMetadata.builder().build());
        assertEquals(Reason.COPY_ONTO_ITSELF, assertThrows(StorageException.class,
                () -> copy("k", "k", CopySpec.keepingMetadata(NO_LIMIT))).reason());
        ObjectMetadata replacement = ObjectMetadata.builder().contentType("text/plain").build();
        assertEquals("text/plain", copy("k", "k", new CopySpec(replacement, Optional.empty(), WriteCondition.NONE, NO_LIMIT))
                .object().metadata().orElseThrow().contentType());
    }

    @Test
    void aSourceOverTheLimitOrRefusedByTheProtocolIsNotCopied() throws Exception {
        fixture.put("big", CONTENT, ObjectMetadata.builder().build());
        assertEquals(Reason.COPY_SOURCE_TOO_LARGE, assertThrows(StorageException.class,
                () -> copy("big", "copy", CopySpec.keepingMetadata(CONTENT.length - 1))).reason());
        RuntimeException refusal = new IllegalStateException("a copy-source condition failed");
        assertEquals(refusal, assertThrows(IllegalStateException.class, () -> fixture.copies.copy(
                ObjectRef.of(ServiceFixture.BUCKET, "big"), ServiceFixture.BUCKET, "copy", CopySpec.keepingMetadata(NO_LIMIT),
                object -> { throw refusal; })));
        assertTrue(Files.notExists(fixture.file("copy")));
    }

    @Test
    void aSourceRewrittenInPlaceDuringACopyIsCopiedAgainHashing() throws Exception {
        StoredObject source = fixture.put("src.txt", CONTENT, ObjectMetadata.builder().md5Hex(STORED_MD5).build());
        byte[] rewritten = new String(CONTENT, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
        CopiedObject copied = fixture.copies.copy(ObjectRef.of(ServiceFixture.BUCKET, "src.txt"), ServiceFixture.BUCKET, "dst.txt",
                CopySpec.keepingMetadata(NO_LIMIT), object -> rewriteInPlace(rewritten, source));
        assertEquals(md5(rewritten), copied.digests().md5Hex(), "the digest describes exactly the committed bytes");
        assertEquals(md5(Files.readAllBytes(fixture.file("dst.txt"))), copied.digests().md5Hex());
    }

    /** Another program rewrites the file in place (same size, not by rename): only its mtime tells. */
    private void rewriteInPlace(byte[] content, StoredObject source) {
        try {
            Files.write(fixture.file(source.key()), content);
            Files.setLastModifiedTime(fixture.file(source.key()), FileTime.fromMillis(source.lastModified().toEpochMilli() + 5000));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPartCopiedFromARangeIsHashedFromExactlyThoseBytes() throws Exception {
        fixture.put("src.txt", CONTENT, ObjectMetadata.builder().md5Hex(STORED_MD5).build());
        UploadManifest upload = fixture.multipart.create(ServiceFixture.BUCKET, "mp", ObjectMetadata.builder().build(),
                ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE, true);
        PartRecord part = fixture.multipart.copyPart(ServiceFixture.BUCKET, "mp", upload.id().value(), 3,
                ObjectRef.of(ServiceFixture.BUCKET, "src.txt"), object -> new ByteSpan(4, 5));
        byte[] quick = "quick".getBytes(StandardCharsets.UTF_8);
        assertEquals(md5(quick), part.md5Hex());
        assertEquals(Map.of("CRC32", crc32(quick)), part.checksums());
        assertEquals(5, part.size());
    }

    @Test
    void aSourceRewrittenInPlaceWhileAPartIsCopiedIsRefusedAsRetryable() throws Exception {
        StoredObject source = fixture.put("src.txt", CONTENT, ObjectMetadata.builder().build());
        UploadManifest upload = fixture.multipart.create(ServiceFixture.BUCKET, "mp", ObjectMetadata.builder().build(),
                ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE, true);
        StorageException refused = assertThrows(StorageException.class, () -> fixture.multipart.copyPart(ServiceFixture.BUCKET, "mp",
                upload.id().value(), 1, ObjectRef.of(ServiceFixture.BUCKET, "src.txt"), object -> {
                    rewriteInPlace(CONTENT, source);
                    return ByteSpan.whole(object.size());
                }));
        assertEquals(Reason.CHANGED_WHILE_READ, refused.reason());
        assertEquals(0, fixture.multipart.parts(ServiceFixture.BUCKET, "mp", upload.id().value()).parts().size(), "no part was staged");
    }
}
