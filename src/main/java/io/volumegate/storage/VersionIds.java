package io.volumegate.storage;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The ids of object versions. A new version gets 32 random letters and digits: unguessable,
 * safe in a file name, a URL and XML, and unique without asking any other node. The order of
 * versions is not in their ids but in their history entries ({@link HistoryEntry}).
 */
public final class VersionIds {
    /** The id of a version written while the bucket was not versioned, or suspended. */
    public static final String NULL = "null";

    private static final int LENGTH = 32;
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern WELL_FORMED = Pattern.compile("[0-9A-Za-z]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private VersionIds() {}

    public static String generate() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(id);
    }

    /** "null" or an id this server could have made. */
    public static boolean isWellFormed(String versionId) {
        return NULL.equals(versionId) || versionId != null && WELL_FORMED.matcher(versionId).matches();
    }

    /** @throws StorageException INVALID_VERSION_ID when {@code versionId} is not {@link #isWellFormed well formed} */
    public static String requireWellFormed(String versionId) {
        if (!isWellFormed(versionId)) {
            throw new StorageException(StorageException.Reason.INVALID_VERSION_ID, "Invalid version id specified")
                    .with(StorageException.VALUE, versionId);
        }
        return versionId;
    }
}
