package io.volumegate.bench;

import io.volumegate.storage.Bucket;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.TestVolumes;
import io.volumegate.storage.VersionPage;
import io.volumegate.storage.VersionQuery;
import io.volumegate.storage.Versioning;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What versions cost on the volume itself, as ratios measured in the same run:
 * <ol>
 *   <li>overwriting a 64 MiB object in a versioned bucket (the old file is hard-linked into its
 *       history, no byte copied) against the same overwrite in an unversioned bucket, taking
 *       turns round by round;</li>
 *   <li>paging through the versions of one folder of 10,000 objects with 3 versions each, 1,000
 *       a page, with the heap in use after a full GC at every page: it must not grow with the
 *       pages.</li>
 * </ol>
 * Storage-level, so the HTTP path (the same for both buckets) does not dilute the ratio. Not a
 * test: {@code src/test/scripts/bench-versions.sh} runs it; README "Versions" quotes it.
 *
 * <p>Arguments: [work directory] [rounds, default 9] [objects in the folder, default 10000].
 */
public final class VersioningBench {
    private static final int MIB = 1 << 20;
    private static final long OBJECT_SIZE = 64L * MIB;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/versioning-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int objects = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Files.createDirectories(work);
        Path root = Files.createTempDirectory(work, "volume");
        Volume volume = TestVolumes.at(root);
        overwrites(volume, root, rounds);
        listing(volume, objects);
    }

    private static void overwrites(Volume volume, Path root, int rounds) throws IOException {
        volume.createBucket("plain");
        volume.createBucket("versioned");
        Bucket plain = volume.bucket("plain");
        Bucket versioned = volume.bucket("versioned");
        versioned.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
        Path source = root.resolve("source.bin");
        writeRandom(source, OBJECT_SIZE);
        overwrite(plain, source); // warm-up, and both keys exist before the first timed round
        overwrite(versioned, source);

        List<Long> plainNanos = new ArrayList<>();
        List<Long> versionedNanos = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean plainFirst = round % 2 == 0;
            long first = overwrite(plainFirst ? plain : versioned, source);
            long second = overwrite(plainFirst ? versioned : plain, source);
            (plainFirst ? plainNanos : versionedNanos).add(first);
            (plainFirst ? versionedNanos : plainNanos).add(second);
            System.out.printf("round %d: unversioned %6.1f ms, versioned %6.1f ms%n", round + 1,
                    (plainFirst ? first : second) / 1e6, (plainFirst ? second : first) / 1e6);
        }
        double plainMedian = median(plainNanos) / 1e6;
        double versionedMedian = median(versionedNanos) / 1e6;
        System.out.printf("64 MiB overwrite, median of %d: unversioned %.1f ms, versioned %.1f ms, ratio %.3f%n",
                rounds, plainMedian, versionedMedian, versionedMedian / plainMedian);
    }

    /** One overwrite of "big" with the source's bytes: stream into the temp file, then commit (fsync, rename). */
    private static long overwrite(Bucket bucket, Path source) throws IOException {
        long started = System.nanoTime();
        PendingUpload upload = bucket.beginUpload("big");
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            upload.transferFrom(in, 0, in.size());
        }
        bucket.commit(upload, ObjectMetadata.builder().contentType("application/octet-stream").build(), WriteCondition.NONE);
        return System.nanoTime() - started;
    }

    private static void listing(Volume volume, int objects) throws IOException {
        volume.createBucket("many");
        Bucket many = volume.bucket("many");
        many.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
        long started = System.nanoTime();
        byte[] content = new byte[16];
        for (int version = 0; version < 3; version++) {
            for (int i = 0; i < objects; i++) {
                PendingUpload upload = many.beginUpload(String.format("folder/object-%06d", i));
                upload.write(content, 0, content.length);
                many.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
            }
        }
        System.out.printf("wrote %d versions in %.1f s%n", objects * 3, (System.nanoTime() - started) / 1e9);

        // Twice: the first pass also fills the volume's shared directory-snapshot cache (bounded,
        // 300,000 names), the second shows what a page itself holds once that cache is warm.
        for (String pass : List.of("first pass", "second pass")) pageThrough(many, pass);
    }

    private static void pageThrough(Bucket many, String pass) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String keyMarker = "";
        String versionMarker = "";
        int pages = 0;
        int listed = 0;
        long firstHeap = -1;
        long maxHeap = 0;
        long started = System.nanoTime();
        while (true) {
            VersionPage page = many.listVersions(new VersionQuery("folder/", "", keyMarker, versionMarker, 1000));
            pages++;
            listed += page.versions().size();
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed();
            if (firstHeap < 0) firstHeap = heap;
            maxHeap = Math.max(maxHeap, heap);
            if (!page.truncated()) break;
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
        System.out.printf("%s: listed %d versions in %d pages in %.1f s; heap after GC: first page %.1f MiB, largest %.1f MiB (ratio %.2f)%n",
                pass, listed, pages, (System.nanoTime() - started) / 1e9, firstHeap / (double) MIB, maxHeap / (double) MIB,
                maxHeap / (double) firstHeap);
    }

    private static void writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(64);
        ByteBuffer buffer = ByteBuffer.allocate(MIB);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (long written = 0; written < size; written += MIB) {
                buffer.clear();
                while (buffer.hasRemaining()) buffer.putLong(random.nextLong());
                buffer.flip();
                while (buffer.hasRemaining()) out.write(buffer);
            }
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
