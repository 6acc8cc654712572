package io.volumegate.api;

import io.volumegate.storage.StorageException;

/**
 * The one table from the storage layer's reasons to management API errors: a status and a
 * stable code. The codes are S3's names for the same conditions, so a script that knows one
 * API reads the other's errors alike.
 */
final class StorageErrors {
    private StorageErrors() {}

    static ApiException toApi(StorageException failure) {
        return switch (failure.reason()) {
            case NO_SUCH_BUCKET -> error(404, "NoSuchBucket", failure);
            case BUCKET_EXISTS -> error(409, "BucketAlreadyOwnedByYou", failure);
            case BUCKET_NAME_TAKEN -> error(409, "BucketAlreadyExists", failure);
            case BUCKET_NOT_EMPTY -> error(409, "BucketNotEmpty", failure);
            case INVALID_BUCKET_NAME -> error(400, "InvalidBucketName", failure);
            case NO_SUCH_KEY -> error(404, "NoSuchKey", failure);
            case NO_SUCH_VERSION -> error(404, "NoSuchVersion", failure);
            case VERSION_IS_DELETE_MARKER -> error(405, "MethodNotAllowed", failure);
            case INVALID_BUCKET_STATE -> error(409, "InvalidBucketState", failure);
            case OBJECT_LOCKED -> error(403, "AccessDenied", failure);
            case NO_OBJECT_LOCK -> error(400, "InvalidRequest", failure);
            case INVALID_KEY, INVALID_TOKEN, INVALID_VERSION_ID, INVALID_PART_NUMBER, INVALID_PART_LIST -> error(400, "InvalidArgument", failure);
            case KEY_TOO_LONG -> error(400, "KeyTooLongError", failure);
            case RESERVED_KEY, OUTSIDE_BUCKET -> error(403, "AccessDenied", failure);
            case PARENT_IS_FILE -> error(409, "ObjectParentIsFile", failure);
            case KEY_IS_DIRECTORY -> error(409, "ExistingObjectIsDirectory", failure);
            case DIRECTORY_OBJECT_WITH_DATA, PART_CHECKSUM_MISSING, INVALID_CLAIM, COPY_ONTO_ITSELF -> error(400, "InvalidRequest", failure);
            case COPY_SOURCE_TOO_LARGE -> error(413, "EntityTooLarge", failure);
            case CHECKSUM_MISMATCH -> error(400, "BadDigest", failure);
            case PRECONDITION_FAILED -> error(412, "PreconditionFailed", failure);
            case CONFLICT -> error(409, "ConditionalRequestConflict", failure);
            case FILE_LOCKED -> error(409, "Conflict", failure);
            case CHANGED_WHILE_READ, SHUTTING_DOWN -> error(503, "ServiceUnavailable", failure);
            case NO_SUCH_UPLOAD -> error(404, "NoSuchUpload", failure);
            case INVALID_PART -> error(400, "InvalidPart", failure);
            case INVALID_PART_ORDER -> error(400, "InvalidPartOrder", failure);
            case PART_TOO_SMALL -> error(400, "EntityTooSmall", failure);
            case TOO_LARGE -> error(413, "EntityTooLarge", failure);
            case NO_SPACE -> error(507, "InsufficientStorage", failure);
            case QUOTA_EXCEEDED -> error(403, "QuotaExceeded", failure);
            case READ_ONLY -> error(403, "AccessDenied", failure); // as on the S3 side: not retried, see s3.StorageErrors
        };
    }

    private static ApiException error(int status, String code, StorageException failure) {
        return new ApiException(status, code, failure.getMessage());
    }
}
