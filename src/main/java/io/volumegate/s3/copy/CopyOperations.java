package io.volumegate.s3.copy;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.objects.CopiedObject;
import io.volumegate.objects.CopyService;
import io.volumegate.objects.CopySpec;
import io.volumegate.s3.NewObjectAcls;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.s3.object.MetadataHeaders;
import io.volumegate.s3.object.WriteConditions;
import io.volumegate.s3.tagging.TagSets;
import io.volumegate.s3.xml.CopyObjectResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * CopyObject: the request's headers become a {@link CopySpec} (metadata directive, checksum,
 * destination conditions) and a check of the source (the {@code x-amz-copy-source-if-*}
 * conditions); the object service does the copy, committed like any upload, so readers of
 * the destination see the old object or the whole copy, never a part.
 */
@ApplicationScoped
public class CopyOperations {
    private static final String CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm";

    @Inject
    CopyService copies;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    CopySources sources;
    @Inject
    NewObjectAcls acls;

    private final Clock clock = Clock.systemUTC();

    public void copyObject(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        // Everything the headers alone can refuse is refused before any filesystem work.
        CopySource source = sources.authorize(request, http);
        MetadataDirective directive = MetadataDirective.from(http.getHeader(MetadataDirective.HEADER));
        ObjectMetadata replacement = directive == MetadataDirective.REPLACE ? MetadataHeaders.from(http) : null;
        Map<String, String> tags = MetadataDirective.forTagging(http.getHeader(MetadataDirective.TAGGING_HEADER)) == MetadataDirective.REPLACE
                ? TagSets.fromHeader(http.getHeader(TagSets.HEADER)) : null;
        exchange.runOn(io, () -> {
            CopySpec copy = new CopySpec(replacement, requestedChecksum(http.getHeader(CHECKSUM_ALGORITHM)), WriteConditions.from(http),
                    config.maxObjectSize(), tags, acls.of(request.bucket(), request.credential(), http::getHeader));
            CopiedObject copied = copies.copy(source.ref(), request.bucket(), request.key(), copy,
                    object -> CopySourceConditions.check(http::getHeader, object.etag(), object.lastModified(), clock.instant()));
            VersionHeaders.describe(exchange.response(), copied.object(), null);
            VersionHeaders.describeCopySource(exchange.response(), copied.source(), source.ref().versionId());
            exchange.finishWith(S3Xml.write(result(copied)), S3Xml.CONTENT_TYPE);
        });
    }

    private static Optional<ChecksumAlgorithm> requestedChecksum(String header) {
        if (header == null) return Optional.empty();
        return Optional.of(ChecksumAlgorithm.fromName(header).orElseThrow(() -> S3Error.INVALID_REQUEST.exception(
                "Value for " + CHECKSUM_ALGORITHM + " header is invalid.")));
    }

    private static CopyObjectResult result(CopiedObject copied) {
        CopyObjectResult result = new CopyObjectResult();
        result.ETag = copied.object().etag();
        result.LastModified = HttpDates.iso8601(copied.object().lastModified());
        Map<ChecksumAlgorithm, String> checksums = copied.digests().checksums();
        result.ChecksumCRC32 = checksums.get(ChecksumAlgorithm.CRC32);
        result.ChecksumCRC32C = checksums.get(ChecksumAlgorithm.CRC32C);
        result.ChecksumCRC64NVME = checksums.get(ChecksumAlgorithm.CRC64NVME);
        result.ChecksumSHA1 = checksums.get(ChecksumAlgorithm.SHA1);
        result.ChecksumSHA256 = checksums.get(ChecksumAlgorithm.SHA256);
        if (!checksums.isEmpty()) result.ChecksumType = "FULL_OBJECT";
        return result;
    }
}
