package io.volumegate.storage.multipart;

import io.volumegate.storage.ObjectMetadata;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadListingTest {
    private static long clock = 1_700_000_000_000L;

    @Test
    void ordersByKeyInUtf8OrderThenByCreation() {
        UploadManifest b1 = upload("b");
        UploadManifest a = upload("a");
        UploadManifest b2 = upload("b");
        UploadManifest emoji = upload("\uD83D\uDE00"); // after U+FFFD in UTF-8, before it in UTF-16
        UploadManifest replacement = upload("\uFFFD");
        UploadListing page = UploadListing.page(List.of(emoji, b2, replacement, a, b1), "", "", "", "", 1000);
        assertEquals(List.of(a, b1, b2, replacement, emoji), page.uploads());
        assertFalse(page.truncated());
    }

    @Test
    void pagesResumeExactlyAfterTheMarkers() {
        List<UploadManifest> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) all.add(upload("same"));
        all.add(upload("zz"));
        UploadListing first = UploadListing.page(all, "", "", "", "", 2);
        assertEquals(all.subList(0, 2), first.uploads());
        assertTrue(first.truncated());
        assertEquals("same", first.nextKeyMarker());
        UploadListing second = UploadListing.page(all, "", "", first.nextKeyMarker(), first.nextUploadIdMarker(), 2);
        assertEquals(all.subList(2, 4), second.uploads());
        assertFalse(second.truncated());
        // A key marker alone skips every upload of that key.
        assertEquals(List.of(all.get(3)), UploadListing.page(all, "", "", "same", "", 10).uploads());
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixesCountedOnce() {
        UploadManifest top = upload("photos.txt");
        List<UploadManifest> all = List.of(upload("photos/2023/a.jpg"), upload("photos/2024/b.jpg"), upload("photos/2024/c.jpg"),
                top, upload("videos/x.mp4"));
        UploadListing page = UploadListing.page(all, "", "/", "", "", 2);
        assertEquals(List.of(top), page.uploads()); // "photos.txt" < "photos/" in UTF-8
        assertEquals(List.of("photos/"), page.commonPrefixes());
        assertTrue(page.truncated());
        assertEquals("photos/", page.nextKeyMarker());
        assertNull(page.nextUploadIdMarker());

        UploadListing next = UploadListing.page(all, "", "/", page.nextKeyMarker(), "", 2);
        assertEquals(List.of("videos/"), next.commonPrefixes());
        assertFalse(next.truncated());

        UploadListing inside = UploadListing.page(all, "photos/", "/", "", "", 10);
        assertEquals(List.of("photos/2023/", "photos/2024/"), inside.commonPrefixes());
    }

    @Test
    void zeroUploadsIsAnEmptyUntruncatedPage() {
        UploadListing page = UploadListing.page(List.of(upload("a")), "", "", "", "", 0);
        assertTrue(page.uploads().isEmpty());
        assertFalse(page.truncated());
    }

    private static UploadManifest upload(String key) {
        Instant when = Instant.ofEpochMilli(clock++);
        return new UploadManifest(UploadId.generate(when), key, when, "CRC64NVME", "FULL_OBJECT", false,
                ObjectMetadata.builder().build());
    }
}
