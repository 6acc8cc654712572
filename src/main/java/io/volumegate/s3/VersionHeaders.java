package io.volumegate.s3;

import io.volumegate.storage.Deletion;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.VersionIds;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers that tell a client which version an answer is about. S3 names a version only
 * when it has an id of its own: an object written while its bucket was unversioned or
 * suspended (the "null" version) goes unnamed unless the request named it.
 */
public final class VersionHeaders {
    public static final String VERSION_ID = "x-amz-version-id";
    public static final String DELETE_MARKER = "x-amz-delete-marker";
    public static final String COPY_SOURCE_VERSION_ID = "x-amz-copy-source-version-id";

    private VersionHeaders() {}

    /** On a read or write of {@code object}; {@code requested} is the version id the request named, if any. */
    public static void describe(HttpServletResponse response, StoredObject object, String requested) {
        if (requested != null || named(object.versionId())) response.setHeader(VERSION_ID, object.versionIdOrNull());
    }

    /** Whether an answer names this version without being asked: it has an id of its own. */
    public static boolean named(String versionId) {
        return versionId != null && !versionId.equals(VersionIds.NULL);
    }

    /** On a delete: the version removed or the marker made, and whether that is a delete marker. */
    public static void describe(HttpServletResponse response, Deletion deletion) {
        if (deletion.versionId() != null) response.setHeader(VERSION_ID, deletion.versionId());
        if (deletion.deleteMarker()) response.setHeader(DELETE_MARKER, "true");
    }

    /** On a copy: which version of the source was copied, when its bucket names versions. */
    public static void describeCopySource(HttpServletResponse response, StoredObject source, String requested) {
        if (requested != null || named(source.versionId())) response.setHeader(COPY_SOURCE_VERSION_ID, source.versionIdOrNull());
    }
}
