package io.volumegate.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Counts the body bytes a request's handlers read and write, into its {@link RequestContext}
 * (bytes in and out of the access log and the metrics), whatever reads or writes them:
 * non-blocking listeners, error documents, keep-alive whitespace. The streams only delegate
 * and add, so non-blocking I/O works through them unchanged. Bodies written through
 * {@code getWriter()} (the health answer, the console's not-found text) are not counted.
 */
final class ByteCounting {
    private ByteCounting() {}

    static HttpServletRequest request(HttpServletRequest request, RequestContext context) {
        return new CountedRequest(request, context);
    }

    static HttpServletResponse response(HttpServletResponse response, RequestContext context) {
        return new CountedResponse(response, context);
    }

    /** Hands out counting views of the body stream: each call a new view of the container's one stream. */
    private static final class CountedRequest extends HttpServletRequestWrapper {
        private final RequestContext context;

        CountedRequest(HttpServletRequest request, RequestContext context) {
            super(request);
            this.context = context;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            return new CountedInput(super.getInputStream(), context);
        }
    }

    /** Hands out counting views of the body stream: each call a new view of the container's one stream. */
    private static final class CountedResponse extends HttpServletResponseWrapper {
        private final RequestContext context;

        CountedResponse(HttpServletResponse response, RequestContext context) {
            super(response);
            this.context = context;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return new CountedOutput(super.getOutputStream(), context);
        }
    }

    private static final class CountedInput extends ServletInputStream {
        private final ServletInputStream delegate;
        private final RequestContext context;

        CountedInput(ServletInputStream delegate, RequestContext context) {
            this.delegate = delegate;
            this.context = context;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) context.countIn(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) context.countIn(n);
            return n;
        }

        @Override
        public int readLine(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.readLine(buffer, offset, length);
            if (n > 0) context.countIn(n);
            return n;
        }

        @Override public int available() throws IOException { return delegate.available(); }

        @Override public void close() throws IOException { delegate.close(); }

        @Override public boolean isFinished() { return delegate.isFinished(); }

        @Override public boolean isReady() { return delegate.isReady(); }

        @Override public void setReadListener(ReadListener listener) { delegate.setReadListener(listener); }
    }

    private static final class CountedOutput extends ServletOutputStream {
        private final ServletOutputStream delegate;
        private final RequestContext context;

        CountedOutput(ServletOutputStream delegate, RequestContext context) {
            this.delegate = delegate;
            this.context = context;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
            context.countOut(1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            delegate.write(buffer, offset, length);
            context.countOut(length);
        }

        @Override public void flush() throws IOException { delegate.flush(); }

        @Override public void close() throws IOException { delegate.close(); }

        @Override public boolean isReady() { return delegate.isReady(); }

        @Override public void setWriteListener(WriteListener listener) { delegate.setWriteListener(listener); }
    }
}
