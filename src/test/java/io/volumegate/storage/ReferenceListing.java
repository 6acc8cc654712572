package io.volumegate.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The obvious, slow listing the engine must agree with: walk everything, sort every key by
 * its UTF-8 bytes (encoded, compared unsigned: no shared code with Utf8Order), then apply
 * prefix, delimiter and start-after as S3 describes them.
 *
 * <p>With delimiter "/" every directory also counts as a "phantom" key "d/" that can produce
 * a common prefix but never an object: the engine's documented shortcut reports a
 * subdirectory as a common prefix without reading it, empty or not.
 */
final class ReferenceListing {
    private ReferenceListing() {
    }

    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private record Key(String key, boolean object) {
    }

    /** Results as {@link TestBucket#results(ListPage)} renders them, no paging. */
    static List<String> list(Path root, Set<Path> markers, ListQuery query) throws IOException {
        List<Key> keys = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) return FileVisitResult.CONTINUE;
                if (dir.getParent().equals(root) && dir.getFileName().toString().equals(".volumegate")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                keys.add(new Key(keyOf(root, dir) + "/", markers.contains(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) keys.add(new Key(keyOf(root, file), true));
                return FileVisitResult.CONTINUE;
            }
        });
        keys.sort((a, b) -> compareUtf8(a.key(), b.key()));

        String prefix = query.prefix();
        String delimiter = query.delimiter();
        String startAfter = query.startAfter();
        List<String> results = new ArrayList<>();
        String lastCommonPrefix = null;
        for (Key key : keys) {
            if (!key.key().startsWith(prefix)) continue;
            int at = delimiter.isEmpty() ? -1 : key.key().indexOf(delimiter, prefix.length());
            boolean phantomCounts = key.object() || delimiter.equals("/");
            if (at >= 0 && phantomCounts) {
                String commonPrefix = key.key().substring(0, at + delimiter.length());
                if (commonPrefix.equals(lastCommonPrefix)) continue;
                lastCommonPrefix = commonPrefix;
                if (compareUtf8(commonPrefix, startAfter) > 0) results.add("PREFIX " + commonPrefix);
            } else if (at < 0 && key.object() && compareUtf8(key.key(), startAfter) > 0) {
                results.add(key.key());
            }
        }
        return results;
    }

    private static String keyOf(Path root, Path path) {
        List<String> segments = new ArrayList<>();
        for (Path segment : root.relativize(path)) segments.add(segment.toString());
        return String.join("/", segments);
    }
}
