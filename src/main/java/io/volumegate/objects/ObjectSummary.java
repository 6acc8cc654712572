package io.volumegate.objects;

import java.time.Instant;

/** One object of a listing page, as both APIs show it. */
public record ObjectSummary(String key, long size, Instant lastModified, String etag) {}
