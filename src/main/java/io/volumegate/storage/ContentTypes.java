package io.volumegate.storage;

import org.apache.commons.io.function.IOSupplier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type of an object (DESIGN §3): the stored value, else by the key's extension,
 * else sniffed from the first {@value #SNIFF_LENGTH} bytes. HEAD and GET must call
 * {@link #resolve} the same way so they agree.
 */
public final class ContentTypes {
    /** How many leading bytes {@link #sniff} looks at. */
    public static final int SNIFF_LENGTH = 512;

    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = byExtensionTable();

    private ContentTypes() {}

    /**
     * The stored type if there is one, else the type of the key's extension, else the
     * sniffed type of the content. {@code head} is only called in the last case (it costs
     * an open and a read), and should return the first {@value #SNIFF_LENGTH} bytes or fewer
     * — e.g. {@code () -> ContentTypes.head(file)}.
     */
    public static String resolve(String key, String stored, IOSupplier<byte[]> head) throws IOException {
        if (stored != null && !stored.isBlank()) return stored;
        String byExtension = byExtension(key);
        if (byExtension != null) return byExtension;
        byte[] bytes = head.get();
        return sniff(bytes, Math.min(bytes.length, SNIFF_LENGTH));
    }

    /** Up to the first {@value #SNIFF_LENGTH} bytes of {@code file}; none for a directory. */
    public static byte[] head(Path file) throws IOException {
        if (Files.isDirectory(file)) return new byte[0];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_LENGTH);
        }
    }

    /**
     * The type of the key's last segment's extension (case-insensitive), or null when it has
     * none or an unknown one. A leading dot is not an extension ({@code .bashrc}).
     */
    public static String byExtension(String key) {
        if (key == null) return null;
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) return null;
        return BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The type the first {@code length} bytes of {@code head} suggest: a known magic number,
     * an XML or HTML start, UTF-8 text, or {@value #OCTET_STREAM} (also for no bytes at all:
     * S3's {@code binary/octet-stream} default is for PUTs without a type, and files from
     * other programs are better served with the registered name).
     */
    public static String sniff(byte[] head, int length) {
        int n = Math.min(Math.min(length, head.length), SNIFF_LENGTH);
        if (n == 0) return OCTET_STREAM;
        String magic = Magic.match(head, n);
        if (magic != null) return magic;
        return Text.sniff(head, n);
    }

    private static Map<String, String> byExtensionTable() {
        Map<String, String> t = new HashMap<>();
        // Web
        t.put("html", "text/html");
        t.put("htm", "text/html");
        t.put("xhtml", "application/xhtml+xml");
        t.put("css", "text/css");
        t.put("js", "text/javascript");
        t.put("mjs", "text/javascript");
        t.put("cjs", "text/javascript");
        t.put("map", "application/json");
        t.put("json", "application/json");
        t.put("jsonld", "application/ld+json");
        t.put("ndjson", "application/x-ndjson");
        t.put("geojson", "application/geo+json");
        t.put("webmanifest", "application/manifest+json");
        t.put("xml", "application/xml");
        t.put("xsl", "application/xml");
        t.put("xsd", "application/xml");
        t.put("rss", "application/rss+xml");
        t.put("atom", "application/atom+xml");
        t.put("wasm", "application/wasm");
        // Text and source
        t.put("txt", "text/plain");
        t.put("text", "text/plain");
        t.put("log", "text/plain");
        t.put("conf", "text/plain");
        t.put("ini", "text/plain");
        t.put("properties", "text/plain");
        t.put("csv", "text/csv");
        t.put("tsv", "text/tab-separated-values");
        t.put("md", "text/markdown");
        t.put("markdown", "text/markdown");
        t.put("rtf", "application/rtf");
        t.put("yaml", "application/yaml");
        t.put("yml", "application/yaml");
        t.put("toml", "application/toml");
        t.put("sh", "application/x-sh");
        t.put("java", "text/x-java-source");
        t.put("py", "text/x-python");
        t.put("c", "text/x-c");
        t.put("h", "text/x-c");
        t.put("cpp", "text/x-c++");
        t.put("go", "text/x-go");
        t.put("rs", "text/x-rust");
        // "ts" is left out on purpose: it is TypeScript source or an MPEG-TS (HLS) segment,
        // and sniffing tells them apart (text vs. a 0x47 sync byte every 188 bytes).
        t.put("sql", "application/sql");
        t.put("ics", "text/calendar");
        t.put("vcf", "text/vcard");
        // Documents
        t.put("pdf", "application/pdf");
        t.put("doc", "application/msword");
        t.put("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        t.put("xls", "application/vnd.ms-excel");
        t.put("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        t.put("ppt", "application/vnd.ms-powerpoint");
        t.put("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        t.put("odt", "application/vnd.oasis.opendocument.text");
        t.put("ods", "application/vnd.oasis.opendocument.spreadsheet");
        t.put("odp", "application/vnd.oasis.opendocument.presentation");
        t.put("epub", "application/epub+zip");
        // Images
        t.put("png", "image/png");
        t.put("jpg", "image/jpeg");
        t.put("jpeg", "image/jpeg");
        t.put("gif", "image/gif");
        t.put("webp", "image/webp");
        t.put("svg", "image/svg+xml");
        t.put("ico", "image/vnd.microsoft.icon");
        t.put("avif", "image/avif");
        t.put("heic", "image/heic");
        t.put("bmp", "image/bmp");
        t.put("tif", "image/tiff");
        t.put("tiff", "image/tiff");
        // Audio and video
        t.put("mp4", "video/mp4");
        t.put("m4v", "video/mp4");
        t.put("mov", "video/quicktime");
        t.put("webm", "video/webm");
        t.put("mkv", "video/x-matroska");
        t.put("avi", "video/x-msvideo");
        t.put("m3u8", "application/vnd.apple.mpegurl");
        t.put("mp3", "audio/mpeg");
        t.put("m4a", "audio/mp4");
        t.put("aac", "audio/aac");
        t.put("wav", "audio/wav");
        t.put("flac", "audio/flac");
        t.put("ogg", "audio/ogg");
        t.put("oga", "audio/ogg");
        t.put("ogv", "video/ogg");
        t.put("opus", "audio/opus");
        // Archives and binaries
        t.put("zip", "application/zip");
        t.put("gz", "application/gzip");
        t.put("tgz", "application/gzip");
        t.put("tar", "application/x-tar");
        t.put("bz2", "application/x-bzip2");
        t.put("xz", "application/x-xz");
        t.put("zst", "application/zstd");
        t.put("7z", "application/x-7z-compressed");
        t.put("rar", "application/vnd.rar");
        t.put("jar", "application/java-archive");
        t.put("war", "application/java-archive");
        t.put("class", "application/java-vm");
        t.put("apk", "application/vnd.android.package-archive");
        t.put("deb", "application/vnd.debian.binary-package");
        t.put("rpm", "application/x-rpm");
        t.put("iso", "application/x-iso9660-image");
        t.put("parquet", "application/vnd.apache.parquet");
        t.put("bin", OCTET_STREAM);
        // Fonts
        t.put("woff", "font/woff");
        t.put("woff2", "font/woff2");
        t.put("ttf", "font/ttf");
        t.put("otf", "font/otf");
        return Map.copyOf(t);
    }

    /** Magic numbers at fixed offsets. */
    private static final class Magic {
        private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
        private static final byte[] GZIP = {0x1F, (byte) 0x8B};
        private static final byte[] SEVEN_ZIP = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
        private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0x00};
        private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
        private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
        private static final byte[] WASM = {0x00, 'a', 's', 'm'};

        static String match(byte[] b, int n) {
            if (startsWith(b, n, 0, "%PDF-")) return "application/pdf";
            if (startsWith(b, n, 0, PNG)) return "image/png";
            if (startsWith(b, n, 0, JPEG)) return "image/jpeg";
            if (startsWith(b, n, 0, "GIF87a") || startsWith(b, n, 0, "GIF89a")) return "image/gif";
            // Local file header, empty archive, spanned archive.
            if (startsWith(b, n, 0, "PK\u0003\u0004") || startsWith(b, n, 0, "PK\u0005\u0006")
                    || startsWith(b, n, 0, "PK\u0007\u0008")) return "application/zip";
            if (startsWith(b, n, 0, GZIP)) return "application/gzip";
            if (startsWith(b, n, 0, "RIFF")) {
                if (startsWith(b, n, 8, "WEBP")) return "image/webp";
                if (startsWith(b, n, 8, "WAVE")) return "audio/wav";
                if (startsWith(b, n, 8, "AVI ")) return "video/x-msvideo";
            }
            if (startsWith(b, n, 4, "ftyp")) return isoMedia(b, n);
            if (startsWith(b, n, 0, EBML)) return "video/webm";
            if (startsWith(b, n, 0, "OggS")) return "audio/ogg";
            if (startsWith(b, n, 0, "ID3")) return "audio/mpeg";
            if (startsWith(b, n, 0, "fLaC")) return "audio/flac";
            if (startsWith(b, n, 0, SEVEN_ZIP)) return "application/x-7z-compressed";
            if (startsWith(b, n, 0, XZ)) return "application/x-xz";
            if (startsWith(b, n, 0, ZSTD)) return "application/zstd";
            // "BZh" + block size digit + block magic 0x314159265359; "BZh" alone is plain text.
            if (startsWith(b, n, 0, "BZh") && n > 3 && b[3] >= '1' && b[3] <= '9' && startsWith(b, n, 4, "1AY&SY")) {
                return "application/x-bzip2";
            }
            if (startsWith(b, n, 0, WASM)) return "application/wasm";
            if (startsWith(b, n, 0, "wOFF")) return "font/woff";
            if (startsWith(b, n, 0, "wOF2")) return "font/woff2";
            if (startsWith(b, n, 257, "ustar")) return "application/x-tar";
            // MPEG transport stream: a 0x47 sync byte at the start of each 188-byte packet.
            if (n > 2 * 188 && b[0] == 0x47 && b[188] == 0x47 && b[2 * 188] == 0x47) return "video/mp2t";
            return null;
        }

        /** ISO base media (MP4 family): the major brand after "ftyp" names the kind. */
        private static String isoMedia(byte[] b, int n) {
            if (startsWith(b, n, 8, "avif") || startsWith(b, n, 8, "avis")) return "image/avif";
            if (startsWith(b, n, 8, "heic") || startsWith(b, n, 8, "heix") || startsWith(b, n, 8, "mif1")) return "image/heic";
            if (startsWith(b, n, 8, "qt  ")) return "video/quicktime";
            if (startsWith(b, n, 8, "M4A ")) return "audio/mp4";
            return "video/mp4";
        }

        private static boolean startsWith(byte[] b, int n, int offset, String ascii) {
            return startsWith(b, n, offset, ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        private static boolean startsWith(byte[] b, int n, int offset, byte[] prefix) {
            if (offset + prefix.length > n) return false;
            for (int i = 0; i < prefix.length; i++) {
                if (b[offset + i] != prefix[i]) return false;
            }
            return true;
        }
    }

    /** Markup and plain text, for content without a magic number. */
    private static final class Text {
        private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

        static String sniff(byte[] b, int n) {
            if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) return "text/plain; charset=utf-16le";
            if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) return "text/plain; charset=utf-16be";
            int start = Magic.startsWith(b, n, 0, UTF8_BOM) ? UTF8_BOM.length : 0;
            boolean utf8Text = isUtf8Text(b, start, n);
            String markup = markup(b, start, n);
            if (markup != null) return utf8Text && markup.startsWith("text/") ? markup + "; charset=utf-8" : markup;
            return utf8Text ? TEXT_UTF8 : OCTET_STREAM;
        }

        /** XML or HTML by the first tag after leading whitespace. */
        private static String markup(byte[] b, int start, int n) {
            int i = start;
            while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
            String rest = new String(b, i, Math.min(n - i, 16), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (rest.startsWith("<?xml")) return "application/xml";
            if (rest.startsWith("<!doctype html") || rest.startsWith("<html")) return "text/html";
            return null;
        }

        /**
         * Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF) without NUL or
         * other C0 controls except tab, line feed, vertical tab, form feed, carriage return
         * and escape (ANSI colours in logs), and without DEL. A sequence cut off by the end
         * of the window is fine: the head of a file ends wherever 512 bytes end.
         */
        static boolean isUtf8Text(byte[] b, int start, int n) {
            int i = start;
            while (i < n) {
                int c = b[i] & 0xFF;
                if (c < 0x80) {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r' && c != 0x1B) return false;
                    if (c == 0x7F) return false;
                    i++;
                    continue;
                }
                int length;
                int min;
                if (c >= 0xC2 && c <= 0xDF) { length = 2; min = 0x80; }
                else if (c >= 0xE0 && c <= 0xEF) { length = 3; min = 0x800; }
                else if (c >= 0xF0 && c <= 0xF4) { length = 4; min = 0x10000; }
                else return false; // continuation byte first, overlong C0/C1, or F5..FF
                int codePoint = c & (0xFF >> (length + 1));
                for (int k = 1; k < length; k++) {
                    if (i + k >= n) return true; // cut off by the window
                    int cont = b[i + k] & 0xFF;
                    if ((cont & 0xC0) != 0x80) return false;
                    codePoint = (codePoint << 6) | (cont & 0x3F);
                }
                if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return false;
                i += length;
            }
            return true;
        }
    }
}
