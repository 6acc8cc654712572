package io.volumegate.s3.copy;

import io.volumegate.auth.Credential;
import io.volumegate.http.S3Error;
import io.volumegate.s3.S3Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * The first step of reading a copy source, shared by CopyObject and UploadPartCopy: parse
 * {@code x-amz-copy-source} and check that the credential may READ the source bucket
 * (routing only checked the destination, for write). No filesystem work: cheap enough to
 * refuse a request before anything else. The object service then opens the source.
 */
@ApplicationScoped
public class CopySources {
    /**
     * @throws io.volumegate.http.S3Exception InvalidArgument (malformed header, bad version),
     *         the key's own errors, AccessDenied when the credential may not read the bucket
     */
    public CopySource authorize(S3Request request, Function<String, String> header) {
        CopySource source = CopySource.parse(header.apply(CopySource.HEADER));
        Credential credential = request.credential();
        if (!credential.mayRead(source.bucket())) {
            throw S3Error.ACCESS_DENIED.exception("This access key may not read the copy source's bucket.");
        }
        return source;
    }
}
