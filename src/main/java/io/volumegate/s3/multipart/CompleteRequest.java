package io.volumegate.s3.multipart;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.S3Error;
import io.volumegate.objects.CompletionRequest;
import io.volumegate.s3.body.ChecksumHeaders;
import io.volumegate.s3.xml.CompleteMultipartUpload;
import io.volumegate.s3.xml.CompletedPart;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.RequestedPart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads what a CompleteMultipartUpload request asks: the parts from its XML body, and what the
 * client claims about the whole object in its headers (x-amz-checksum-*, x-amz-checksum-type,
 * x-amz-mp-object-size), which the assembled object must then match.
 */
final class CompleteRequest {
    /** Largest Complete body accepted: 10,000 parts with every optional element fit in a quarter of it. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private CompleteRequest() {}

    /** The claims in the request's headers, checked before the body is read. */
    static CompletionRequest claims(Function<String, String> header) {
        ChecksumAlgorithm algorithm = null;
        String checksum = null;
        for (ChecksumAlgorithm candidate : ChecksumAlgorithm.values()) {
            String value = header.apply(ChecksumHeaders.of(candidate));
            if (value == null || value.isBlank()) continue;
            if (algorithm != null) {
                throw S3Error.INVALID_REQUEST.exception("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }
            algorithm = candidate;
            checksum = value.strip();
        }
        String type = header.apply(UploadChecksumChoice.TYPE_HEADER);
        String size = header.apply("x-amz-mp-object-size");
        long objectSize = -1;
        if (size != null) {
            try {
                objectSize = Long.parseLong(size.strip());
            } catch (NumberFormatException e) {
                objectSize = -2;
            }
            if (objectSize < 0) throw S3Error.INVALID_REQUEST.exception("Value for x-amz-mp-object-size header is invalid.");
        }
        return new CompletionRequest(List.of(), algorithm, checksum, type == null || type.isBlank() ? null : ChecksumHeaders.type(type),
                objectSize);
    }

    /** The claims with the parts the XML body lists; MalformedXML for anything but a list of parts. */
    static CompletionRequest withBody(CompletionRequest claims, byte[] body) {
        CompleteMultipartUpload document = S3Xml.read(body, CompleteMultipartUpload.class);
        if (document.parts.size() > PartRules.MAX_PARTS) {
            throw S3Error.MALFORMED_XML.exception("A CompleteMultipartUpload lists at most " + PartRules.MAX_PARTS + " parts.");
        }
        List<RequestedPart> parts = new ArrayList<>(document.parts.size());
        for (CompletedPart part : document.parts) {
            if (part.PartNumber == null || part.ETag == null) {
                throw S3Error.MALFORMED_XML.exception("Every Part of a CompleteMultipartUpload needs a PartNumber and an ETag.");
            }
            int number;
            try {
                number = Integer.parseInt(part.PartNumber.strip());
            } catch (NumberFormatException e) {
                throw S3Error.MALFORMED_XML.exception("PartNumber must be an integer.");
            }
            parts.add(new RequestedPart(number, part.ETag, part.checksums()));
        }
        PartRules.checkRequested(parts);
        return claims.withParts(parts);
    }
}
