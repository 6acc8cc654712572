package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.util.HashMap;
import java.util.Map;

/**
 * The parts of {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...}. Any fault is an AuthorizationHeaderMalformed naming what is wrong.
 */
record AuthorizationHeader(CredentialScope credential, SignedHeaderNames signedHeaders, String signature) {
    /** Far above any real header (a few hundred bytes), low enough to bound the work. */
    static final int MAX_LENGTH = 16 * 1024;
    static final String SIGV4A_ALGORITHM = "AWS4-ECDSA-P256-SHA256";

    static AuthorizationHeader parse(String value) {
        if (value.length() > MAX_LENGTH) throw malformed("the Authorization header is too long.");
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!SigV4Signer.ALGORITHM.equals(algorithm)) throw unsupported(algorithm);
        if (space < 0) throw malformed("the Credential, SignedHeaders and Signature components are missing.");

        Map<String, String> components = new HashMap<>();
        for (String component : value.substring(space + 1).split(",", -1)) {
            String trimmed = component.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) throw malformed("expected Name=value components, found '" + abbreviate(trimmed) + "'.");
            String name = trimmed.substring(0, eq);
            if (!name.equals("Credential") && !name.equals("SignedHeaders") && !name.equals("Signature")) {
                throw malformed("unexpected component '" + abbreviate(name) + "'.");
            }
            if (components.put(name, trimmed.substring(eq + 1)) != null) {
                throw malformed("the component '" + name + "' appears twice.");
            }
        }
        for (String required : new String[] {"Credential", "SignedHeaders", "Signature"}) {
            if (!components.containsKey(required)) throw malformed("the " + required + " component is missing.");
        }
        String signature = components.get("Signature");
        if (!PayloadHash.isSha256Hex(signature)) throw malformed("the Signature must be 64 hexadecimal characters.");
        return new AuthorizationHeader(
                CredentialScope.parse(components.get("Credential"), AuthorizationHeader::malformed),
                SignedHeaderNames.parse(components.get("SignedHeaders"), AuthorizationHeader::malformed),
                signature);
    }

    static S3Exception malformed(String message) {
        return S3Error.AUTHORIZATION_HEADER_MALFORMED.exception("The authorization header is malformed; " + message);
    }

    private static S3Exception unsupported(String algorithm) {
        if (SIGV4A_ALGORITHM.equals(algorithm)) {
            return S3Error.NOT_IMPLEMENTED.exception("Signature Version 4A (" + SIGV4A_ALGORITHM + ") is not supported; sign with "
                    + SigV4Signer.ALGORITHM + ".");
        }
        return S3Error.INVALID_ARGUMENT.exception("Unsupported Authorization Type");
    }

    // Echoing client input is useful for debugging, but only a little of it.
    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
