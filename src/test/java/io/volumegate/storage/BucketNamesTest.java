package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketNamesTest {
    @Test
    void s3NamingRules() {
        assertTrue(BucketNames.isValid("data"));
        assertTrue(BucketNames.isValid("my.bucket-01"));
        assertTrue(BucketNames.isValid("a".repeat(63)));
        assertFalse(BucketNames.isValid("ab"));
        assertFalse(BucketNames.isValid("a".repeat(64)));
        assertFalse(BucketNames.isValid("Data"));
        assertFalse(BucketNames.isValid("my_bucket"));
        assertFalse(BucketNames.isValid("-data"));
        assertFalse(BucketNames.isValid("data-"));
        assertFalse(BucketNames.isValid("a..b"));
        assertFalse(BucketNames.isValid("192.168.1.1"));
        assertFalse(BucketNames.isValid("xn--data"));
        assertFalse(BucketNames.isValid(".volumegate"));
        assertFalse(BucketNames.isValid("api"), "reserved for the management API");
    }
}
