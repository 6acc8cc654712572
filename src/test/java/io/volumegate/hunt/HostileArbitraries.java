package io.volumegate.hunt;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Generators of hostile input, shared by the property tests ({@code HostileInputTest}) and the
 * requests {@code HostileInputIT} sends: keys from every Unicode plane with control characters,
 * {@code .}/{@code ..}/empty and very long segments and percent-escapes; headers (ranges,
 * conditions, dates, checksums, lengths); XML bodies (well-formed, malformed, huge, entity
 * expansion, deep nesting).
 */
public final class HostileArbitraries {
    private HostileArbitraries() {}

    // ---- keys ----------------------------------------------------------------------------

    /** One key segment: awkward on purpose, sometimes harmless. */
    public static Arbitrary<String> segment() {
        return Arbitraries.frequencyOf(
                Tuple(4, Arbitraries.strings().alpha().numeric().withChars("-_.~ +;=!$&'()*,@[]").ofMinLength(1).ofMaxLength(12)),
                Tuple(3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8)),
                Tuple(2, Arbitraries.of("", ".", "..", "...", "%2e%2e", "%2E", ".volumegate", "%", "%zz", "%00", "%2F",
                        "%C0%AF", "%FF", "\u0000", "\u000b", "\t", "\r\n", "\u007f", "\u202e", "\ufeff", "é", "𝄞", "\uD800",
                        "CON", "a:b", "a\\b", "?", "#", "~", "-")),
                Tuple(1, Arbitraries.integers().between(250, 1100).map("x"::repeat)),
                Tuple(1, Arbitraries.integers().between(0x10000, 0x10FFFF).filter(Character::isValidCodePoint)
                        .list().ofMinSize(1).ofMaxSize(6)
                        .map(points -> new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()))));
    }

    /** A key: one to six segments, sometimes ending in '/'. */
    public static Arbitrary<String> key() {
        return Combinators.combine(segment().list().ofMinSize(1).ofMaxSize(6), Arbitraries.of("", "", "", "/", "//"))
                .as((segments, tail) -> String.join("/", segments) + tail);
    }

    /**
     * A key as the path of a request: mostly percent-encoded properly (as SDKs send keys), sometimes
     * raw, sometimes with the encoder's output cut or escapes of their own.
     */
    public static Arbitrary<String> rawKeyPath() {
        return Combinators.combine(key(), Arbitraries.integers().between(0, 9)).as((key, how) -> switch (how) {
            case 0 -> rawRequestLine(key);          // raw, as a careless client would send it
            case 1 -> encode(key).replace("%2F", "/").replace("%25", "%"); // percent signs left raw
            case 2 -> encode(key) + "%";            // a cut escape
            default -> encode(key).replace("%2F", "/");
        });
    }

    /** The key raw, but for what no request line can carry (space, control characters), which is encoded. */
    private static String rawRequestLine(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().forEach(c -> {
            if (c <= 0x20 || c == 0x7f) out.append(String.format("%%%02X", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }

    /** A JSON string literal of {@code text}, every character outside printable ASCII escaped. */
    public static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    /** Every byte but unreserved characters percent-encoded, '/' included. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_' || c == '.' || c == '~') out.append((char) c);
            else out.append('%').append(String.format("%02X", c));
        }
        return out.toString();
    }

    // ---- headers -------------------------------------------------------------------------

    /** Text a header might hold: garbage, numbers at the limits, and well-formed values. */
    public static Arbitrary<String> headerNoise() {
        return Arbitraries.frequencyOf(
                Tuple(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40)),
                Tuple(2, Arbitraries.of("", " ", "-1", "0", "1", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775808", "1e3", "0x10", "NaN", "*", "\"\"", "\"*\"", ",", ";", "=", "null", "true")),
                Tuple(1, Arbitraries.longs().map(String::valueOf)));
    }

    /** Range headers: well-formed, backwards, open, suffix, multiple, overflowing, junk. */
    public static Arbitrary<String> range() {
        Arbitrary<String> bound = Arbitraries.frequencyOf(
                Tuple(3, Arbitraries.longs().between(0, 5000).map(String::valueOf)),
                Tuple(1, Arbitraries.of("", "-1", "9223372036854775807", "99999999999999999999", "a", " 1", "+1")));
        return Arbitraries.frequencyOf(
                Tuple(4, Combinators.combine(Arbitraries.of("bytes=", "bytes =", "Bytes=", "items=", "bytes=-", ""), bound, bound,
                        Arbitraries.of("-", "--", ",", "")).as((unit, first, last, dash) -> unit + first + dash + last)),
                Tuple(1, Combinators.combine(bound, bound).as((a, b) -> "bytes=" + a + "-" + b + "," + b + "-" + a)),
                Tuple(1, headerNoise()));
    }

    /** Dates as conditional headers and lock dates carry them: HTTP dates, ISO 8601, at the limits, junk. */
    public static Arbitrary<String> date() {
        return Arbitraries.frequencyOf(
                Tuple(2, Arbitraries.of("Wed, 02 Dec 2026 11:18:01 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
                        "Fri, 31 Dec 9999 23:59:59 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
                        "Sun Nov  6 08:49:37 1994", "Wed, 32 Dec 2026 11:18:01 GMT", "Wed, 02 Dec 2026 25:61:61 GMT",
                        "2026-12-02T11:18:01Z", "2026-12-02T11:18:01.123+02:00", "+999999999-12-31T23:59:59Z",
                        "-999999999-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "2026-02-30T00:00:00Z")),
                Tuple(1, headerNoise()));
    }

    /** Content-MD5 and x-amz-checksum-* values: right length, wrong length, not base64. */
    public static Arbitrary<String> checksum() {
        return Arbitraries.frequencyOf(
                Tuple(2, Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(40).map(Base64.getEncoder()::encodeToString)),
                Tuple(1, Arbitraries.of("AAAAAA==", "1B2M2Y8AsgTpgAmY7PhCfg==", "====", "not base64!", "%%%%")),
                Tuple(1, headerNoise()));
    }

    // ---- XML bodies ----------------------------------------------------------------------

    /** Bodies for DeleteObjects, CompleteMultipartUpload and PutBucketVersioning, good and bad. */
    public static Arbitrary<String> xml() {
        Arbitrary<String> keys = key().list().ofMaxSize(4).map(list -> {
            StringBuilder out = new StringBuilder();
            for (String k : list) out.append("<Object><Key>").append(escape(k)).append("</Key></Object>");
            return out.toString();
        });
        Arbitrary<String> parts = Combinators.combine(headerNoise(), headerNoise()).as((number, etag) ->
                "<Part><PartNumber>" + escape(number) + "</PartNumber><ETag>" + escape(etag) + "</ETag></Part>");
        return Arbitraries.frequencyOf(
                Tuple(2, keys.map(k -> "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + k + "<Quiet>true</Quiet></Delete>")),
                Tuple(2, parts.list().ofMaxSize(4).map(p -> "<CompleteMultipartUpload>" + String.join("", p) + "</CompleteMultipartUpload>")),
                Tuple(1, Arbitraries.of("Enabled", "Suspended", "enabled", "", "Disabled", "<x/>")
                        .map(status -> "<VersioningConfiguration><Status>" + status + "</Status></VersioningConfiguration>")),
                Tuple(1, Arbitraries.of(
                        "", "<", "<Delete>", "<Delete><Object><Key>a</Key></Object>", "</Delete>", "<?xml version=\"1.0\"?>",
                        "<Delete><Object><Key>a</Key></Object></Delete><Delete/>", "\u0000<Delete/>", "<Delete>&bogus;</Delete>",
                        "<Delete><Object><Key>&#0;</Key></Object></Delete>", "<Delete><Object><Key>&#xD800;</Key></Object></Delete>",
                        "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&e;</Key></Object></Delete>",
                        "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><Delete><Object><Key>&d;</Key></Object></Delete>",
                        "<?xml version=\"1.0\" encoding=\"UTF-7\"?><Delete/>", "<Delete xmlns=\"urn:other\"><Object><Key>a</Key></Object></Delete>")),
                Tuple(1, Arbitraries.integers().between(100, 5000).map(depth -> "<a>".repeat(depth) + "</a>".repeat(depth))),
                Tuple(1, Arbitraries.integers().between(1001, 3000).map(n ->
                        "<Delete>" + "<Object><Key>k</Key></Object>".repeat(n) + "</Delete>")),
                Tuple(1, Arbitraries.integers().between(10_000, 40_000).map(n ->
                        "<CompleteMultipartUpload>" + "<Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>".repeat(n)
                                + "</CompleteMultipartUpload>")));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> Tuple(int weight, Arbitrary<? extends T> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }

    /** Sample lists for callers that pick among fixed alternatives. */
    public static <T> Arbitrary<T> oneOf(List<T> values) {
        return Arbitraries.of(values);
    }
}
