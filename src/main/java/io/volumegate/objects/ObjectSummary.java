package io.volumegate.objects;

import java.time.Instant;

/** One object of a listing page, as both APIs show it. */
/** @param owner the canonical id of the object's owner: its writer, or the bucket's owner */
public record ObjectSummary(String key, long size, Instant lastModified, String etag, String owner) {}
