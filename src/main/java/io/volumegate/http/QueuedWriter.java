package io.volumegate.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes a response body that is produced piece by piece from other threads (a keep-alive
 * space now, a document later) with non-blocking servlet I/O: pieces queue up and go out,
 * and are flushed, whenever the container says the socket can take them. All methods are
 * synchronized: the container's callbacks and our producers run on different threads, and
 * a ServletOutputStream is not thread-safe.
 */
final class QueuedWriter implements WriteListener {
    private final ServletOutputStream output;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean writable;
    private boolean unflushed;
    private boolean closing;
    private boolean broken;
    private Runnable whenClosed;

    private QueuedWriter(ServletOutputStream output) {
        this.output = output;
    }

    static QueuedWriter on(ServletOutputStream output) {
        QueuedWriter writer = new QueuedWriter(output);
        output.setWriteListener(writer);
        return writer;
    }

    synchronized void send(byte[] bytes) {
        if (closing || broken) return;
        queue.add(ByteBuffer.wrap(bytes));
        pump();
    }

    /** Sends {@code bytes} only when nothing is waiting: keep-alive must not pile up behind a slow reader. */
    synchronized void sendIfIdle(byte[] bytes) {
        if (queue.isEmpty()) send(bytes);
    }

    /** Sends what is queued, then runs {@code then} (once; also when the client went away). */
    synchronized void close(Runnable then) {
        closing = true;
        whenClosed = then;
        pump();
        if (broken) runWhenClosed();
    }

    @Override
    public synchronized void onWritePossible() {
        writable = true;
        pump();
    }

    @Override
    public synchronized void onError(Throwable failure) {
        broken = true;
        queue.clear();
        if (closing) runWhenClosed();
    }

    private void pump() {
        if (!writable || broken) return; // the container calls onWritePossible once it is
        try {
            while (output.isReady()) {
                ByteBuffer head = queue.peek();
                if (head != null) {
                    output.write(head.array(), head.position(), head.remaining());
                    queue.poll();
                    unflushed = true;
                } else if (unflushed) {
                    unflushed = false;
                    output.flush(); // the point of keep-alive bytes is that they leave now
                } else {
                    if (closing) runWhenClosed();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            onError(e);
        }
    }

    private void runWhenClosed() {
        Runnable then = whenClosed;
        whenClosed = null;
        if (then != null) then.run();
    }
}
