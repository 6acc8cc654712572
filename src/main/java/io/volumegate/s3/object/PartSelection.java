package io.volumegate.s3.object;

import io.volumegate.http.ByteRange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.PartNumbers;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StoredObject;

/**
 * GET/HEAD {@code ?partNumber=N}: part N of an object a multipart upload made, as a byte
 * range of its file, from the part sizes stored with it. Any other object is one part.
 * Clients (the SDKs' multipart downloads) read {@code x-amz-mp-parts-count} from part 1.
 *
 * @param range      the part's bytes; null when the part is empty (nothing to range over:
 *                   the answer is 200 with no body)
 * @param partsCount the object's parts, 0 when it was not a multipart upload
 */
record PartSelection(ByteRange range, int partsCount) {
    /** The selected part, or null when the request names none. */
    static PartSelection of(String partNumber, String rangeHeader, StoredObject object) {
        if (partNumber == null) return null;
        int number = PartNumbers.parse(partNumber);
        if (rangeHeader != null) {
            throw S3Error.INVALID_REQUEST.exception("Cannot specify both Range header and partNumber query parameter");
        }
        PartSizes parts = object.metadata().map(ObjectMetadata::partSizes).orElse(null);
        if (parts != null && parts.total() == object.size()) {
            if (number > parts.count()) throw S3Error.INVALID_PART_NUMBER.exception();
            return new PartSelection(range(parts.offsetOf(number), parts.sizeOf(number)), parts.count());
        }
        if (number != 1) throw S3Error.INVALID_PART_NUMBER.exception();
        return new PartSelection(range(0, object.size()), 0);
    }

    private static ByteRange range(long offset, long length) {
        return length == 0 ? null : new ByteRange(offset, offset + length - 1);
    }
}
