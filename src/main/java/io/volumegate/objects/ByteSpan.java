package io.volumegate.objects;

/** Bytes {@code [first, first + length)} of an object. */
public record ByteSpan(long first, long length) {
    public static ByteSpan whole(long size) {
        return new ByteSpan(0, size);
    }
}
