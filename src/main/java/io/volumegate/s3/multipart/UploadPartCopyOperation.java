package io.volumegate.s3.multipart;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.objects.ByteSpan;
import io.volumegate.objects.MultipartService;
import io.volumegate.s3.PartNumbers;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.s3.copy.CopySource;
import io.volumegate.s3.copy.CopySourceConditions;
import io.volumegate.s3.copy.CopySourceRange;
import io.volumegate.s3.copy.CopySources;
import io.volumegate.s3.xml.CopyPartResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;

/**
 * UploadPartCopy: an UploadPart whose bytes are (a range of) another object. The request
 * names the source ({@link CopySources}: read scope) and its conditions and range; the object
 * service stages the part from it (MD5 and the upload's checksum computed through one fixed
 * buffer, so memory stays constant whatever the part size), and a part made by copy is
 * indistinguishable from an uploaded one. A source rewritten in place while it was read is
 * refused as retryable (503), leaving the previous part of that number in place.
 */
@ApplicationScoped
public class UploadPartCopyOperation {
    @Inject
    MultipartService multipart;
    @Inject
    IoExecutor io;
    @Inject
    CopySources sources;

    private final Clock clock = Clock.systemUTC();

    public void uploadPartCopy(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        // Everything the request alone can refuse is refused before any filesystem work.
        int partNumber = PartNumbers.parse(request.query().get("partNumber"));
        String uploadId = request.query().get("uploadId");
        CopySource source = sources.authorize(request, http);
        CopySourceRange range = CopySourceRange.parse(http.getHeader(CopySourceRange.HEADER));
        if (range != null && range.length() > PartRules.MAX_PART_SIZE) {
            throw S3Error.ENTITY_TOO_LARGE.exception("A part is at most 5 GiB: copy the source in smaller ranges.");
        }

        exchange.runOn(io, () -> {
            PartRecord part = multipart.copyPart(request.bucket(), request.key(), uploadId, partNumber, source.ref(), object -> {
                CopySourceConditions.check(http::getHeader, object.etag(), object.lastModified(), clock.instant());
                VersionHeaders.describeCopySource(exchange.response(), object, source.ref().versionId());
                if (range == null) return ByteSpan.whole(object.size());
                CopySourceRange bytes = range.within(object.size());
                return new ByteSpan(bytes.first(), bytes.length());
            });
            exchange.finishWith(S3Xml.write(result(part)), S3Xml.CONTENT_TYPE);
        });
    }

    private static CopyPartResult result(PartRecord part) {
        CopyPartResult result = new CopyPartResult();
        result.ETag = part.etag();
        result.LastModified = HttpDates.iso8601(part.lastModified());
        part.checksums().forEach((algorithm, checksum) -> {
            switch (ChecksumAlgorithm.valueOf(algorithm)) {
                case CRC32 -> result.ChecksumCRC32 = checksum;
                case CRC32C -> result.ChecksumCRC32C = checksum;
                case CRC64NVME -> result.ChecksumCRC64NVME = checksum;
                case SHA1 -> result.ChecksumSHA1 = checksum;
                case SHA256 -> result.ChecksumSHA256 = checksum;
            }
        });
        return result;
    }
}
