package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Buckets on a test directory, for tests outside this package (the constructor is not public). */
public final class TestBuckets {
    private TestBuckets() {}

    /** A bucket named "test" on {@code root}, with the metadata store the filesystem supports. */
    public static Bucket open(Path root) throws IOException {
        return new Bucket("test", root, new MetadataStores().forBucket(root), new DirectorySnapshots());
    }
}
