package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectKeysTest {
    private static StorageException.Reason code(String key) {
        return assertThrows(StorageException.class, () -> ObjectKeys.segments(key)).reason();
    }

    @Test
    void keysBecomeSegments() {
        assertEquals(List.of("a", "b.txt"), ObjectKeys.segments("a/b.txt"));
        assertEquals(List.of("dir"), ObjectKeys.segments("dir/"));
        assertEquals(List.of("x;y", "100%", "a+b", "é", "#?", " "), ObjectKeys.segments("x;y/100%/a+b/é/#?/ "));
        assertEquals(List.of("..."), ObjectKeys.segments("..."), "three dots are a name, not traversal");
    }

    @Test
    void charactersXmlCannotCarryAreRefusedOnEveryOperationAlike() {
        assertEquals(StorageException.Reason.INVALID_KEY, code("a\u000Bb"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("dir/\u0001"));
        assertEquals(List.of("tab\there"), ObjectKeys.segments("tab\there"));
    }

    @Test
    void traversalAndEmptySegmentsAreRefused() {
        assertEquals(StorageException.Reason.INVALID_KEY, code("../etc/passwd"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("a/../../b"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("a/./b"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("a//b"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("/a"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("/"));
        assertEquals(StorageException.Reason.INVALID_KEY, code("a\0b"));
    }

    @Test
    void lengthLimits() {
        assertEquals(List.of("x".repeat(255)), ObjectKeys.segments("x".repeat(255)));
        assertEquals(StorageException.Reason.KEY_TOO_LONG, code("x".repeat(256)));
        assertEquals(StorageException.Reason.KEY_TOO_LONG, code("é".repeat(128)), "255 is a byte limit: 128 × 2 bytes");
        String longKey = ("x".repeat(200) + "/").repeat(5) + "y".repeat(30);
        assertEquals(StorageException.Reason.KEY_TOO_LONG, code(longKey));
    }

    @Test
    void reservedFolderIsRefused() {
        assertEquals(StorageException.Reason.RESERVED_KEY, code(".volumegate/tmp/x"));
        assertEquals(StorageException.Reason.RESERVED_KEY, code(".volumegate/"));
        assertEquals(List.of("a", ".volumegate"), ObjectKeys.segments("a/.volumegate"), "only at the bucket root");
    }
}
