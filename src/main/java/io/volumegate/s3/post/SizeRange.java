package io.volumegate.s3.post;

import io.volumegate.auth.PostPolicy;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;

import java.io.IOException;

/**
 * The policy's {@code content-length-range} on the file as it streams: past the maximum the
 * upload stops at once (400 EntityTooLarge); below the minimum it is refused once the file
 * has ended (400 EntityTooSmall), before anything is committed.
 */
final class SizeRange {
    private final PostPolicy.LengthRange range;

    /** @param range the allowed sizes; null when the policy names none */
    SizeRange(PostPolicy.LengthRange range) {
        this.range = range;
    }

    /** A sink that counts the file on its way to {@code next}. */
    BodySink before(BodySink next) {
        if (range == null) return next;
        return new BodySink() {
            private long length;

            @Override
            public void write(byte[] data, int offset, int count) throws IOException {
                length += count;
                if (length > range.max()) {
                    throw S3Error.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size")
                            .with("MaxSizeAllowed", Long.toString(range.max()));
                }
                next.write(data, offset, count);
            }

            @Override
            public void finish() throws IOException {
                if (length < range.min()) {
                    throw S3Error.ENTITY_TOO_SMALL.exception("Your proposed upload is smaller than the minimum allowed size")
                            .with("ProposedSize", Long.toString(length))
                            .with("MinSizeAllowed", Long.toString(range.min()));
                }
                next.finish();
            }
        };
    }
}
