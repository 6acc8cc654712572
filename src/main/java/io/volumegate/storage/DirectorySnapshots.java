package io.volumegate.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A cache of sorted directory snapshots, so that paging through a directory of 100,000
 * files reads and sorts it once instead of once per page. Thread-safe; one instance per
 * volume (or per process) is meant to be shared by all listings.
 *
 * <p><b>When a snapshot is reused.</b> Each use costs one stat of the directory. A cached
 * snapshot is reused while the directory's identity (file key) and modification time are
 * unchanged. That proves "unchanged" only if the read began clearly after the mtime: mtime
 * has a granularity (a second on some NFS servers and older filesystems, a jiffy on ext4),
 * so a name created in the same tick as the read would leave the mtime equal. A snapshot
 * whose read began less than {@code racyWindow} (default 2 s) after the directory's mtime is
 * therefore used once and never cached. The window also absorbs modest clock skew between
 * this node and a file server that stamps mtimes.
 *
 * <p><b>Invalidation.</b> Writers that create, delete or rename entries should call
 * {@link #invalidate(Path)} on the parent directory afterwards: it makes this node's next
 * listing see the change even when the mtime it can observe lags (NFS attribute caching).
 * Changes made by other nodes or programs are found through the mtime alone.
 *
 * <p><b>Bounds.</b> Least-recently-used snapshots are dropped once the cached entries exceed
 * {@code maxEntries} in total; a directory larger than that is read but not cached.
 *
 * <p>Concurrent misses on the same directory share one read.
 */
public final class DirectorySnapshots {
    public static final int DEFAULT_MAX_ENTRIES = 300_000;
    public static final Duration DEFAULT_RACY_WINDOW = Duration.ofSeconds(2);

    private final int maxEntries;
    private final long racyWindowMillis;
    private final Clock clock;
    private final Consumer<Path> readObserver;

    /** Guarded by itself, as is {@link #cachedEntries}. Access order: iteration starts at the LRU. */
    private final LinkedHashMap<Path, DirectorySnapshot> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedEntries;
    private final Map<Path, PendingRead> reading = new ConcurrentHashMap<>();
    private final AtomicLong directoryReads = new AtomicLong();

    public DirectorySnapshots() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_RACY_WINDOW, Clock.systemUTC());
    }

    public DirectorySnapshots(int maxEntries, Duration racyWindow, Clock clock) {
        this(maxEntries, racyWindow, clock, directory -> { });
    }

    /** Tests observe exactly which directories are read from disk. */
    DirectorySnapshots(int maxEntries, Duration racyWindow, Clock clock, Consumer<Path> readObserver) {
        if (maxEntries < 0) throw new IllegalArgumentException("maxEntries < 0");
        this.maxEntries = maxEntries;
        this.racyWindowMillis = racyWindow.toMillis();
        this.clock = clock;
        this.readObserver = readObserver;
    }

    /**
     * The sorted entries of {@code directory}, from the cache when provably current.
     *
     * @throws java.nio.file.NoSuchFileException    when the directory does not exist (any more)
     * @throws java.nio.file.NotDirectoryException  when it is not a directory
     */
    public DirectorySnapshot snapshot(Path directory) throws IOException {
        Path key = keyOf(directory);
        DirectoryStamp current = DirectoryStamp.of(key);
        DirectorySnapshot cached;
        synchronized (cache) {
            cached = cache.get(key);
        }
        if (cached != null && cached.stamp().equals(current)) {
            return cached;
        }
        return readShared(key, current);
    }

    /** Forget {@code directory}'s snapshot; call after creating, deleting or renaming in it. */
    public void invalidate(Path directory) {
        Path key = keyOf(directory);
        synchronized (cache) {
            DirectorySnapshot removed = cache.remove(key);
            if (removed != null) {
                cachedEntries -= removed.size();
            }
            PendingRead pending = reading.get(key);
            if (pending != null) {
                pending.invalidated = true; // a read in progress may have missed the change
            }
        }
    }

    /** Forget every snapshot. */
    public void clear() {
        synchronized (cache) {
            cache.clear();
            cachedEntries = 0;
            reading.values().forEach(pending -> pending.invalidated = true);
        }
    }

    /** How many times a directory was read from disk: the number a cache is meant to keep low. */
    public long directoryReads() { return directoryReads.get(); }

    public int cachedDirectories() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public long cachedEntries() {
        synchronized (cache) {
            return cachedEntries;
        }
    }

    private static Path keyOf(Path directory) {
        return directory.toAbsolutePath().normalize();
    }

    /**
     * Reads the directory, or waits for a read another thread already started. A shared
     * result is only taken when it is trusted, was not invalidated, and carries the stamp
     * this caller saw: otherwise it may predate a change the caller has observed.
     */
    private DirectorySnapshot readShared(Path key, DirectoryStamp seen) throws IOException {
        PendingRead mine = new PendingRead();
        PendingRead running = reading.putIfAbsent(key, mine);
        if (running != null) {
            DirectorySnapshot shared = running.await();
            if (shared.trusted() && !running.invalidated && shared.stamp().equals(seen)) {
                return shared;
            }
            return read(key); // alone: no caching decisions for a read we did not coordinate
        }
        try {
            DirectorySnapshot snapshot = read(key);
            synchronized (cache) {
                if (snapshot.trusted() && !mine.invalidated) {
                    store(key, snapshot);
                }
            }
            mine.result.complete(snapshot);
            return snapshot;
        } catch (IOException | RuntimeException | Error failure) {
            mine.result.completeExceptionally(failure);
            throw failure;
        } finally {
            reading.remove(key, mine);
        }
    }

    /**
     * The clock is read BEFORE the stamp: if the directory changes during the read, its new
     * mtime is later than the stamp's, so the next lookup sees a different stamp.
     */
    private DirectorySnapshot read(Path key) throws IOException {
        long startedMillis = clock.millis();
        DirectoryStamp stamp = DirectoryStamp.of(key);
        directoryReads.incrementAndGet();
        readObserver.accept(key);
        DirectoryEntry[] entries = DirectoryReader.readSorted(key);
        boolean trusted = startedMillis - stamp.lastModified().toMillis() >= racyWindowMillis;
        return new DirectorySnapshot(key, stamp, trusted, entries);
    }

    /** Caller holds the cache lock. */
    private void store(Path key, DirectorySnapshot snapshot) {
        if (snapshot.size() > maxEntries) {
            return;
        }
        DirectorySnapshot previous = cache.put(key, snapshot);
        cachedEntries += snapshot.size() - (previous == null ? 0 : previous.size());
        Iterator<DirectorySnapshot> leastRecentFirst = cache.values().iterator();
        while (cachedEntries > maxEntries && leastRecentFirst.hasNext()) {
            DirectorySnapshot evicted = leastRecentFirst.next();
            if (evicted == snapshot) {
                continue;
            }
            leastRecentFirst.remove();
            cachedEntries -= evicted.size();
        }
    }

    /** A read in progress that other threads can wait for. */
    private static final class PendingRead {
        final CompletableFuture<DirectorySnapshot> result = new CompletableFuture<>();
        /** Set under the cache lock. */
        volatile boolean invalidated;

        DirectorySnapshot await() throws IOException {
            try {
                return result.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for a directory read");
            } catch (CancellationException cancelled) {
                throw new IOException(cancelled);
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                if (cause instanceof IOException io) throw io;
                if (cause instanceof RuntimeException runtime) throw runtime;
                if (cause instanceof Error error) throw error;
                throw new IOException(cause);
            }
        }
    }
}
