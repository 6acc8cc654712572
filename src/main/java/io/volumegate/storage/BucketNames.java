package io.volumegate.storage;


import java.util.Set;
import java.util.regex.Pattern;

/** Amazon S3's bucket naming rules (general purpose buckets), plus names this server keeps. */
public final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** "api" would shadow the management API at /api/v1. */
    private static final Set<String> RESERVED = Set.of("api");

    private BucketNames() {}

    public static boolean isValid(String name) {
        return name != null
                && SHAPE.matcher(name).matches()
                && !name.contains("..")
                && !name.contains(".-") && !name.contains("-.")
                && !IP_ADDRESS.matcher(name).matches()
                && !name.startsWith("xn--") && !name.startsWith("sthree-")
                && !name.endsWith("-s3alias") && !name.endsWith("--ol-s3")
                && !RESERVED.contains(name);
    }

    public static void requireValid(String name) {
        if (!isValid(name)) {
            throw new StorageException(StorageException.Reason.INVALID_BUCKET_NAME, "The specified bucket is not valid: bucket names are 3 to 63 "
                    + "characters of lower-case letters, digits, '.' and '-', starting and ending with a letter or digit.");
        }
    }
}
