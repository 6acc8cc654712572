package io.volumegate.s3.multipart;

import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.S3Dates;
import io.volumegate.s3.PartNumbers;
import io.volumegate.s3.S3Request;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.s3.copy.CopySourceRange;
import io.volumegate.s3.copy.CopySources;
import io.volumegate.s3.copy.OpenedCopySource;
import io.volumegate.s3.xml.CopyPartResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Volume;
import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * UploadPartCopy: an UploadPart whose bytes are (a range of) another object. It joins the two
 * seams that already exist: {@link CopySources} reads the source (read scope, NoSuchKey, the
 * copy-source-if-* conditions, the range) and {@link MultipartStaging#copyPart} stages the part
 * (temp file in the upload's folder, fsync, rename, record), so a part made by copy is
 * indistinguishable from an uploaded one.
 *
 * <p>The bytes go through one fixed buffer while MD5 and the upload's checksum are computed:
 * memory stays constant whatever the part size. The stored digests of the source cannot stand
 * in for the hashing, since a range has none and the upload's algorithm may differ.
 */
@ApplicationScoped
public class UploadPartCopyOperation {
    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    CopySources sources;

    public void uploadPartCopy(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        // Everything the request alone can refuse is refused before any filesystem work.
        int partNumber = PartNumbers.parse(request.query().get("partNumber"));
        String uploadId = request.query().get("uploadId");
        sources.authorize(request, http::getHeader);
        CopySourceRange range = CopySourceRange.parse(http.getHeader(CopySourceRange.HEADER));
        if (range != null && range.length() > PartRules.MAX_PART_SIZE) {
            throw S3Error.ENTITY_TOO_LARGE.exception("A part is at most 5 GiB: copy the source in smaller ranges.");
        }

        exchange.runOn(io, () -> {
            MultipartStaging staging = new MultipartStaging(volume.bucket(request.bucket()));
            UploadManifest upload = staging.open(uploadId, request.key());
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
            try (OpenedCopySource opened = sources.open(request, http::getHeader, CopySources.Range.ALLOWED)) {
                if (opened.length() > PartRules.MAX_PART_SIZE) {
                    // Only a whole source gets here (a range was checked above); S3's words for it.
                    throw S3Error.INVALID_REQUEST.exception("The specified copy source is larger than the maximum allowable"
                            + " size for a copy source: " + PartRules.MAX_PART_SIZE + ". Copy it with a range.");
                }
                PartRecord part = staging.copyPart(upload, partNumber, opened.channel(), opened.offset(), opened.length(),
                        new CopiedPartDigests(algorithm, opened::unchanged));
                exchange.finishWith(S3Xml.write(result(part, algorithm)), S3Xml.CONTENT_TYPE);
            }
        });
    }

    private static CopyPartResult result(PartRecord part, ChecksumAlgorithm algorithm) {
        CopyPartResult result = new CopyPartResult();
        result.ETag = part.etag();
        result.LastModified = S3Dates.iso8601(part.lastModified());
        String checksum = part.checksum(algorithm.name());
        switch (algorithm) {
            case CRC32 -> result.ChecksumCRC32 = checksum;
            case CRC32C -> result.ChecksumCRC32C = checksum;
            case CRC64NVME -> result.ChecksumCRC64NVME = checksum;
            case SHA1 -> result.ChecksumSHA1 = checksum;
            case SHA256 -> result.ChecksumSHA256 = checksum;
        }
        return result;
    }
}
