package io.volumegate.storage.multipart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultipartETagTest {
    @Test
    void md5OfTheBinaryPartMd5sThenThePartCount() {
        // md5("hello"), md5("world"); expected value computed independently with Python's hashlib.
        assertEquals("065947336a2f2a95ba8899f3675c3be6-2",
                MultipartETag.of(List.of("5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7")));
    }

    @Test
    void aSinglePartStillGetsTheSuffix() {
        // Not the part's own MD5: S3 hashes the MD5 again, and clients rely on the "-1".
        String etag = MultipartETag.of(List.of("5d41402abc4b2a76b9719d911017c592"));
        assertEquals(true, etag.endsWith("-1"));
        assertEquals(false, etag.startsWith("5d41402abc4b2a76b9719d911017c592"));
    }

    @Test
    void noPartsNoETag() {
        assertThrows(IllegalArgumentException.class, () -> MultipartETag.of(List.of()));
    }
}
