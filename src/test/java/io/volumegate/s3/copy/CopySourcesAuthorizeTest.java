package io.volumegate.s3.copy;

import io.volumegate.auth.AuthResult;
import io.volumegate.auth.Credential;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Exception;
import io.volumegate.s3.Endpoint;
import io.volumegate.s3.S3Request;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Routing checks the destination bucket for write; the copy source's bucket is checked for read here. */
class CopySourcesAuthorizeTest {
    private static S3Request copyInto(String bucket, Credential credential) {
        AuthResult auth = new AuthResult(credential, "UNSIGNED-PAYLOAD", new byte[0], null, null, null);
        return new S3Request(Endpoint.COPY_OBJECT, bucket, "copy.txt", QueryParameters.parse(null), auth);
    }

    private static Credential scopedTo(Set<String> buckets, boolean readOnly) {
        return new Credential("AKIDSCOPED", new byte[] {1}, buckets, readOnly, false);
    }

    private static CopySource authorize(S3Request request, String copySource) {
        return new CopySources().authorize(request, Map.of("x-amz-copy-source", copySource)::get);
    }

    @Test
    void aCredentialThatMayNotReadTheSourceBucketIsDenied() {
        S3Request request = copyInto("public", scopedTo(Set.of("public"), false));
        S3Exception e = assertThrows(S3Exception.class, () -> authorize(request, "private/secret.txt"));
        assertEquals("AccessDenied", e.error().code());
        assertEquals(403, e.error().status());
    }

    @Test
    void readingIsEnoughForTheSource() {
        // Write on the destination is routing's business; the source only needs read.
        S3Request request = copyInto("scratch", scopedTo(Set.of("scratch", "archive"), true));
        assertEquals(CopySource.of("archive", "a.txt"), authorize(request, "archive/a.txt"));
    }

    @Test
    void anUnrestrictedCredentialReadsEveryBucket() {
        S3Request request = copyInto("b", scopedTo(Set.of(), false));
        assertEquals(CopySource.of("a", "k"), authorize(request, "/a/k"));
    }

    @Test
    void theHeaderIsParsedBeforeTheScopeIsChecked() {
        S3Request request = copyInto("public", scopedTo(Set.of("public"), false));
        assertEquals("InvalidArgument", assertThrows(S3Exception.class, () -> authorize(request, "nokey")).error().code());
    }
}
