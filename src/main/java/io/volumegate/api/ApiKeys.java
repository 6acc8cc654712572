package io.volumegate.api;

import io.volumegate.objects.KeyCharacters;
import io.volumegate.storage.ObjectKeys;

/** An object key the management API is given, judged as the S3 side judges one. */
final class ApiKeys {
    private ApiKeys() {}

    /**
     * @throws ApiException 400 InvalidArgument for a character XML cannot carry (as over S3:
     *                      {@link KeyCharacters}); the S3 errors of {@link ObjectKeys#segments}
     *                      (traversal, empty segments, too long, the reserved folder)
     */
    static void validate(String key) {
        String problem = KeyCharacters.problem(key);
        if (problem != null) throw ApiException.badRequest(problem);
        ObjectKeys.segments(key);
    }
}
