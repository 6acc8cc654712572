package io.volumegate.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of a multipart object's parts, so GET ?partNumber=N can serve part N as a byte
 * range of the one file. Stored run-length encoded ({@code 8388608*12,1048576}: twelve parts
 * of 8 MiB, then one of 1 MiB), because clients cut uploads into equal parts and 10,000 sizes
 * written out would not fit an xattr. Parts are numbered 1..count in object order.
 */
public final class PartSizes {
    private final long[] runSizes;
    private final int[] runLengths;
    private final int count;
    private final long total;

    private PartSizes(long[] runSizes, int[] runLengths) {
        this.runSizes = runSizes;
        this.runLengths = runLengths;
        int parts = 0;
        long bytes = 0;
        for (int i = 0; i < runSizes.length; i++) {
            parts += runLengths[i];
            bytes += runSizes[i] * runLengths[i];
        }
        this.count = parts;
        this.total = bytes;
    }

    public static PartSizes of(List<Long> sizes) {
        if (sizes.isEmpty()) throw new IllegalArgumentException("an object has at least one part");
        List<long[]> runs = new ArrayList<>();
        for (long size : sizes) {
            if (size < 0) throw new IllegalArgumentException("negative part size " + size);
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[0] == size) last[1]++;
            else runs.add(new long[] {size, 1});
        }
        long[] runSizes = new long[runs.size()];
        int[] runLengths = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            runSizes[i] = runs.get(i)[0];
            runLengths[i] = (int) runs.get(i)[1];
        }
        return new PartSizes(runSizes, runLengths);
    }

    /** How many parts the object has (x-amz-mp-parts-count). */
    public int count() { return count; }

    /** The object's size: the sum of its parts. */
    public long total() { return total; }

    /** Where part {@code number} (1-based) starts in the object. */
    public long offsetOf(int number) {
        checkNumber(number);
        long offset = 0;
        int before = number - 1;
        for (int i = 0; i < runSizes.length && before > 0; i++) {
            int taken = Math.min(before, runLengths[i]);
            offset += taken * runSizes[i];
            before -= taken;
        }
        return offset;
    }

    /** The length of part {@code number} (1-based). */
    public long sizeOf(int number) {
        checkNumber(number);
        int remaining = number;
        for (int i = 0; ; i++) {
            if (remaining <= runLengths[i]) return runSizes[i];
            remaining -= runLengths[i];
        }
    }

    /** {@code size[*repeat]} runs joined by commas. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < runSizes.length; i++) {
            if (i > 0) text.append(',');
            text.append(runSizes[i]);
            if (runLengths[i] > 1) text.append('*').append(runLengths[i]);
        }
        return text.toString();
    }

    /** @throws IllegalArgumentException when the text is not what {@link #encode()} writes */
    public static PartSizes parse(String text) {
        String[] runs = text.split(",");
        long[] runSizes = new long[runs.length];
        int[] runLengths = new int[runs.length];
        long parts = 0;
        for (int i = 0; i < runs.length; i++) {
            String run = runs[i].trim();
            int star = run.indexOf('*');
            runSizes[i] = Long.parseLong(star < 0 ? run : run.substring(0, star));
            runLengths[i] = star < 0 ? 1 : Integer.parseInt(run.substring(star + 1));
            if (runSizes[i] < 0 || runLengths[i] < 1) throw new IllegalArgumentException("bad part run: " + run);
            parts += runLengths[i];
        }
        if (parts > Integer.MAX_VALUE) throw new IllegalArgumentException("too many parts");
        return new PartSizes(runSizes, runLengths);
    }

    private void checkNumber(int number) {
        if (number < 1 || number > count) throw new IndexOutOfBoundsException("part " + number + " of " + count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartSizes other && encode().equals(other.encode());
    }

    @Override
    public int hashCode() { return encode().hashCode(); }

    @Override
    public String toString() { return encode(); }
}
