package io.volumegate.storage;

import java.nio.file.Path;

/**
 * Something the walk found, in key order: an object still to be confirmed by a stat (it may
 * have vanished since the snapshot), or a common prefix, which needs no confirmation.
 */
record Candidate(Kind kind, String key, Path path) {
    enum Kind { FILE, DIRECTORY_OBJECT, COMMON_PREFIX }

    static Candidate file(String key, Path path) { return new Candidate(Kind.FILE, key, path); }

    static Candidate directoryObject(String key, Path path) { return new Candidate(Kind.DIRECTORY_OBJECT, key, path); }

    static Candidate commonPrefix(String prefix) { return new Candidate(Kind.COMMON_PREFIX, prefix, null); }
}
