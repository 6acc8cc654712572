package io.volumegate.auth;

import io.volumegate.http.S3Exception;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code Credential=} value of a SigV4 signature:
 * {@code <access key>/<yyyyMMdd>/<region>/s3/aws4_request}.
 */
record CredentialScope(String accessKeyId, String date, String region) {
    static final int MAX_ACCESS_KEY_LENGTH = 128;
    static final int MAX_REGION_LENGTH = 64;
    private static final Pattern DATE = Pattern.compile("\\d{8}");

    /** The part after the access key, which goes into the string to sign. */
    String scope() {
        return SigV4Signer.scope(date, region);
    }

    /**
     * @param malformed turns a description of the fault into the error of the auth form
     *                  (header or query) being parsed
     */
    static CredentialScope parse(String credential, Function<String, S3Exception> malformed) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw malformed.apply("the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        String accessKeyId = parts[0];
        String date = parts[1];
        String region = parts[2];
        String service = parts[3];
        String terminator = parts[4];
        if (accessKeyId.isEmpty() || accessKeyId.length() > MAX_ACCESS_KEY_LENGTH) {
            throw malformed.apply("the access key id in the Credential is empty or too long.");
        }
        if (!DATE.matcher(date).matches()) {
            throw malformed.apply("incorrect date format \"" + date + "\". This date in the credential must be in the format \"yyyyMMdd\".");
        }
        if (region.isEmpty() || region.length() > MAX_REGION_LENGTH) {
            throw malformed.apply("the region in the Credential is empty or too long.");
        }
        if (!SigV4Signer.SERVICE.equals(service)) {
            throw malformed.apply("incorrect service \"" + service + "\". This endpoint belongs to \"" + SigV4Signer.SERVICE + "\".");
        }
        if (!SigV4Signer.TERMINATOR.equals(terminator)) {
            throw malformed.apply("incorrect terminal \"" + terminator + "\". This endpoint uses \"" + SigV4Signer.TERMINATOR + "\".");
        }
        return new CredentialScope(accessKeyId, date, region);
    }
}
