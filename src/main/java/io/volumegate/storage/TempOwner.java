package io.volumegate.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Which process a temp file or commit lock belongs to, so that a start-up sweep can remove
 * what a process that died (SIGKILL, power loss) left behind at once, while another node
 * sharing the volume may be streaming into young temp files of its own.
 *
 * <p>Each process has a tag: a hash of its host name, its pid and its start time. Temp file
 * names end in {@code .w-<tag>.tmp}; commit locks hold the tag. On the same host the tag's
 * owner is known to be alive or dead (is there a process of that pid that started then?);
 * another host's tag is {@link Owner#UNKNOWN}, and its files are judged by their age as before.
 * So a restarted node removes what its previous incarnation left, at once, and never a
 * neighbour's files in flight. Nothing is held open for this, so a bucket's filesystem can
 * still be remounted read-only or unmounted.
 *
 * <p>Static on purpose: a tag names a process, not an object in it.
 */
public final class TempOwner {
    /** What is known of the process that made a file. */
    public enum Owner { THIS_PROCESS, ALIVE, DEAD, UNKNOWN }

    private static final Pattern TAGGED = Pattern.compile("\\.w-([0-9a-f]{8}-[0-9a-f]{1,16}-[0-9a-f]{1,16})\\.tmp$");
    private static final Pattern TAG_ONLY = Pattern.compile("([0-9a-f]{8})-([0-9a-f]{1,16})-([0-9a-f]{1,16})");
    private static final String HOST = hostHash();
    private static final String TAG = tagOf(ProcessHandle.current());

    private TempOwner() {}

    /** A temp file name {@code <stem>.w-<tag>.tmp}. */
    public static String tempName(String stem) {
        return stem + ".w-" + TAG + ".tmp";
    }

    /** What a commit lock holds: its owner's tag, so a lock left by a process that died can be broken at once. */
    static byte[] lockMark() {
        return TAG.getBytes(StandardCharsets.US_ASCII);
    }

    /** The owner of a temp file, from its name; UNKNOWN for an untagged name. */
    static Owner ownerOfTemp(Path temp) {
        Matcher tagged = TAGGED.matcher(temp.getFileName().toString());
        return tagged.find() ? ownerOf(tagged.group(1)) : Owner.UNKNOWN;
    }

    /** The owner of a commit lock, from what it holds; UNKNOWN for an empty (older, or just created) one. */
    static Owner ownerOfLock(Path lock) {
        try {
            return ownerOf(Files.readString(lock, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return Owner.UNKNOWN; // released meanwhile
        }
    }

    /** This process's tag (tests name files of other owners with it). */
    static String tag() { return TAG; }

    static Owner ownerOf(String tag) {
        if (tag.equals(TAG)) return Owner.THIS_PROCESS;
        Matcher parts = TAG_ONLY.matcher(tag);
        if (!parts.matches() || !parts.group(1).equals(HOST)) return Owner.UNKNOWN;
        long pid = Long.parseLong(parts.group(2), 16);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) return Owner.DEAD;
        // Unreadable start time: a reused pid cannot be told apart, so the owner may live.
        if (process.get().info().startInstant().isEmpty()) return Owner.ALIVE;
        // The pid may have been reused since: the same process started at the same moment.
        return tagOf(process.get()).equals(tag) ? Owner.ALIVE : Owner.DEAD;
    }

    static String tagOf(ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return HOST + "-" + Long.toHexString(process.pid()) + "-" + Long.toHexString(started);
    }

    private static String hostHash() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
