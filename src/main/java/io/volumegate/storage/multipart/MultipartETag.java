package io.volumegate.storage.multipart;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The ETag S3 gives an object made by a multipart upload: the MD5 of the concatenated binary
 * MD5s of its parts, then {@code -<number of parts>}. Clients recognise the dash and do not
 * compare it with an MD5 of the whole object (which it is not).
 */
public final class MultipartETag {
    private MultipartETag() {}

    /** @param partMd5Hex each part's MD5 as hex, in object order; returns the ETag body, unquoted */
    public static String of(List<String> partMd5Hex) {
        if (partMd5Hex.isEmpty()) throw new IllegalArgumentException("an object has at least one part");
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String hex : partMd5Hex) md5.update(HexFormat.of().parseHex(hex));
            return HexFormat.of().formatHex(md5.digest()) + "-" + partMd5Hex.size();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
    }
}
