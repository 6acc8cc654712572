package io.volumegate.hunt;

import io.volumegate.http.ByteRange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.PercentDecoding;
import io.volumegate.http.S3Exception;
import io.volumegate.s3.S3Address;
import io.volumegate.s3.copy.CopySource;
import io.volumegate.s3.copy.CopySourceRange;
import io.volumegate.s3.object.DeleteObjectsRequest;
import io.volumegate.s3.object.ObjectLockHeaders;
import io.volumegate.s3.xml.CompleteMultipartUpload;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.s3.xml.VersioningConfiguration;
import io.volumegate.storage.ObjectKeys;
import io.volumegate.storage.StorageException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.function.ThrowingSupplier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based hunt (jqwik, seeded; tries from {@code -Dhunt.tries}) for the parsers every
 * request passes through: whatever the input, each either answers or refuses with a defined
 * error (an S3 error or a storage reason, i.e. a 4xx), never any other exception, which the
 * server would answer with a 500. Keys never map to a path outside the bucket.
 */
class HostileInputTest {
    private static final Path BUCKET = Path.of("/volume/bucket");

    @Property(seed = "20261202")
    void keysMapInsideTheBucketOrAreRefused(@ForAll("keys") String key) {
        List<String> segments = defined(() -> ObjectKeys.segments(key));
        if (segments == null) return;
        Path path = BUCKET;
        for (String segment : segments) {
            assertFalse(segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")
                    || segment.indexOf('\0') >= 0, () -> "segment " + segment + " of " + key);
            path = path.resolve(segment);
        }
        assertTrue(path.normalize().startsWith(BUCKET), key);
        assertFalse(path.startsWith(BUCKET.resolve(ObjectKeys.RESERVED)), key);
    }

    @Property(seed = "20261202")
    void rawPathsDecodeOrAreRefused(@ForAll("rawPaths") String raw) {
        defined(() -> PercentDecoding.path(raw));
        defined(() -> S3Address.parse("/bucket/" + raw, "", "127.0.0.1:8080", List.of("s3.localhost")));
    }

    @Property(seed = "20261202")
    void rangesParseOrAreRefused(@ForAll("ranges") String header, @ForAll @LongRange(min = 0, max = 10_000) long size) {
        ByteRange range = defined(() -> ByteRange.parse(header, size));
        if (range != null) assertTrue(range.first() >= 0 && range.first() <= range.last() && range.last() < size, header);
        defined(() -> CopySourceRange.parse(header));
    }

    @Property(seed = "20261202")
    void datesParseOrAreRefused(@ForAll("dates") String date) {
        defined(() -> HttpDates.parseHttp(date));
        defined(() -> ObjectLockHeaders.parseDate(date));
        defined(() -> ObjectLockHeaders.parseMode(date));
    }

    @Property(seed = "20261202")
    void copySourcesParseOrAreRefused(@ForAll("rawPaths") String raw, @ForAll("noise") String versionId) {
        defined(() -> CopySource.parse(raw));
        defined(() -> CopySource.parse("/bucket/" + raw + "?versionId=" + versionId));
    }

    @Property(seed = "20261202", tries = 300)
    void xmlBodiesParseOrAreMalformed(@ForAll("xml") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        defined(() -> DeleteObjectsRequest.parse(bytes));
        defined(() -> S3Xml.read(bytes, CompleteMultipartUpload.class));
        defined(() -> S3Xml.read(bytes, VersioningConfiguration.class));
    }

    @Provide
    Arbitrary<String> keys() { return HostileArbitraries.key(); }

    @Provide
    Arbitrary<String> rawPaths() { return HostileArbitraries.rawKeyPath(); }

    @Provide
    Arbitrary<String> ranges() { return HostileArbitraries.range(); }

    @Provide
    Arbitrary<String> dates() { return HostileArbitraries.date(); }

    @Provide
    Arbitrary<String> noise() { return HostileArbitraries.headerNoise(); }

    @Provide
    Arbitrary<String> xml() { return HostileArbitraries.xml(); }

    /** The answer, or null when refused with a defined error; any other exception fails the property. */
    private static <T> T defined(ThrowingSupplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception | StorageException refused) {
            return null;
        } catch (Throwable other) {
            return fail("not a defined refusal (the server would answer 500): " + other, other);
        }
    }
}
