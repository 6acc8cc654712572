package io.volumegate.s3.object;

import io.volumegate.http.ByteRange;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GET/HEAD ?partNumber: which bytes of an object a part number selects. */
class PartSelectionTest {
    private static final long MIB = 1L << 20;

    @Test
    void partNumberSelectsAPartOfAMultipartObject() {
        StoredObject object = object(16 * MIB + 3, PartSizes.of(List.of(8 * MIB, 8 * MIB, 3L)));
        PartSelection second = PartSelection.of("2", null, object);
        assertEquals(new ByteRange(8 * MIB, 16 * MIB - 1), second.range());
        assertEquals(3, second.partsCount());
        assertEquals(new ByteRange(16 * MIB, 16 * MIB + 2), PartSelection.of("3", null, object).range());
        refused(S3Error.INVALID_PART_NUMBER, () -> PartSelection.of("4", null, object));
        refused(S3Error.INVALID_ARGUMENT, () -> PartSelection.of("0", null, object));
        refused(S3Error.INVALID_REQUEST, () -> PartSelection.of("1", "bytes=0-1", object));
        assertNull(PartSelection.of(null, "bytes=0-1", object));
    }

    @Test
    void anyOtherObjectIsOnePart() {
        StoredObject object = object(100, null);
        PartSelection only = PartSelection.of("1", null, object);
        assertEquals(new ByteRange(0, 99), only.range());
        assertEquals(0, only.partsCount());
        refused(S3Error.INVALID_PART_NUMBER, () -> PartSelection.of("2", null, object));
    }

    private static StoredObject object(long size, PartSizes parts) {
        ObjectMetadata metadata = ObjectMetadata.builder().partSizes(parts).size(size).build();
        return new StoredObject("k", Path.of("k"), size, Instant.now(), "\"e\"", Optional.of(metadata), false, null);
    }

    private static void refused(S3Error expected, Executable action) {
        S3Exception e = assertThrows(S3Exception.class, action);
        assertEquals(expected, e.error(), e.getMessage());
    }
}
