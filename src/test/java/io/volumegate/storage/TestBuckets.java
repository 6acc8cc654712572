package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Real {@link Bucket}s over a test directory, for tests outside this package (Bucket's constructor is not public). */
public final class TestBuckets {
    private TestBuckets() {}

    public static Bucket at(String name, Path root) throws IOException {
        return new Bucket(name, root, new MetadataStores().forBucket(root), new DirectorySnapshots());
    }

    /** A bucket named "test" on {@code root}. */
    public static Bucket open(Path root) throws IOException {
        return at("test", root);
    }
}
