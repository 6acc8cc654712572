package io.volumegate.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One past version or delete marker of a key: a file in the key's history folder named
 * {@code <sequence>-<version id>} (a version, a hard link to or the renamed former object
 * file) or {@code <sequence>-<version id>.deleted} (an empty delete marker). The sequence
 * (16 hex digits, growing under the key's commit lock) orders a key's history: a larger one
 * is newer, on every node, whatever the clocks said.
 */
public record HistoryEntry(Path path, long sequence, String versionId, boolean deleteMarker) {
    private static final String MARKER_SUFFIX = ".deleted";
    private static final int SEQUENCE_DIGITS = 16;

    /** The file name of an entry. */
    static String fileName(long sequence, String versionId, boolean deleteMarker) {
        String hex = Long.toHexString(sequence);
        return "0".repeat(SEQUENCE_DIGITS - hex.length()) + hex + "-" + versionId + (deleteMarker ? MARKER_SUFFIX : "");
    }

    /** The entry a history file name stands for; empty for a name that is not one (a subfolder's, a stray file's). */
    static Optional<HistoryEntry> parse(Path path) {
        String name = path.getFileName().toString();
        if (name.length() <= SEQUENCE_DIGITS + 1 || name.charAt(SEQUENCE_DIGITS) != '-') return Optional.empty();
        boolean marker = name.endsWith(MARKER_SUFFIX);
        String versionId = name.substring(SEQUENCE_DIGITS + 1, name.length() - (marker ? MARKER_SUFFIX.length() : 0));
        if (!VersionIds.isWellFormed(versionId)) return Optional.empty();
        try {
            return Optional.of(new HistoryEntry(path, Long.parseUnsignedLong(name.substring(0, SEQUENCE_DIGITS), 16), versionId, marker));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
