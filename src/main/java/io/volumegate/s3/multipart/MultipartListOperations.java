package io.volumegate.s3.multipart;

import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.MultipartService;
import io.volumegate.objects.UploadParts;
import io.volumegate.s3.IntegerArguments;
import io.volumegate.s3.ListEncoding;
import io.volumegate.s3.Principals;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.xml.CommonPrefix;
import io.volumegate.s3.xml.ListMultipartUploadsResult;
import io.volumegate.s3.xml.ListPartsResult;
import io.volumegate.s3.xml.Owner;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.UploadListing;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.UnaryOperator;

/** ListMultipartUploads (a bucket's uploads in progress) and ListParts (one upload's staged parts). */
@ApplicationScoped
public class MultipartListOperations {
    private static final int MAX_PAGE = 1000;

    @Inject
    AccessService access;
    @Inject
    Principals principals;
    @Inject
    MultipartService multipart;
    @Inject
    IoExecutor io;

    public void listMultipartUploads(Exchange exchange, S3Request request) {
        QueryParameters query = request.query();
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.getOrDefault("delimiter", "");
        String keyMarker = query.getOrDefault("key-marker", "");
        String uploadIdMarker = keyMarker.isEmpty() ? "" : query.getOrDefault("upload-id-marker", "");
        int maxUploads = pageSize(query, "max-uploads");
        UnaryOperator<String> encode = ListEncoding.from(query);

        exchange.runOn(io, () -> {
            UploadListing page = multipart.uploads(request.bucket(), prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
            String bucketOwner = access.rules(request.bucket()).owner();
            ListMultipartUploadsResult result = new ListMultipartUploadsResult();
            result.Bucket = request.bucket();
            result.KeyMarker = encode.apply(keyMarker);
            result.UploadIdMarker = uploadIdMarker;
            result.NextKeyMarker = encode.apply(page.nextKeyMarker());
            result.NextUploadIdMarker = page.nextUploadIdMarker();
            result.Prefix = encode.apply(prefix);
            result.Delimiter = delimiter.isEmpty() ? null : encode.apply(delimiter);
            result.MaxUploads = maxUploads;
            result.IsTruncated = page.truncated();
            result.EncodingType = query.get(ListEncoding.PARAMETER);
            for (UploadManifest upload : page.uploads()) {
                ListMultipartUploadsResult.Upload entry = new ListMultipartUploadsResult.Upload();
                entry.Key = encode.apply(upload.key());
                entry.UploadId = upload.id().value();
                entry.Initiator = entry.Owner = ownerOf(upload, bucketOwner);
                entry.Initiated = HttpDates.iso8601(upload.initiated());
                entry.ChecksumAlgorithm = upload.checksumAlgorithm();
                entry.ChecksumType = upload.checksumType();
                result.uploads.add(entry);
            }
            result.commonPrefixes = page.commonPrefixes().stream().map(p -> new CommonPrefix(encode.apply(p))).toList();
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    public void listParts(Exchange exchange, S3Request request) {
        QueryParameters query = request.query();
        String uploadId = query.get("uploadId");
        int marker = partNumberMarker(query.get("part-number-marker"));
        int maxParts = pageSize(query, "max-parts");

        exchange.runOn(io, () -> {
            UploadParts staged = multipart.parts(request.bucket(), request.key(), uploadId);
            UploadManifest upload = staged.upload();
            List<PartRecord> after = staged.parts().stream().filter(part -> part.number() > marker).toList();
            List<PartRecord> page = after.subList(0, Math.min(maxParts, after.size()));

            ListPartsResult result = new ListPartsResult();
            result.Bucket = request.bucket();
            result.Key = request.key();
            result.UploadId = upload.id().value();
            result.PartNumberMarker = marker;
            result.MaxParts = maxParts;
            result.IsTruncated = page.size() < after.size();
            if (!page.isEmpty()) result.NextPartNumberMarker = page.get(page.size() - 1).number();
            result.Initiator = result.Owner = ownerOf(upload, access.rules(request.bucket()).owner());
            result.ChecksumAlgorithm = upload.checksumAlgorithm();
            result.ChecksumType = upload.checksumType();
            for (PartRecord part : page) {
                ListPartsResult.Part entry = new ListPartsResult.Part();
                entry.PartNumber = part.number();
                entry.LastModified = HttpDates.iso8601(part.lastModified());
                entry.ETag = part.etag();
                entry.Size = part.size();
                String checksum = part.checksum(upload.checksumAlgorithm());
                if (checksum != null) entry.checksum(upload.checksumAlgorithm(), checksum);
                result.parts.add(entry);
            }
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    private static int pageSize(QueryParameters query, String name) {
        String value = query.get(name);
        if (value == null) return MAX_PAGE;
        int size = IntegerArguments.nonNegative(value).orElseThrow(() -> S3Error.INVALID_ARGUMENT
                .exception("Provided " + name + " not an integer or within integer range")
                .with("ArgumentName", name).with("ArgumentValue", value));
        return Math.min(size, MAX_PAGE);
    }

    private static int partNumberMarker(String value) {
        if (value == null || value.isBlank()) return 0;
        return IntegerArguments.nonNegative(value).stream().filter(marker -> marker <= PartRules.MAX_PARTS).findFirst()
                .orElseThrow(() -> S3Error.INVALID_ARGUMENT.exception("Provided part-number-marker not an integer or within integer range")
                        .with("ArgumentName", "part-number-marker").with("ArgumentValue", value));
    }

    /** Who started an upload: the owner its object will have (recorded at CreateMultipartUpload), else the bucket's owner. */
    private Owner ownerOf(UploadManifest upload, String bucketOwner) {
        String owner = upload.metadata().owner();
        return principals.owner(owner == null ? bucketOwner : owner);
    }
}
