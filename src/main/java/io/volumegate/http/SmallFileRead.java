package io.volumegate.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads a small range of a file whole, for a body answered in one write. */
final class SmallFileRead {
    private SmallFileRead() {}

    /** Exactly {@code length} bytes from {@code offset}; a file that shrank meanwhile is an error, as when streaming. */
    static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        byte[] body = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("file shrank while it was being sent");
            }
        }
        return body;
    }
}
