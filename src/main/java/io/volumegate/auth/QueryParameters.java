package io.volumegate.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A raw query string split into parameters, each kept both decoded (to look up the
 * X-Amz-* presign parameters) and SigV4-encoded (to build the canonical query).
 */
final class QueryParameters {

    /** One parameter; a bare name ({@code ?lifecycle}) has the value "". */
    record Parameter(String name, String value, String encodedName, String encodedValue) {
    }

    private final List<Parameter> parameters;

    private QueryParameters(List<Parameter> parameters) {
        this.parameters = parameters;
    }

    static QueryParameters parse(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) continue; // "a=1&&b=2": clients sign no empty parameter
                int eq = pair.indexOf('=');
                byte[] name = SigV4Encoding.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
                byte[] value = SigV4Encoding.percentDecode(eq < 0 ? "" : pair.substring(eq + 1));
                parameters.add(new Parameter(
                        new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8),
                        SigV4Encoding.encode(name), SigV4Encoding.encode(value)));
            }
        }
        return new QueryParameters(List.copyOf(parameters));
    }

    boolean contains(String name) {
        return parameters.stream().anyMatch(p -> p.name().equals(name));
    }

    /** Every value of a parameter, in order. */
    List<String> values(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).map(Parameter::value).toList();
    }

    /**
     * The canonical query string: encoded pairs sorted by name then value, joined with '&'.
     * Encoded forms are pure ASCII, so String order is the byte order SigV4 asks for.
     *
     * @param excluded decoded name left out (X-Amz-Signature for presigned URLs, which
     *                 cannot sign itself), or null
     */
    String canonical(String excluded) {
        return parameters.stream()
                .filter(p -> !p.name().equals(excluded))
                .sorted(Comparator.comparing(Parameter::encodedName).thenComparing(Parameter::encodedValue))
                .map(p -> p.encodedName() + "=" + p.encodedValue())
                .collect(Collectors.joining("&"));
    }
}
