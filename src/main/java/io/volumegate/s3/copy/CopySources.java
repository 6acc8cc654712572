package io.volumegate.s3.copy;

import io.volumegate.auth.Credential;
import io.volumegate.http.S3Error;
import io.volumegate.s3.S3Request;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.function.Function;

/**
 * The one way to read a copy source, shared by CopyObject and UploadPartCopy: parse
 * {@code x-amz-copy-source}, check that the credential may READ the source bucket (routing
 * only checked the destination, for write), find the object, hold it to the
 * {@code x-amz-copy-source-if-*} conditions, resolve {@code x-amz-copy-source-range}, and
 * open it.
 *
 * <p>Opening is stat, open, stat: only when the path named the same unchanged file before
 * and after the open do the ETag and metadata we found describe the bytes the channel
 * reads. A source replaced in between (a PUT renamed over it) is looked up again.
 */
@ApplicationScoped
public class CopySources {
    private static final int OPEN_ATTEMPTS = 3;

    @Inject
    Volume volume;

    private final Clock clock = Clock.systemUTC();

    /** Whether the source may be copied over a range ({@code x-amz-copy-source-range}). */
    public enum Range {
        /** UploadPartCopy: the header, when present, selects the bytes. */
        ALLOWED,
        /** CopyObject: always the whole object; the header is not part of the operation. */
        IGNORED
    }

    /**
     * Parses the copy source and checks the read scope, without touching the filesystem:
     * cheap enough to refuse a request before any other work.
     *
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

    /**
     * Everything {@link #authorize} does, then finds, checks and opens the source. Blocking.
     *
     * @param header request header by name, null when absent
     * @throws io.volumegate.http.S3Exception besides those of {@link #authorize}: NoSuchBucket,
     *         NoSuchKey, 412 PreconditionFailed, InvalidArgument for a bad or too-long range,
     *         ServiceUnavailable (retryable) when the source keeps changing under us
     */
    public OpenedCopySource open(S3Request request, Function<String, String> header, Range range) throws IOException {
        CopySource source = authorize(request, header);
        CopySourceRange requested = range == Range.ALLOWED ? CopySourceRange.parse(header.apply(CopySourceRange.HEADER)) : null;
        Bucket bucket = volume.bucket(source.bucket());
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            StoredObject object = bucket.stat(source.key());
            if (object.directoryObject()) {
                check(header, object);
                if (requested != null) requested.within(0);
                return new OpenedCopySource(source, object, null, null, 0, 0);
            }
            FileChannel channel;
            BasicFileAttributes before;
            try {
                before = Files.readAttributes(object.path(), BasicFileAttributes.class);
                if (before.size() != object.size() || !before.lastModifiedTime().toInstant().equals(object.lastModified())) {
                    continue; // replaced or rewritten since it was found
                }
                channel = FileChannel.open(object.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException deleted) {
                continue; // the next look-up answers NoSuchKey
            }
            try {
                BasicFileAttributes after = attributesOrNull(object);
                if (after == null || !OpenedCopySource.sameFile(before, after)) {
                    channel.close();
                    continue;
                }
                check(header, object);
                CopySourceRange bytes = requested == null ? null : requested.within(object.size());
                long offset = bytes == null ? 0 : bytes.first();
                long length = bytes == null ? object.size() : bytes.length();
                return new OpenedCopySource(source, object, channel, after, offset, length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        throw OpenedCopySource.sourceChanged();
    }

    private static BasicFileAttributes attributesOrNull(StoredObject object) throws IOException {
        try {
            return Files.readAttributes(object.path(), BasicFileAttributes.class);
        } catch (NoSuchFileException deleted) {
            return null;
        }
    }

    private void check(Function<String, String> header, StoredObject object) {
        CopySourceConditions.check(header, object.etag(), object.lastModified(), clock.instant());
    }
}
