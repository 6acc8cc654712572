package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentTypesTest {

    private static String sniff(byte[] bytes) {
        return ContentTypes.sniff(bytes, bytes.length);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void byExtension() {
        assertEquals("text/html", ContentTypes.byExtension("site/index.html"));
        assertEquals("text/css", ContentTypes.byExtension("a.css"));
        assertEquals("text/javascript", ContentTypes.byExtension("app.mjs"));
        assertEquals("application/json", ContentTypes.byExtension("data.json"));
        assertEquals("application/pdf", ContentTypes.byExtension("reports/q3.pdf"));
        assertEquals("image/jpeg", ContentTypes.byExtension("PHOTO.JPG"), "case-insensitive");
        assertEquals("image/jpeg", ContentTypes.byExtension("photo.jpeg"));
        assertEquals("image/avif", ContentTypes.byExtension("i.avif"));
        assertEquals("application/gzip", ContentTypes.byExtension("backup.tar.gz"));
        assertEquals("application/gzip", ContentTypes.byExtension("backup.tgz"));
        assertEquals("application/x-7z-compressed", ContentTypes.byExtension("a.7z"));
        assertEquals("font/woff2", ContentTypes.byExtension("f.woff2"));
        assertEquals("application/wasm", ContentTypes.byExtension("m.wasm"));
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ContentTypes.byExtension("letter.docx"));
        assertEquals("application/yaml", ContentTypes.byExtension("ci.yml"));
        assertEquals("text/markdown", ContentTypes.byExtension("README.md"));
        assertEquals("text/x-python", ContentTypes.byExtension("x.py"));
    }

    @Test
    void byExtensionWithoutAKnownExtensionIsNull() {
        assertNull(ContentTypes.byExtension("Makefile"));
        assertNull(ContentTypes.byExtension(".bashrc"), "a leading dot is a hidden file, not an extension");
        assertNull(ContentTypes.byExtension("dir.d/file"), "a dot in a parent segment does not count");
        assertNull(ContentTypes.byExtension("trailing."));
        assertNull(ContentTypes.byExtension("folder.png/"), "directory objects have no extension");
        assertNull(ContentTypes.byExtension("x.unknownext"));
        assertNull(ContentTypes.byExtension("x.ts"), "ambiguous on purpose: TypeScript or MPEG-TS");
    }

    @Test
    void sniffsMagicNumbers() {
        assertEquals("image/png", sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D)));
        assertEquals("application/pdf", sniff(utf8("%PDF-1.7\n%âãÏÓ\n")));
        assertEquals("image/jpeg", sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F')));
        assertEquals("image/gif", sniff(utf8("GIF89a\u0001\u0000")));
        assertEquals("application/zip", sniff(bytes('P', 'K', 3, 4, 20, 0)));
        assertEquals("application/gzip", sniff(bytes(0x1F, 0x8B, 8, 0)));
        assertEquals("image/webp", sniff(utf8("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ")));
        assertEquals("video/mp4", sniff(bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm')));
        assertEquals("image/avif", sniff(bytes(0, 0, 0, 0x1C, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f')));
        byte[] tar = new byte[512];
        System.arraycopy(utf8("ustar"), 0, tar, 257, 5);
        assertEquals("application/x-tar", sniff(tar));
    }

    @Test
    void sniffsMarkup() {
        assertEquals("application/xml", sniff(utf8("<?xml version=\"1.0\"?><a/>")));
        assertEquals("text/html; charset=utf-8", sniff(utf8("\n  <!DOCTYPE html><html><body>ä</body></html>")));
        assertEquals("text/html; charset=utf-8", sniff(utf8("<HTML><BODY>x</BODY></HTML>")));
    }

    @Test
    void sniffsUtf8TextAndBinary() {
        assertEquals("text/plain; charset=utf-8", sniff(utf8("plain ASCII\r\n\ttabbed\n")));
        assertEquals("text/plain; charset=utf-8", sniff(utf8("Grüße, 日本, emoji 🚀")));
        assertEquals("text/plain; charset=utf-8", sniff(bytes(0xEF, 0xBB, 0xBF, 'h', 'i')), "UTF-8 BOM");
        assertEquals("application/octet-stream", sniff(bytes('a', 'b', 0, 'c')), "NUL");
        assertEquals("application/octet-stream", sniff(bytes('a', 0x01, 'b')), "control character");
        assertEquals("application/octet-stream", sniff(bytes('a', 0xC3, 0x28)), "invalid continuation");
        assertEquals("application/octet-stream", sniff(bytes(0xC0, 0xAF)), "overlong encoding");
        assertEquals("application/octet-stream", sniff(bytes(0xED, 0xA0, 0x80)), "surrogate");
        assertEquals("application/octet-stream", sniff(new byte[0]));
    }

    @Test
    void aCharacterCutByTheWindowIsStillText() {
        byte[] text = utf8("x".repeat(510) + "日"); // 513 bytes: the window ends inside 日
        assertEquals(513, text.length);
        assertEquals("text/plain; charset=utf-8", ContentTypes.sniff(text, 511));
        assertEquals("text/plain; charset=utf-8", sniff(text), "only the first 512 bytes count");
    }

    @Test
    void sniffLooksOnlyAtLengthBytes() {
        byte[] buffer = Arrays.copyOf(utf8("%PDF-1.4"), 512); // the rest is NUL padding of a reused buffer
        assertEquals("application/pdf", ContentTypes.sniff(buffer, 8));
        byte[] text = Arrays.copyOf(utf8("hello"), 512);
        assertEquals("text/plain; charset=utf-8", ContentTypes.sniff(text, 5));
        assertEquals("application/octet-stream", ContentTypes.sniff(text, 6));
    }

    @Test
    void resolvePrefersStoredThenExtensionThenSniffing() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);

        assertEquals("application/x-custom", ContentTypes.resolve("a.html", "application/x-custom", () -> {
            reads.incrementAndGet();
            return png;
        }));
        assertEquals("text/html", ContentTypes.resolve("a.html", null, () -> {
            reads.incrementAndGet();
            return png;
        }));
        assertEquals("text/html", ContentTypes.resolve("a.html", " ", () -> {
            reads.incrementAndGet();
            return png;
        }), "a blank stored value counts as none");
        assertEquals(0, reads.get(), "content is read only when needed");

        assertEquals("image/png", ContentTypes.resolve("no-extension", null, () -> {
            reads.incrementAndGet();
            return png;
        }));
        assertEquals(1, reads.get());
    }

    @Test
    void resolvePropagatesReadFailures() {
        assertThrows(IOException.class, () -> ContentTypes.resolve("blob", null, () -> {
            throw new IOException("disk gone");
        }));
    }

    @Test
    void headReadsAtMost512Bytes(@TempDir Path dir) throws IOException {
        Path big = Files.write(dir.resolve("big"), new byte[10_000]);
        Path small = Files.writeString(dir.resolve("small"), "abc");
        assertEquals(512, ContentTypes.head(big).length);
        assertEquals(3, ContentTypes.head(small).length);
        assertEquals(0, ContentTypes.head(dir).length);
        assertEquals("text/plain; charset=utf-8", ContentTypes.resolve("small", null, () -> ContentTypes.head(small)));
        assertEquals("application/octet-stream", ContentTypes.resolve("big", null, () -> ContentTypes.head(big)));
    }
}
