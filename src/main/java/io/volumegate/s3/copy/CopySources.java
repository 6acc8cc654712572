package io.volumegate.s3.copy;

import io.volumegate.s3.S3Authorizer;
import io.volumegate.s3.S3Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The first step of reading a copy source, shared by CopyObject and UploadPartCopy: parse
 * {@code x-amz-copy-source} and check that the requester may read the source (routing only
 * checked the destination, for write), as a GetObject of its own. Within the credential's
 * scope that is in memory and a stat; otherwise the source's ACL is read too. The object
 * service then opens the source.
 */
@ApplicationScoped
public class CopySources {
    @Inject
    S3Authorizer authorizer;

    /**
     * @throws io.volumegate.http.S3Exception InvalidArgument (malformed header, bad version),
     *         the key's own errors, AccessDenied when the requester may not read the source
     */
    public CopySource authorize(S3Request request, HttpServletRequest http) {
        CopySource source = CopySource.parse(http.getHeader(CopySource.HEADER));
        authorizer.requireRead(http, request.credential(), source.bucket(), source.key(), source.versionId());
        return source;
    }
}
