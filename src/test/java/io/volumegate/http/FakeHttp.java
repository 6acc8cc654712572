package io.volumegate.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A request/response pair without a container, enough for {@link Exchange}: a response that
 * records status, headers and body, and an output stream whose readiness a test controls
 * (when it turns ready, the listener is called, as a container would).
 */
final class FakeHttp {
    final Map<String, Object> attributes = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();
    final Output output = new Output();
    final CountDownLatch completed = new CountDownLatch(1);
    volatile int status = 200;
    volatile boolean committed;
    volatile String requestUri = "/bucket/key";
    final HttpServletRequest request;
    final HttpServletResponse response;

    FakeHttp() {
        AsyncContext async = proxy(AsyncContext.class, (name, args) -> {
            if (name.equals("complete")) completed.countDown();
            return null;
        });
        response = proxy(HttpServletResponse.class, (name, args) -> switch (name) {
            case "setStatus" -> { status = (Integer) args[0]; yield null; }
            case "getStatus" -> status;
            case "setHeader", "addHeader" -> { headers.put(((String) args[0]).toLowerCase(), String.valueOf(args[1])); yield null; }
            case "setContentType" -> { headers.put("content-type", (String) args[0]); yield null; }
            case "setContentLength", "setContentLengthLong" -> { headers.put("content-length", String.valueOf(args[0])); yield null; }
            case "getOutputStream" -> output;
            case "isCommitted" -> committed || output.bytes.size() > 0;
            case "reset" -> { headers.clear(); yield null; }
            default -> null;
        });
        request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "startAsync" -> async;
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> { attributes.put((String) args[0], args[1]); yield null; }
            case "getRequestURI" -> requestUri;
            case "getContextPath" -> "";
            case "getMethod" -> "POST";
            case "getContentLengthLong" -> 0L;
            default -> null;
        });
    }

    Exchange exchange() { return new Exchange(request, response); }

    String body() { return output.bytes.toString(StandardCharsets.UTF_8); }

    interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> type.getSimpleName();
                        };
                    }
                    Object result = handler.handle(method.getName(), args);
                    if (result == null && method.getReturnType() == boolean.class) return false;
                    if (result == null && method.getReturnType() == long.class) return 0L;
                    if (result == null && method.getReturnType() == int.class) return 0;
                    return result;
                });
    }

    /** The container's side of the socket: readiness by the test, writes recorded. */
    final class Output extends ServletOutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile int flushes;
        private volatile boolean ready = true;
        private volatile WriteListener listener;

        @Override
        public synchronized boolean isReady() { return ready; }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
            if (ready) call();
        }

        /** The socket drains (or fills up); like a container, tell the listener when it can write again. */
        void ready(boolean value) {
            ready = value;
            if (value && listener != null) call();
        }

        /** The client went away. */
        void broken() { listener.onError(new java.io.IOException("connection reset")); }

        private void call() {
            try {
                listener.onWritePossible();
            } catch (java.io.IOException e) {
                listener.onError(e);
            }
        }

        @Override
        public synchronized void write(int b) { bytes.write(b); committed = true; }

        @Override
        public synchronized void write(byte[] b, int off, int len) { bytes.write(b, off, len); committed = true; }

        @Override
        public void flush() { flushes++; }
    }
}
