package io.volumegate.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded query string. Parsed from the raw query (not getParameter, which would read
 * form bodies and guess charsets). A bare name ("?uploads") has the value "".
 */
public final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParameters parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = PercentDecoding.query(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : PercentDecoding.query(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
        }
        return new QueryParameters(Collections.unmodifiableMap(values));
    }

    public boolean has(String name) { return values.containsKey(name); }

    /** The value, or null when absent. */
    public String get(String name) { return values.get(name); }

    public String getOrDefault(String name, String fallback) { return values.getOrDefault(name, fallback); }

    public Map<String, String> asMap() { return values; }
}
