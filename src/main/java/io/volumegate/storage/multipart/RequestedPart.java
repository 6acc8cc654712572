package io.volumegate.storage.multipart;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code <Part>} of a CompleteMultipartUpload request: the part number, the ETag the
 * client got from UploadPart, and any checksums it lists for the part.
 *
 * @param checksums algorithm name (upper-case) to base64 value
 */
public record RequestedPart(int number, String etag, Map<String, String> checksums) {
    public RequestedPart {
        checksums = Collections.unmodifiableMap(new TreeMap<>(checksums));
    }

    /** The ETag without quotes, lower-case: clients quote it or not, and S3 accepts both. */
    public String normalizedEtag() {
        String value = etag == null ? "" : etag.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * A digest of the part list (numbers and ETags): a retried Complete gets the recorded
     * answer only when it lists the same parts as the Complete that finished.
     */
    public static String digestOf(List<RequestedPart> parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (RequestedPart part : parts) {
                sha256.update((part.number() + ":" + part.normalizedEtag() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
