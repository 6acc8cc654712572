package io.volumegate.storage;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ObjectKeysTest {
    private static String code(String key) {
        return assertThrows(S3Exception.class, () -> ObjectKeys.segments(key)).error().code();
    }

    @Test
    void keysBecomeSegments() {
        assertEquals(List.of("a", "b.txt"), ObjectKeys.segments("a/b.txt"));
        assertEquals(List.of("dir"), ObjectKeys.segments("dir/"));
        assertEquals(List.of("x;y", "100%", "a+b", "é", "#?", " "), ObjectKeys.segments("x;y/100%/a+b/é/#?/ "));
        assertEquals(List.of("..."), ObjectKeys.segments("..."), "three dots are a name, not traversal");
    }

    @Test
    void traversalAndEmptySegmentsAreRefused() {
        assertEquals("InvalidArgument", code("../etc/passwd"));
        assertEquals("InvalidArgument", code("a/../../b"));
        assertEquals("InvalidArgument", code("a/./b"));
        assertEquals("InvalidArgument", code("a//b"));
        assertEquals("InvalidArgument", code("/a"));
        assertEquals("InvalidArgument", code("/"));
        assertEquals("InvalidArgument", code("a\0b"));
    }

    @Test
    void lengthLimits() {
        assertEquals(List.of("x".repeat(255)), ObjectKeys.segments("x".repeat(255)));
        assertEquals("KeyTooLongError", code("x".repeat(256)));
        assertEquals("KeyTooLongError", code("é".repeat(128)), "255 is a byte limit: 128 × 2 bytes");
        String longKey = ("x".repeat(200) + "/").repeat(5) + "y".repeat(30);
        assertEquals("KeyTooLongError", code(longKey));
    }

    @Test
    void reservedFolderIsRefused() {
        assertEquals("AccessDenied", code(".volumegate/tmp/x"));
        assertEquals("AccessDenied", code(".volumegate/"));
        assertEquals(List.of("a", ".volumegate"), ObjectKeys.segments("a/.volumegate"), "only at the bucket root");
    }
}
