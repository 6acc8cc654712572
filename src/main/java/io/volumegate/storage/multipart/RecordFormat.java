package io.volumegate.storage.multipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/**
 * The one format of the staging area's small files (manifest, part records, completion
 * records): UTF-8 {@code .properties} with a version {@code v}, the same shape as object
 * metadata, so an operator can read them with {@code cat}. Readers ignore keys they do not
 * know, so later writers may add optional fields without a new version.
 */
final class RecordFormat {
    static final String VERSION = "v";
    static final String CURRENT_VERSION = "1";

    private RecordFormat() {}

    static Properties create() {
        Properties p = new Properties();
        p.setProperty(VERSION, CURRENT_VERSION);
        return p;
    }

    static byte[] toBytes(Properties p) {
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        String text = out.toString();
        if (text.startsWith("#")) text = text.substring(text.indexOf('\n') + 1); // the date comment
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not a record of a known version */
    static Properties parse(byte[] bytes, String what) {
        Properties p = new Properties();
        try (var in = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + what + ": " + e.getMessage(), e);
        }
        if (!CURRENT_VERSION.equals(p.getProperty(VERSION))) {
            throw new IllegalArgumentException(what + " of unknown version " + p.getProperty(VERSION));
        }
        return p;
    }

    static String required(Properties p, String key, String what) {
        String value = p.getProperty(key);
        if (value == null) throw new IllegalArgumentException(what + " without " + key);
        return value;
    }

    static long requiredLong(Properties p, String key, String what) {
        return Long.parseLong(required(p, key, what).trim()); // NumberFormatException is an IllegalArgumentException
    }

    static Instant requiredInstant(Properties p, String key, String what) {
        return Instant.ofEpochMilli(requiredLong(p, key, what));
    }

    static void putIfSet(Properties p, String key, String value) {
        if (value != null) p.setProperty(key, value);
    }
}
