package io.volumegate.it;

import io.volumegate.auth.SigV4Signer;
import io.volumegate.auth.SignedRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 requests signed by hand with {@link SigV4Signer}, for what the AWS SDK normalises
 * away: a raw path sent byte for byte ({@code %2F}, {@code ..}, {@code //}), headers the
 * SDK would not send or would fix (a wrong x-amz-content-sha256), and response headers
 * the SDK does not expose.
 *
 * <pre>{@code
 * HttpResponse<byte[]> r = RawS3.on(server).put("/bucket/a%2Fb").header("Content-MD5", md5).body(bytes).send();
 * }</pre>
 */
final class RawS3 {
    static final String REGION = "us-east-1";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final String host;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http;

    private RawS3(String host, int port, String accessKey, String secretKey, HttpClient http) {
        this.host = host;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.http = http;
    }

    /** Requests to the shared test server, signed with its admin credential. */
    static RawS3 on(TestServer server) {
        return new RawS3("127.0.0.1", server.port(), server.adminAccessKey(), server.adminSecretKey(), server.http());
    }

    /**
     * Requests to any server at {@code http://host:port} (another container, a node, a load
     * balancer), signed with these keys; {@code http} must be pinned to HTTP/1.1.
     */
    static RawS3 at(URI endpoint, String accessKey, String secretKey, HttpClient http) {
        return new RawS3(endpoint.getHost(), endpoint.getPort(), accessKey, secretKey, http);
    }

    Request request(String method, String rawPathAndQuery) { return new Request(method, rawPathAndQuery); }

    Request get(String rawPathAndQuery) { return new Request("GET", rawPathAndQuery); }

    Request head(String rawPathAndQuery) { return new Request("HEAD", rawPathAndQuery); }

    Request put(String rawPathAndQuery) { return new Request("PUT", rawPathAndQuery); }

    Request delete(String rawPathAndQuery) { return new Request("DELETE", rawPathAndQuery); }

    Request post(String rawPathAndQuery) { return new Request("POST", rawPathAndQuery); }

    /** The {@code <Code>} of an S3 error document, or null. */
    static String errorCode(HttpResponse<byte[]> response) {
        return errorCode(new String(response.body(), StandardCharsets.UTF_8));
    }

    static String errorCode(String body) {
        Matcher matcher = CODE.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** One request: every header added here is signed, plus host, x-amz-date and x-amz-content-sha256. */
    final class Request {
        private final String method;
        private final String rawPath;
        private final String rawQuery;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private String payloadHash;

        private Request(String method, String rawPathAndQuery) {
            int question = rawPathAndQuery.indexOf('?');
            this.method = method;
            this.rawPath = question < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, question);
            this.rawQuery = question < 0 ? null : rawPathAndQuery.substring(question + 1);
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request body(byte[] body) {
            this.body = body;
            return this;
        }

        Request body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        /** Signs this x-amz-content-sha256 instead of the body's real SHA-256. */
        Request payloadHash(String payloadHash) {
            this.payloadHash = payloadHash;
            return this;
        }

        HttpResponse<byte[]> send() throws IOException, InterruptedException {
            URI uri = URI.create("http://" + host + ':' + port + rawPathAndQuery());
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .method(method, body.length == 0 && !method.equals("PUT")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            signedHeaders(payloadHash != null ? payloadHash : SigV4Signer.sha256Hex(body), Instant.now()).forEach((name, value) -> {
                if (!name.equals("host")) builder.header(name, value);
            });
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        /**
         * The headers to send, Authorization and Host included (java.net.http sets Host
         * itself, to the same value), for clients that write the request by hand.
         */
        Map<String, String> signedHeaders(String payloadHash, Instant at) {
            String amzDate = AMZ_DATE.format(at);
            Map<String, String> all = new TreeMap<>();
            all.put("host", host + ':' + port);
            all.put("x-amz-date", amzDate);
            all.put("x-amz-content-sha256", payloadHash);
            headers.forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), value));
            List<String> names = new ArrayList<>(all.keySet());
            SignedRequest signed = new SignedRequest() {
                @Override public String method() { return method; }

                @Override public String rawPath() { return rawPath; }

                @Override public String rawQuery() { return rawQuery; }

                @Override public List<String> headerValues(String name) {
                    String value = all.get(name.toLowerCase(Locale.ROOT));
                    return value == null ? List.of() : List.of(value);
                }

                @Override public List<String> headerNames() { return names; }
            };
            Map<String, String> result = new LinkedHashMap<>(all);
            result.put("authorization", SigV4Signer.authorization(signed, accessKey,
                    secretKey.getBytes(StandardCharsets.UTF_8), REGION, amzDate, names, payloadHash));
            return result;
        }

        /**
         * Sends the request over a plain socket, its request line byte for byte: for paths
         * java.net.URI refuses ({@code %zz}), and for a Content-Length whose body never comes.
         * The body is unsigned (UNSIGNED-PAYLOAD).
         *
         * @param contentLength the Content-Length to declare, or -1 for none
         * @param timeoutMillis how long to wait for the complete answer
         */
        SocketResponse sendOverSocket(long contentLength, int timeoutMillis) throws IOException {
            StringBuilder head = new StringBuilder(method + ' ' + rawPathAndQuery() + " HTTP/1.1\r\n");
            signedHeaders("UNSIGNED-PAYLOAD", Instant.now())
                    .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (contentLength >= 0) head.append("content-length: ").append(contentLength).append("\r\n");
            head.append("\r\n");
            try (Socket socket = new Socket(host, port)) {
                socket.setSoTimeout(timeoutMillis);
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
                return SocketResponse.read(socket.getInputStream(), method.equals("HEAD"));
            }
        }

        String method() { return method; }

        String rawPathAndQuery() { return rawQuery == null ? rawPath : rawPath + '?' + rawQuery; }
    }

    /** One HTTP/1.1 response as read from a socket: status, header block, body. */
    record SocketResponse(int status, String head, String body) {
        String errorCode() { return RawS3.errorCode(body); }

        boolean hasHeader(String name, String value) {
            return value.equalsIgnoreCase(header(name));
        }

        /** The first value of a header, or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }

        /** Reads up to the end of the body its Content-Length announces (the connection may stay open). */
        static SocketResponse read(InputStream in, boolean head) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int headerEnd = -1;
            int contentLength = -1;
            try {
                while (true) {
                    if (headerEnd < 0) {
                        String text = bytes.toString(StandardCharsets.ISO_8859_1);
                        headerEnd = text.indexOf("\r\n\r\n");
                        if (headerEnd >= 0) {
                            contentLength = 0; // our server always sends a length; none means no body
                            for (String line : text.substring(0, headerEnd).split("\r\n")) {
                                if (!head && line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                    contentLength = Integer.parseInt(line.substring(15).trim());
                                }
                            }
                        }
                    }
                    if (headerEnd >= 0 && bytes.size() >= headerEnd + 4 + contentLength) break;
                    int n = in.read(buffer);
                    if (n < 0) break;
                    bytes.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no complete answer in time; got: " + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (headerEnd < 0) throw new IOException("no HTTP response head; got: " + text);
            String headText = text.substring(0, text.indexOf("\r\n\r\n"));
            int status = Integer.parseInt(headText.split(" ", 3)[1]);
            return new SocketResponse(status, headText, text.substring(headText.length() + 4));
        }
    }
}
