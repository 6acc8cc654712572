package io.volumegate.s3.body;

import io.volumegate.http.BodySink;

import java.io.ByteArrayOutputStream;

/** The end of a test pipeline: keeps what reached it and whether the body finished. */
final class CollectingSink implements BodySink {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean finished;

    @Override
    public void write(byte[] data, int offset, int length) {
        if (finished) throw new IllegalStateException("write after finish");
        received.write(data, offset, length);
    }

    @Override
    public void finish() {
        finished = true;
    }

    byte[] bytes() { return received.toByteArray(); }

    int size() { return received.size(); }

    boolean finished() { return finished; }
}
