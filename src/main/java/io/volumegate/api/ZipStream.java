package io.volumegate.api;

import io.volumegate.http.BodySender;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.storage.ContentTypes;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.StoredObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP of objects, produced a buffer at a time as the servlet output can take it
 * ({@link BodySender} asks for the next bytes from its WriteListener): an entry's file is
 * read 64 KiB at a time into a {@link ZipOutputStream} whose output is drained before more
 * is read, so memory stays constant whatever the files' sizes (ZIP64 past 4 GiB is the
 * JDK's). Entries are DEFLATED with data descriptors, so nothing is read twice: text-like
 * content at the fastest compression level, everything else (media, archives) at level 0,
 * which deflate writes as stored blocks at copy speed.
 */
final class ZipStream implements BodySender.Source, AutoCloseable {
    private static final int READ_SIZE = 64 * 1024;
    private static final Set<String> COMPRESSIBLE_SUBTYPES = Set.of("json", "xml", "javascript", "ecmascript", "x-sh", "csv",
            "svg+xml", "x-yaml", "yaml", "sql", "x-tex", "rtf", "x-ndjson", "wasm");

    private final ObjectService objects;
    private final Iterator<ObjectRef> refs;
    private final Chunk output = new Chunk();
    private final ZipOutputStream zip = new ZipOutputStream(output);
    private final byte[] readBuffer = new byte[READ_SIZE];
    private FileChannel current;
    private long position;
    private long remaining;
    private boolean finished;
    private int drained;

    /** Keys must be validated and deduplicated; each is opened when its turn comes. */
    ZipStream(ObjectService objects, List<ObjectRef> refs) {
        this.objects = objects;
        this.refs = refs.iterator();
    }

    @Override
    public int next(byte[] buffer) throws IOException {
        while (output.size() - drained == 0) {
            output.reset();
            drained = 0;
            if (finished) return 0;
            produce();
        }
        int n = Math.min(buffer.length, output.size() - drained);
        System.arraycopy(output.bytes(), drained, buffer, 0, n);
        drained += n;
        return n;
    }

    private void produce() throws IOException {
        if (current != null) {
            int n = current.read(ByteBuffer.wrap(readBuffer, 0, (int) Math.min(READ_SIZE, remaining)), position);
            if (n < 0) throw new IOException("a file shrank while it was being zipped");
            zip.write(readBuffer, 0, n);
            position += n;
            remaining -= n;
            if (remaining == 0) {
                current.close();
                current = null;
                zip.closeEntry();
            }
        } else if (refs.hasNext()) {
            OpenedObject opened = objects.open(refs.next());
            StoredObject object = opened.object();
            ZipEntry entry = new ZipEntry(object.key());
            entry.setLastModifiedTime(FileTime.from(object.lastModified()));
            zip.setLevel(compressible(object) ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION);
            zip.putNextEntry(entry);
            if (opened.channel() == null || object.size() == 0) {
                OpenedObject.closeQuietly(opened.channel());
                zip.closeEntry();
            } else {
                current = opened.channel();
                position = 0;
                remaining = object.size();
            }
        } else {
            zip.finish();
            finished = true;
        }
    }

    /** Text, and structured text: worth compressing. By type, never by reading the file twice. */
    static boolean compressible(StoredObject object) {
        String type = object.metadata().map(m -> m.contentType()).orElse(null);
        if (type == null) type = ContentTypes.byExtension(object.key());
        if (type == null) return false;
        type = type.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) type = type.substring(0, semicolon).strip();
        if (type.startsWith("text/")) return true;
        int slash = type.indexOf('/');
        String subtype = slash < 0 ? type : type.substring(slash + 1);
        return COMPRESSIBLE_SUBTYPES.contains(subtype) || subtype.endsWith("+json") || subtype.endsWith("+xml");
    }

    /** Frees the deflater's native memory and the open file, however the stream ended. */
    @Override
    public void close() {
        OpenedObject.closeQuietly(current);
        current = null;
        try {
            zip.close();
        } catch (IOException | RuntimeException ignored) {
            // output is memory; a half-written archive is already lost
        }
    }

    /** The ZipOutputStream's sink: drained by {@link #next} before anything more is produced. */
    private static final class Chunk extends ByteArrayOutputStream {
        Chunk() {
            super(READ_SIZE + 1024);
        }

        byte[] bytes() { return buf; }
    }
}
