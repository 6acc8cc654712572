package io.volumegate.storage;

import java.time.Instant;

/** A bucket as a listing of buckets shows it: its name and when it was made. */
public record BucketEntry(String name, Instant created) {}
