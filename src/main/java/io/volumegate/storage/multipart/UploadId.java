package io.volumegate.storage.multipart;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A multipart upload's id: 12 hex digits of its creation time in milliseconds, then 120
 * random bits in URL-safe base64, e.g. {@code 0190a3f2c1d4Xq3v9Kp0bT_m2LwZc8aE}.
 *
 * <p>The time prefix makes the ids of one key sort in creation order, which is the order
 * ListMultipartUploads promises and the order its upload-id-marker resumes in; the random
 * part makes ids unguessable. The id names the staging folder, so anything a client sends is
 * matched against the exact format before it comes near a path.
 */
public record UploadId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{12}[A-Za-z0-9_-]{20}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public UploadId {
        if (!FORMAT.matcher(value).matches()) throw new IllegalArgumentException("not an upload id: " + value);
    }

    public static UploadId generate(Instant now) {
        byte[] random = new byte[15];
        RANDOM.nextBytes(random);
        String time = String.format(Locale.ROOT, "%012x", now.toEpochMilli());
        return new UploadId(time + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** The id in a client's request, or empty when it cannot be one of ours. */
    public static Optional<UploadId> parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) return Optional.empty();
        return Optional.of(new UploadId(text));
    }

    @Override
    public String toString() { return value; }
}
