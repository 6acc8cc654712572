package io.volumegate.s3;

import io.volumegate.http.ErrorResponses;
import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.storage.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Instant;

/**
 * The one table from the storage layer's reasons to S3 errors. Every S3 answer to a storage
 * failure goes through {@link #translate}: the S3 exchange's error writer, the keep-alive
 * Complete's late errors, and DeleteObjects' per-key results.
 */
public final class StorageErrors {
    private StorageErrors() {}

    /** The S3 error for a storage failure; any other failure unchanged. */
    public static Throwable translate(Throwable failure) {
        return StorageException.classify(failure).<Throwable>map(StorageErrors::toS3).orElse(failure);
    }

    /** An {@link io.volumegate.http.Exchange.ErrorWriter} for the S3 API. */
    public static void send(HttpServletRequest request, HttpServletResponse response, Throwable failure, boolean closeConnection)
            throws IOException {
        ErrorResponses.send(request, response, translate(failure), closeConnection);
    }

    static S3Exception toS3(StorageException failure) {
        S3Exception error = errorFor(failure.reason()).exception(failure.getMessage());
        switch (failure.reason()) {
            case INVALID_PART_NUMBER -> error.with("ArgumentName", "PartNumber")
                    .with("ArgumentValue", failure.facts().getOrDefault(StorageException.PART_NUMBER, ""));
            case PART_TOO_SMALL -> error.with("PartNumber", failure.facts().get(StorageException.PART_NUMBER))
                    .with("ProposedSize", failure.facts().get(StorageException.PROPOSED_SIZE))
                    .with("MinSizeAllowed", failure.facts().get(StorageException.MIN_SIZE));
            case INVALID_VERSION_ID -> error.with("ArgumentName", "versionId")
                    .with("ArgumentValue", failure.facts().getOrDefault(StorageException.VALUE, ""));
            case NO_SUCH_VERSION -> error.with("VersionId", failure.facts().get(StorageException.VALUE));
            case NO_SUCH_KEY, VERSION_IS_DELETE_MARKER -> describeDeleteMarker(error, failure);
            default -> { }
        }
        return error;
    }

    /**
     * S3 tells on a GET or HEAD whether the latest version, or the version asked for, is a
     * delete marker: {@code x-amz-delete-marker} (also "false" for a plain missing key) with
     * the marker's id and time, and for a marker's version the method that does apply to it.
     */
    private static void describeDeleteMarker(S3Exception error, StorageException failure) {
        String markerId = failure.facts().get(StorageException.DELETE_MARKER_VERSION_ID);
        error.withHeader("x-amz-delete-marker", Boolean.toString(markerId != null));
        if (markerId == null) return;
        error.withHeader("x-amz-version-id", markerId);
        String lastModified = failure.facts().get(StorageException.LAST_MODIFIED);
        if (lastModified != null) error.withHeader("Last-Modified", HttpDates.http(Instant.parse(lastModified)));
        if (failure.reason() == StorageException.Reason.VERSION_IS_DELETE_MARKER) error.withHeader("Allow", "DELETE");
    }

    private static S3Error errorFor(StorageException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_BUCKET -> S3Error.NO_SUCH_BUCKET;
            case BUCKET_EXISTS -> S3Error.BUCKET_ALREADY_OWNED_BY_YOU;
            case BUCKET_NAME_TAKEN -> S3Error.BUCKET_ALREADY_EXISTS;
            case BUCKET_NOT_EMPTY -> S3Error.BUCKET_NOT_EMPTY;
            case INVALID_BUCKET_NAME -> S3Error.INVALID_BUCKET_NAME;
            case NO_SUCH_KEY -> S3Error.NO_SUCH_KEY;
            case NO_SUCH_VERSION -> S3Error.NO_SUCH_VERSION;
            case VERSION_IS_DELETE_MARKER -> S3Error.METHOD_NOT_ALLOWED;
            case INVALID_BUCKET_STATE -> S3Error.INVALID_BUCKET_STATE;
            case OBJECT_LOCKED -> S3Error.ACCESS_DENIED;
            case NO_OBJECT_LOCK -> S3Error.INVALID_REQUEST;
            case INVALID_KEY, INVALID_TOKEN, INVALID_VERSION_ID, INVALID_PART_NUMBER -> S3Error.INVALID_ARGUMENT;
            case KEY_TOO_LONG -> S3Error.KEY_TOO_LONG;
            case RESERVED_KEY, OUTSIDE_BUCKET -> S3Error.ACCESS_DENIED;
            case PARENT_IS_FILE -> S3Error.OBJECT_PARENT_IS_FILE;
            case KEY_IS_DIRECTORY -> S3Error.EXISTING_OBJECT_IS_DIRECTORY;
            case DIRECTORY_OBJECT_WITH_DATA, PART_CHECKSUM_MISSING, INVALID_CLAIM, COPY_ONTO_ITSELF,
                 COPY_SOURCE_TOO_LARGE -> S3Error.INVALID_REQUEST;
            case CHECKSUM_MISMATCH -> S3Error.BAD_DIGEST;
            case PRECONDITION_FAILED -> S3Error.PRECONDITION_FAILED;
            case CONFLICT -> S3Error.CONDITIONAL_REQUEST_CONFLICT;
            case FILE_LOCKED -> S3Error.FILE_LOCKED;
            case CHANGED_WHILE_READ, SHUTTING_DOWN -> S3Error.SERVICE_UNAVAILABLE;
            case NO_SUCH_UPLOAD -> S3Error.NO_SUCH_UPLOAD;
            case INVALID_PART -> S3Error.INVALID_PART;
            case INVALID_PART_ORDER -> S3Error.INVALID_PART_ORDER;
            case INVALID_PART_LIST -> S3Error.MALFORMED_XML;
            case PART_TOO_SMALL -> S3Error.ENTITY_TOO_SMALL;
            case TOO_LARGE -> S3Error.ENTITY_TOO_LARGE;
            case NO_SPACE -> S3Error.INSUFFICIENT_STORAGE;
            case QUOTA_EXCEEDED -> S3Error.QUOTA_EXCEEDED;
            // S3 has no read-only code. Not 503: SDKs retry 5xx (the v2 Java SDK, boto3 and the
            // CLI three times or more, with back-off) and a read-only mount does not heal within a
            // retry; not 507, which says "delete something". 403 AccessDenied is what S3 answers a
            // write this node will not take, SDKs fail it at once, and the message says why; reads
            // go on, and /-/ready turns 503 so a load balancer moves traffic away.
            case READ_ONLY -> S3Error.ACCESS_DENIED;
        };
    }
}
