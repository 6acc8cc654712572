package io.volumegate.s3.body;

import io.volumegate.http.BodySink;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntSupplier;

/** Feeds a body to a sink in slices, as a servlet container does, cut where a test says. */
final class Slices {
    private Slices() {}

    static void feed(BodySink sink, byte[] body, int sliceSize) throws IOException {
        feed(sink, body, () -> sliceSize);
    }

    static void feedRandomly(BodySink sink, byte[] body, long seed, int maxSlice) throws IOException {
        Random random = new Random(seed);
        feed(sink, body, () -> 1 + random.nextInt(maxSlice));
    }

    /** Copies each slice into a fresh array with junk around it, so offsets and bounds matter. */
    static void feed(BodySink sink, byte[] body, IntSupplier sliceSizes) throws IOException {
        for (int pos = 0; pos < body.length; ) {
            int size = Math.min(sliceSizes.getAsInt(), body.length - pos);
            byte[] buffer = new byte[size + 6];
            Arrays.fill(buffer, (byte) '#');
            System.arraycopy(body, pos, buffer, 3, size);
            sink.write(buffer, 3, size);
            pos += size;
        }
    }

    /** Feeds the whole body, then ends it. */
    static void feedAndFinish(BodySink sink, byte[] body, int sliceSize) throws IOException {
        feed(sink, body, sliceSize);
        sink.finish();
    }
}
