package io.volumegate.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A request as a container would hand it over: raw path and query, repeatable headers. */
final class TestRequest implements SignedRequest {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers = new TreeMap<>();
    /** Names as the client spelled them, for headerNames(); a container keeps their case. */
    private final Set<String> names = new LinkedHashSet<>();

    private TestRequest(String method, String rawPath, String rawQuery) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
    }

    static TestRequest of(String method, String rawPath, String rawQuery) {
        return new TestRequest(method, rawPath, rawQuery);
    }

    /** Adds a value; calling twice with the same name sends the header twice. */
    TestRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        names.add(name);
        return this;
    }

    TestRequest withoutHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
        names.removeIf(n -> n.equalsIgnoreCase(name));
        return this;
    }

    TestRequest copy() {
        TestRequest copy = new TestRequest(method, rawPath, rawQuery);
        headers.forEach((name, values) -> copy.headers.put(name, new ArrayList<>(values)));
        copy.names.addAll(names);
        return copy;
    }

    TestRequest withPath(String path) {
        TestRequest copy = new TestRequest(method, path, rawQuery);
        headers.forEach((name, values) -> copy.headers.put(name, new ArrayList<>(values)));
        copy.names.addAll(names);
        return copy;
    }

    TestRequest withQuery(String query) {
        TestRequest copy = new TestRequest(method, rawPath, query);
        headers.forEach((name, values) -> copy.headers.put(name, new ArrayList<>(values)));
        copy.names.addAll(names);
        return copy;
    }

    @Override public String method() { return method; }

    @Override public String rawPath() { return rawPath; }

    @Override public String rawQuery() { return rawQuery; }

    @Override
    public List<String> headerValues(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    @Override
    public List<String> headerNames() {
        return List.copyOf(names);
    }
}
