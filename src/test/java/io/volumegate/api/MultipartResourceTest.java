package io.volumegate.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartResourceTest {
    private static final long MIB = 1L << 20;

    @Test
    void aFileIsCutIntoPartsOfThePartSizeWithAShorterLastOne() {
        assertEquals(new UploadPlan(25 * MIB, 4), UploadPlan.of(100 * MIB - 1, 25 * MIB));
        assertEquals(new UploadPlan(25 * MIB, 4), UploadPlan.of(100 * MIB, 25 * MIB));
        assertEquals(new UploadPlan(25 * MIB, 5), UploadPlan.of(100 * MIB + 1, 25 * MIB));
        assertEquals(new UploadPlan(5 * MIB, 1), UploadPlan.of(1L, 5 * MIB));
        assertEquals(10_000, UploadPlan.of(10_000 * 5 * MIB, 5 * MIB).totalParts());
        assertEquals(1024, UploadPlan.of(5L << 40, 5L << 30).totalParts(), "5 TiB in 5 GiB parts");
    }

    @Test
    void sizesS3CannotTakeAre422AndTooManyPartsIs400() {
        assertRefused(422, "InvalidSize", -1L, 5 * MIB);
        assertRefused(422, "InvalidSize", 0L, 5 * MIB); // the reference: file_size must be > 0
        assertRefused(422, "InvalidSize", (5L << 40) + 1, 5L << 30);
        assertRefused(422, "InvalidSize", 100L, 5 * MIB - 1);
        assertRefused(422, "InvalidSize", 100L, (5L << 30) + 1);
        ApiException tooMany = assertRefused(400, "TooManyParts", 10_000 * 5 * MIB + 1, 5 * MIB);
        assertTrue(tooMany.getMessage().contains("at least 5242881 bytes"), tooMany.getMessage()); // the size rounded up
        assertRefused(422, "InvalidSize", null, 5 * MIB);
    }

    @Test
    void presignedPartsExpireAfterAMinuteToTwelveHours() {
        assertEquals(3600, MultipartResource.expires(null).getSeconds());
        assertEquals(60, MultipartResource.expires(60L).getSeconds());
        assertEquals(43_200, MultipartResource.expires(43_200L).getSeconds());
        assertEquals(400, assertThrows(ApiException.class, () -> MultipartResource.expires(59L)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> MultipartResource.expires(43_201L)).status());
    }

    private static ApiException assertRefused(int status, String code, Long fileSize, long partSize) {
        ApiException e = assertThrows(ApiException.class, () -> UploadPlan.of(fileSize, partSize));
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }
}
