package io.volumegate.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether this node can serve requests: every directory it stores objects in (the volume,
 * each bound bucket's directory) exists, takes a new file, and has at least the reserve
 * free; and the keystore can be read. A volume whose mount is gone usually leaves an empty
 * directory behind: the keystore (by default on the volume) is then missing, which this
 * reports too.
 */
final class Readiness {
    private final Map<String, Path> roots;
    private final Path keystore;
    private final long minFreeBytes;

    /** @param roots the directories to check, by name ("volume", or a bound bucket's name) */
    Readiness(Map<String, Path> roots, Path keystore, long minFreeBytes) {
        this.roots = Map.copyOf(roots);
        this.keystore = keystore;
        this.minFreeBytes = minFreeBytes;
    }

    /** What is wrong, one sentence a problem; empty when ready. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        roots.forEach((name, path) -> checkRoot(name, path, problems));
        checkKeystore(problems);
        return problems;
    }

    private void checkRoot(String name, Path root, List<String> problems) {
        String what = "volume".equals(name) ? "the volume " + root : "bucket " + name + "'s directory " + root;
        if (!Files.isDirectory(root)) {
            problems.add(what + " is missing or not a directory");
            return;
        }
        try {
            // In the reserved folder, where no listing shows it.
            Path reserved = Files.createDirectories(root.resolve(".volumegate"));
            Files.delete(Files.createTempFile(reserved, "ready-", ".probe"));
        } catch (IOException e) {
            problems.add(what + " is not writable: " + reason(e));
            return;
        }
        try {
            long usable = Files.getFileStore(root).getUsableSpace();
            if (usable < minFreeBytes) {
                problems.add(what + " has " + usable + " bytes free, less than the reserve of " + minFreeBytes
                        + " (volumegate.ready.min-free-bytes)");
            }
        } catch (IOException e) {
            problems.add("cannot read the free space of " + what + ": " + reason(e));
        }
    }

    private void checkKeystore(List<String> problems) {
        if (!Files.isRegularFile(keystore)) {
            problems.add("the keystore " + keystore + " is missing");
            return;
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            in.read();
        } catch (IOException e) {
            problems.add("the keystore " + keystore + " cannot be read: " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@code {"status":"UP"}}, or {@code {"status":"DOWN","reasons":[...]}}. */
    static String json(List<String> problems) {
        if (problems.isEmpty()) return "{\"status\":\"UP\"}";
        StringBuilder json = new StringBuilder("{\"status\":\"DOWN\",\"reasons\":[");
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) json.append(',');
            Json.quote(json, problems.get(i));
        }
        return json.append("]}").toString();
    }
}
