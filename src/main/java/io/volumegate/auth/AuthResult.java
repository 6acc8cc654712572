package io.volumegate.auth;

/**
 * A request whose SigV4 signature checked out. A Signature Version 2 request fills it as
 * {@link SigV2Verifier} describes: {@code UNSIGNED-PAYLOAD}, an empty signing key and null
 * seed signature and scope.
 *
 * @param credential    who signed it
 * @param payloadHash   the signed x-amz-content-sha256 value exactly as sent (hex in the
 *                      client's case, or one of the {@link PayloadHash} keywords);
 *                      {@code UNSIGNED-PAYLOAD} for presigned URLs that did not sign one.
 *                      The body reader must still check a hex value against the body.
 * @param signingKey    derived key for this date/region; aws-chunked chunk and trailer
 *                      signatures are computed with it
 * @param seedSignature the request signature (lower-case hex) that the first chunk
 *                      signature chains from
 * @param amzDate       request time in ISO 8601 basic format (yyyyMMdd'T'HHmmss'Z')
 * @param scope         credential scope, {@code date/region/s3/aws4_request}
 */
public record AuthResult(Credential credential, String payloadHash, byte[] signingKey,
                         String seedSignature, String amzDate, String scope) {

    /**
     * A request without a signature: nobody ({@link Credential#ANONYMOUS}), let in only where
     * ACLs and bucket policies open a bucket to everyone. A browser form upload (POST Object)
     * is one too until the signature in its form ({@link PostPolicyVerifier}) is verified.
     */
    public static final AuthResult ANONYMOUS = new AuthResult(Credential.ANONYMOUS, PayloadHash.UNSIGNED_PAYLOAD, new byte[0],
            null, null, null);

    /** Whether the request carried no signature. */
    public boolean isAnonymous() {
        return this == ANONYMOUS;
    }

    public AuthResult {
        signingKey = signingKey.clone();
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    // The signing key is as good as the secret for a day: keep it out of logs.
    @Override
    public String toString() {
        return "AuthResult[accessKeyId=" + credential.accessKeyId() + ", payloadHash=" + payloadHash
                + ", amzDate=" + amzDate + ", scope=" + scope + "]";
    }
}
