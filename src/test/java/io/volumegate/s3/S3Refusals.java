package io.volumegate.s3;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The S3 error a client would see for a refusal, whichever layer refused: S3 parsing throws
 * S3 errors itself, storage throws its own reasons that {@link StorageErrors} translates.
 */
public final class S3Refusals {
    private S3Refusals() {}

    public static S3Exception refusal(Executable action) {
        RuntimeException thrown = assertThrows(RuntimeException.class, action);
        return assertInstanceOf(S3Exception.class, StorageErrors.translate(thrown), "not an S3 refusal: " + thrown);
    }
}
