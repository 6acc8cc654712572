package io.volumegate.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which process a temp file belongs to, so that a start-up sweep can remove the temp files of
 * a process that died (SIGKILL, power loss) at once, while another node sharing the volume may
 * be streaming into young temp files of its own.
 *
 * <p>Each process has a random tag. Before its first temp file under a reserved folder
 * ({@code <bucket>/.volumegate/}) it creates {@code writers/<tag>} there and holds an exclusive
 * POSIX lock on it for as long as it lives; the kernel (or the NFS server's lease) drops the
 * lock when the process dies, however it dies. Temp file names end in {@code .w-<tag>.tmp}. A
 * tagged temp file whose lease is gone or unlocked is abandoned. Where locks do not work (NFS
 * mounted {@code nolock}) names stay untagged and the sweep falls back to their age.
 *
 * <p>Static on purpose: POSIX locks belong to a process, not to an object in it.
 */
public final class TempOwner {
    static final String LEASES = "writers";
    private static final Pattern TAGGED = Pattern.compile("\\.w-([0-9a-f]{16})\\.tmp$");
    private static final Pattern TAG_ONLY = Pattern.compile("[0-9a-f]{16}");
    /** A lease file younger than this is never removed: its owner may be about to lock it. */
    private static final Duration LEASE_GRACE = Duration.ofMinutes(1);
    private static final String TAG = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    /** Lease channels this process holds, by reserved folder; never closed (closing drops the lock). */
    private static final Map<Path, Optional<FileChannel>> HELD = new ConcurrentHashMap<>();

    private TempOwner() {}

    /**
     * A temp file name {@code <stem>.w-<tag>.tmp} for a file in {@code dir}, once this process
     * holds its lease in the reserved folder above {@code dir}; {@code <stem>.tmp} where it cannot.
     */
    public static String tempName(Path dir, String stem) {
        Optional<Path> reserved = reservedFolderOf(dir);
        return reserved.isPresent() && holdsLease(reserved.get()) ? stem + ".w-" + TAG + ".tmp" : stem + ".tmp";
    }

    private static boolean holdsLease(Path reserved) {
        Optional<FileChannel> held = HELD.computeIfAbsent(reserved, TempOwner::lease);
        if (held.isEmpty()) return false;
        if (Files.exists(reserved.resolve(LEASES).resolve(TAG))) return true;
        // The folder was removed under us (a bucket deleted and made again): lease it anew,
        // or other nodes would take our temp files for a dead process's.
        synchronized (HELD) {
            try {
                held.get().close();
            } catch (IOException e) {
                // a lock on a file that is gone
            }
            HELD.remove(reserved);
            return HELD.computeIfAbsent(reserved, TempOwner::lease).isPresent();
        }
    }

    /**
     * True when {@code temp} is tagged and its owner is gone: no lease, or nobody holds it.
     * False for our own, for a living owner's, and for untagged names (the caller judges those by age).
     */
    static boolean isAbandoned(Path temp) {
        Matcher tagged = TAGGED.matcher(temp.getFileName().toString());
        if (!tagged.find() || tagged.group(1).equals(TAG)) return false;
        Optional<Path> reserved = reservedFolderOf(temp.getParent());
        if (reserved.isEmpty()) return false;
        Path lease = reserved.get().resolve(LEASES).resolve(tagged.group(1));
        if (!Files.exists(lease)) return true; // removed by a sweep once its owner was gone
        return isUnheld(lease);
    }

    /** Removes the lease files of processes that are gone (keeping young ones, see {@link #LEASE_GRACE}). */
    static void removeDeadLeases(Path reserved) {
        Instant cutoff = Instant.now().minus(LEASE_GRACE);
        try (var leases = Files.list(reserved.resolve(LEASES))) {
            for (Path lease : (Iterable<Path>) leases::iterator) {
                if (lease.getFileName().toString().equals(TAG)) continue;
                try {
                    if (Files.getLastModifiedTime(lease).toInstant().isBefore(cutoff) && isUnheld(lease)) Files.deleteIfExists(lease);
                } catch (IOException e) {
                    // removed by another node meanwhile
                }
            }
        } catch (IOException e) {
            // no leases here
        }
    }

    /**
     * What a lock file in {@code dir} holds: this process's tag once it holds its lease in the
     * reserved folder above, so a lock left by a process that died can be broken at once; empty
     * where it cannot (the lock is then broken by age alone).
     */
    static byte[] lockMark(Path dir) {
        Optional<Path> reserved = reservedFolderOf(dir);
        return reserved.isPresent() && holdsLease(reserved.get()) ? TAG.getBytes(StandardCharsets.US_ASCII) : new byte[0];
    }

    /** True when the lock file {@code lock} names an owner (see {@link #lockMark}) that is gone. */
    static boolean isAbandonedLock(Path lock) {
        String owner;
        try {
            owner = Files.readString(lock, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false; // released meanwhile
        }
        if (!TAG_ONLY.matcher(owner).matches() || owner.equals(TAG)) return false;
        Optional<Path> reserved = reservedFolderOf(lock.getParent());
        if (reserved.isEmpty()) return false;
        Path lease = reserved.get().resolve(LEASES).resolve(owner);
        return !Files.exists(lease) || isUnheld(lease);
    }

    /** True when {@code temp}'s name carries an owner's tag. */
    static boolean isTagged(Path temp) {
        return TAGGED.matcher(temp.getFileName().toString()).find();
    }

    /** This process's tag (tests name temp files of other owners with it). */
    static String tag() { return TAG; }

    private static boolean isUnheld(Path lease) {
        // A shared lock needs only read access, and conflicts with the owner's exclusive one.
        try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) return false;
            probe.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held in this JVM (another deployment of ours): alive
        } catch (IOException e) {
            return !Files.exists(lease); // gone meanwhile: dead; cannot lock: assume alive
        }
    }

    private static Optional<FileChannel> lease(Path reserved) {
        Path lease = reserved.resolve(LEASES).resolve(TAG);
        try {
            Files.createDirectories(lease.getParent());
            FileChannel channel = FileChannel.open(lease, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) return Optional.of(channel);
            channel.close();
        } catch (IOException | OverlappingFileLockException e) {
            // no POSIX locks here (NFS nolock), or no write access: untagged names, swept by age
        }
        return Optional.empty();
    }

    /** The nearest {@code .volumegate} folder at or above {@code dir}. */
    private static Optional<Path> reservedFolderOf(Path dir) {
        for (Path at = dir; at != null && at.getFileName() != null; at = at.getParent()) {
            if (at.getFileName().toString().equals(ObjectKeys.RESERVED)) return Optional.of(at);
        }
        return Optional.empty();
    }
}
