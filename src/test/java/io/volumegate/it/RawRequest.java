package io.volumegate.it;

import io.volumegate.auth.PayloadHash;
import io.volumegate.auth.SigV4Signer;
import io.volumegate.auth.SignedRequest;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-made S3 request, for what an SDK will not send: a chosen x-amz-date, a missing or
 * malformed header, no signature at all. Signing uses the server's own
 * {@link SigV4Signer} (checked against AWS's published examples by the unit tests), over
 * exactly the path, query and headers that go on the wire. The body is always empty.
 */
final class RawRequest implements SignedRequest {
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final TestServer server;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    /** Lower-case names; "host" is what java.net.http sends by itself and is never set here. */
    private final Map<String, List<String>> headers = new TreeMap<>();

    private RawRequest(TestServer server, String method, String rawPathAndQuery) {
        this.server = server;
        this.method = method;
        int question = rawPathAndQuery.indexOf('?');
        this.rawPath = question < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, question);
        this.rawQuery = question < 0 ? null : rawPathAndQuery.substring(question + 1);
    }

    /** {@code rawPathAndQuery} goes on the wire as written: encode it yourself. */
    static RawRequest of(TestServer server, String method, String rawPathAndQuery) {
        return new RawRequest(server, method, rawPathAndQuery);
    }

    static String amzDate(Instant at) {
        return AMZ_DATE.format(at);
    }

    RawRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        return this;
    }

    /**
     * Signs as an SDK does at {@code at}: x-amz-date and x-amz-content-sha256 (of the empty
     * body) are added and signed along with host.
     */
    RawRequest signed(String accessKey, String secretKey, Instant at) {
        header("x-amz-date", amzDate(at));
        header("x-amz-content-sha256", PayloadHash.EMPTY_BODY_SHA256);
        return signedHeaders(accessKey, secretKey, List.of("host", "x-amz-content-sha256", "x-amz-date"));
    }

    /**
     * Adds the Authorization header for the headers already set, signing exactly
     * {@code signedHeaders} (lower case, sorted); the request time is its x-amz-date.
     */
    RawRequest signedHeaders(String accessKey, String secretKey, List<String> signedHeaders) {
        String amzDate = header("x-amz-date");
        String payloadHash = header("x-amz-content-sha256") != null ? header("x-amz-content-sha256") : PayloadHash.EMPTY_BODY_SHA256;
        String authorization = SigV4Signer.authorization(this, accessKey, secretKey.getBytes(StandardCharsets.UTF_8),
                "us-east-1", amzDate, signedHeaders, payloadHash);
        return header("Authorization", authorization);
    }

    HttpResponse<String> send() throws IOException, InterruptedException {
        String query = rawQuery == null ? "" : "?" + rawQuery;
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(rawPath + query))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return server.http().send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- SignedRequest: the request as the server will see it ------------------------------

    @Override public String method() { return method; }

    @Override public String rawPath() { return rawPath; }

    @Override public String rawQuery() { return rawQuery; }

    @Override
    public List<String> headerValues(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("host")) return List.of(server.host());
        return List.copyOf(headers.getOrDefault(lower, List.of()));
    }

    @Override
    public List<String> headerNames() {
        List<String> names = new ArrayList<>(headers.keySet());
        names.add("host");
        return names;
    }
}
