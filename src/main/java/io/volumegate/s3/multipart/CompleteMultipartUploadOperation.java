package io.volumegate.s3.multipart;

import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.KeepAliveResponse;
import io.volumegate.http.KeepAliveTimer;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.objects.CompletionRequest;
import io.volumegate.objects.MultipartCompletion;
import io.volumegate.objects.MultipartService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.s3.StorageErrors;
import io.volumegate.s3.object.WriteConditions;
import io.volumegate.s3.xml.CompleteMultipartUploadResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.WriteCondition;
import io.volumegate.storage.multipart.CompletionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;

/**
 * CompleteMultipartUpload. Everything that can be refused quickly is checked first and gets
 * its own status: the XML, then what {@link MultipartService#complete} checks. Only then does
 * the slow part start (assembling gigabytes), under a {@link KeepAliveResponse}.
 */
@ApplicationScoped
public class CompleteMultipartUploadOperation {
    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(5);

    @Inject
    MultipartService multipart;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    KeepAliveTimer keepAliveTimer;

    public void completeMultipartUpload(Exchange exchange, S3Request request) throws Exception {
        HttpServletRequest http = exchange.request();
        String uploadId = request.query().get("uploadId");
        if (http.getContentLengthLong() > CompleteRequest.MAX_BODY_BYTES) {
            throw S3Error.ENTITY_TOO_LARGE.exception("A CompleteMultipartUpload body is at most " + CompleteRequest.MAX_BODY_BYTES
                    + " bytes.");
        }
        CompletionRequest claims = CompleteRequest.claims(http::getHeader);
        WriteCondition condition = WriteConditions.from(http);
        String contentMd5 = http.getHeader("Content-MD5");
        String location = http.getRequestURL().toString();

        exchange.then(SmallBody.read(exchange, CompleteRequest.MAX_BODY_BYTES), io, body -> {
            SmallBodyDigests.verify(body, request.auth(), contentMd5);
            MultipartCompletion completion = multipart.complete(request.bucket(), request.key(), uploadId,
                    CompleteRequest.withBody(claims, body), condition);
            // The version is chosen before assembling, so an early 200 can name it too.
            if (VersionHeaders.named(completion.versionId())) exchange.response().setHeader(VersionHeaders.VERSION_ID, completion.versionId());
            if (completion.finished()) {
                exchange.finishWith(result(completion.assemble(condition), request, location), S3Xml.CONTENT_TYPE);
                return;
            }
            KeepAliveResponse response = KeepAliveResponse.start(exchange, keepAliveTimer.scheduler(),
                    config.completeKeepAliveAfter(), KEEP_ALIVE_INTERVAL);
            try {
                response.succeed(result(completion.assemble(condition), request, location), S3Xml.CONTENT_TYPE);
            } catch (Throwable late) {
                response.fail(StorageErrors.translate(late));
            }
        });
    }

    private static byte[] result(CompletionRecord done, S3Request request, String location) {
        CompleteMultipartUploadResult result = new CompleteMultipartUploadResult();
        result.Location = location;
        result.Bucket = request.bucket();
        result.Key = request.key();
        result.ETag = '"' + done.etag() + '"';
        if (done.checksumAlgorithm() != null) result.checksum(done.checksumAlgorithm(), done.checksum());
        result.ChecksumType = done.checksumType();
        return S3Xml.write(result);
    }
}
