package io.volumegate.http;

import java.io.IOException;

/**
 * One stage of the request-body pipeline (decoding, length limits, digests, the file).
 * Stages see the body in order, a buffer at a time, and check their promises in
 * {@link #finish()} once the body has ended: the upload commits only if every stage finishes.
 */
public interface BodySink {
    void write(byte[] data, int offset, int length) throws IOException;

    default void finish() throws IOException {}
}
