package io.volumegate.api;

import io.volumegate.auth.Hmac;
import io.volumegate.http.UriEncoding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signatures of share links: HMAC-SHA256, with the keystore's share-link key, over the exact
 * bucket, key and expiry time. Nothing else is trusted from the link, so a link opens the one
 * object it was made for until it expires, on every node sharing the keystore, across
 * restarts. The fields cannot run into each other: bucket and key are signed percent-encoded
 * (no line feed left in them) and the expiry is digits.
 */
public final class ShareLinks {
    /** The path under the context root that serves share links. */
    public static final String PATH = "/-/share/";
    private static final String VERSION = "volumegate-share-v1";

    private ShareLinks() {}

    /** base64url (no padding) HMAC-SHA256 of the link's fields. */
    public static String sign(byte[] shareLinkKey, String bucket, String key, long expiresEpochSecond) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Hmac.sha256(shareLinkKey, stringToSign(bucket, key, expiresEpochSecond)));
    }

    /**
     * Constant-time check of a link's signature. The text is compared, not its decoded bytes:
     * the last base64 character of a 32-byte value carries two unused bits, so decoding would
     * let several spellings of one signature pass, and a link must have exactly one.
     */
    public static boolean verify(byte[] shareLinkKey, String bucket, String key, long expiresEpochSecond, String signature) {
        if (signature == null) return false;
        byte[] expected = sign(shareLinkKey, bucket, key, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code /-/share/<bucket>/<key>?expires=<epoch seconds>&sig=<signature>}, encoded. */
    public static String pathAndQuery(byte[] shareLinkKey, String bucket, String key, long expiresEpochSecond) {
        return PATH + UriEncoding.segment(bucket) + "/" + UriEncoding.path(key) + "?expires=" + expiresEpochSecond
                + "&sig=" + sign(shareLinkKey, bucket, key, expiresEpochSecond);
    }

    private static String stringToSign(String bucket, String key, long expires) {
        return VERSION + '\n' + UriEncoding.segment(bucket) + '\n' + UriEncoding.segment(key) + '\n' + expires;
    }

}
