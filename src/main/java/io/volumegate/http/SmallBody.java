package io.volumegate.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Reads a small request body (an XML document) into memory, refusing more than a limit. */
public final class SmallBody implements BodySink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;

    private SmallBody(int limit) {
        this.limit = limit;
    }

    /**
     * A sink that keeps what it is given, up to {@code limit} bytes (MalformedXML beyond):
     * the last stage of a body pipeline that verifies digests before the document is parsed.
     */
    public static SmallBody limitedTo(int limit) {
        return new SmallBody(limit);
    }

    /** What was written so far. */
    public byte[] bytes() {
        return bytes.toByteArray();
    }

    public static CompletableFuture<byte[]> read(Exchange exchange, int limit) throws IOException {
        SmallBody body = new SmallBody(limit);
        return BodyReader.read(exchange.request(), body).thenApply(done -> {
            exchange.bodyConsumed();
            return body.bytes.toByteArray();
        });
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (bytes.size() + length > limit) throw S3Error.MALFORMED_XML.exception("The XML document is larger than this request allows.");
        bytes.write(data, offset, length);
    }
}
