package io.volumegate.s3;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.KeyCharacters;

/** S3's answer to a key holding a character its XML cannot carry (see {@link KeyCharacters}). */
public final class S3KeyCharacters {
    private S3KeyCharacters() {}

    /** @throws S3Exception InvalidArgument when the key holds such a character */
    public static void check(String key) {
        S3Exception refusal = refusal(key);
        if (refusal != null) throw refusal;
    }

    /** InvalidArgument for such a key; null for a key whose characters are fine. */
    public static S3Exception refusal(String key) {
        String problem = KeyCharacters.problem(key);
        return problem == null ? null : S3Error.INVALID_ARGUMENT.exception(problem);
    }
}
