package io.volumegate.storage.multipart;

import io.volumegate.storage.StorageException;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.ObjectMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartRulesTest {
    private static final long MIB = 1L << 20;
    private static final String MD5_A = "5d41402abc4b2a76b9719d911017c592";
    private static final String MD5_B = "7d793037a0760186574b0282f2f435e7";

    @Test
    void partNumbersRunFromOneToTenThousand() {
        assertTrue(PartRules.isPartNumber(1));
        assertTrue(PartRules.isPartNumber(10_000));
        for (long bad : new long[] {0, 10_001, -1, 99_999_999_999L}) assertFalse(PartRules.isPartNumber(bad));
    }

    @Test
    void completeListsAtLeastOneAndAtMostTenThousandPartsInStrictlyAscendingOrder() {
        refused(Reason.INVALID_PART_LIST, () -> PartRules.checkRequested(List.of()));
        refused(Reason.INVALID_PART_ORDER, () -> PartRules.checkRequested(List.of(part(2, MD5_A), part(1, MD5_B))));
        refused(Reason.INVALID_PART_ORDER, () -> PartRules.checkRequested(List.of(part(1, MD5_A), part(1, MD5_A))));
        refused(Reason.INVALID_PART_NUMBER, () -> PartRules.checkRequested(List.of(part(0, MD5_A))));
        List<RequestedPart> tooMany = new ArrayList<>();
        for (int n = 1; n <= 10_001; n++) tooMany.add(part(n, MD5_A));
        refused(Reason.INVALID_PART_LIST, () -> PartRules.checkRequested(tooMany));
        assertDoesNotThrow(() -> PartRules.checkRequested(List.of(part(1, MD5_A), part(3, MD5_B), part(10_000, MD5_B))));
    }

    @Test
    void listedPartsMustExistWithTheirETagsQuotedOrNot() {
        UploadManifest upload = upload(false, "COMPOSITE");
        Map<Integer, PartRecord> staged = Map.of(1, staged(1, 5 * MIB, MD5_A), 2, staged(2, 1, MD5_B));
        assertEquals(2, PartRules.match(upload, List.of(part(1, "\"" + MD5_A + "\""), part(2, MD5_B.toUpperCase())), staged).size());
        refused(Reason.INVALID_PART, () -> PartRules.match(upload, List.of(part(3, MD5_A)), staged));
        refused(Reason.INVALID_PART, () -> PartRules.match(upload, List.of(part(1, MD5_B)), staged));
    }

    @Test
    void aListedChecksumMustMatchTheStagedOne() {
        UploadManifest upload = upload(false, "FULL_OBJECT");
        Map<Integer, PartRecord> staged = Map.of(1, staged(1, 5 * MIB, MD5_A));
        refused(Reason.INVALID_PART, () -> PartRules.match(upload,
                List.of(new RequestedPart(1, MD5_A, Map.of("CRC64NVME", "AAAAAAAAAAE="))), staged));
        assertDoesNotThrow(() -> PartRules.match(upload,
                List.of(new RequestedPart(1, MD5_A, Map.of("CRC64NVME", "AAAAAAAAAAA=", "SHA1", "unknown-to-us"))), staged));
    }

    @Test
    void aRequestedCompositeChecksumNeedsEveryPartsChecksumListed() {
        Map<Integer, PartRecord> staged = Map.of(1, staged(1, 5 * MIB, MD5_A));
        refused(Reason.PART_CHECKSUM_MISSING, () -> PartRules.match(upload(true, "COMPOSITE"), List.of(part(1, MD5_A)), staged));
        assertDoesNotThrow(() -> PartRules.match(upload(true, "FULL_OBJECT"), List.of(part(1, MD5_A)), staged));
    }

    @Test
    void everyPartButTheLastNeedsFiveMebibytes() {
        assertDoesNotThrow(() -> PartRules.checkSizes(List.of(staged(1, 5 * MIB, MD5_A), staged(2, 1, MD5_B))));
        assertDoesNotThrow(() -> PartRules.checkSizes(List.of(staged(1, 0, MD5_A))));
        StorageException tooSmall = refused(Reason.PART_TOO_SMALL,
                () -> PartRules.checkSizes(List.of(staged(1, 5 * MIB - 1, MD5_A), staged(2, 5 * MIB, MD5_B))));
        assertEquals("1", tooSmall.facts().get(StorageException.PART_NUMBER));
    }

    private static StorageException refused(Reason expected, Executable action) {
        StorageException e = assertThrows(StorageException.class, action);
        assertEquals(expected, e.reason(), e.getMessage());
        return e;
    }

    private static RequestedPart part(int number, String etag) {
        return new RequestedPart(number, etag, Map.of());
    }

    private static PartRecord staged(int number, long size, String md5) {
        return new PartRecord(number, size, md5, Map.of("CRC64NVME", "AAAAAAAAAAA="), Instant.now(), "f");
    }

    private static UploadManifest upload(boolean requested, String type) {
        String algorithm = "COMPOSITE".equals(type) ? "CRC32" : "CRC64NVME";
        return new UploadManifest(UploadId.generate(Instant.now()), "k", Instant.now(), algorithm, type, requested,
                ObjectMetadata.builder().build());
    }
}
