package io.volumegate.s3.cors;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.storage.CorsRule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsConfigurationsTest {
    private static byte[] configuration(String... rules) {
        return ("<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + String.join("", rules) + "</CORSConfiguration>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String rule(String inner) {
        return "<CORSRule>" + inner + "</CORSRule>";
    }

    private static void refused(S3Error error, String message, byte[] document) {
        S3Exception e = assertThrows(S3Exception.class, () -> CorsConfigurations.parse(document));
        assertEquals(error, e.error());
        if (message != null) assertEquals(message, e.getMessage());
    }

    @Test
    void rulesRoundTripInOrder() {
        List<CorsRule> rules = CorsConfigurations.parse(configuration(
                rule("<ID>uploads</ID><AllowedHeader>*</AllowedHeader><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>"
                        + "<AllowedOrigin>https://*.example.com</AllowedOrigin><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>"),
                rule("<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>")));
        assertEquals(List.of(new CorsRule("uploads", List.of("https://*.example.com"), List.of("PUT", "POST"), List.of("*"), List.of("ETag"), 3000),
                new CorsRule(null, List.of("*"), List.of("GET"), List.of(), List.of(), null)), rules);
        assertEquals(rules, CorsConfigurations.parse(CorsConfigurations.document(rules)));
        String xml = new String(CorsConfigurations.document(rules), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<CORSRule><ID>uploads</ID><AllowedHeader>*</AllowedHeader><AllowedMethod>PUT</AllowedMethod>"), xml);
    }

    @Test
    void malformedConfigurationsAreMalformedXml() {
        refused(S3Error.MALFORMED_XML, null, configuration());
        refused(S3Error.MALFORMED_XML, null, configuration(rule("<AllowedOrigin>*</AllowedOrigin>")));
        refused(S3Error.MALFORMED_XML, null, configuration(rule("<AllowedMethod>GET</AllowedMethod>")));
        refused(S3Error.MALFORMED_XML, null, configuration(rule("<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>"
                + "<MaxAgeSeconds>soon</MaxAgeSeconds>")));
        refused(S3Error.MALFORMED_XML, null, "<CORSConfiguration>".getBytes(StandardCharsets.UTF_8));
        String ok = rule("<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>");
        assertEquals(100, CorsConfigurations.parse(configuration(java.util.Collections.nCopies(100, ok).toArray(String[]::new))).size());
        refused(S3Error.MALFORMED_XML, "The CORS configuration allows a maximum of 100 CORSRules",
                configuration(java.util.Collections.nCopies(101, ok).toArray(String[]::new)));
    }

    @Test
    void unsupportedMethodsAndWildcardsAreInvalidRequests() {
        refused(S3Error.INVALID_REQUEST, "Found unsupported HTTP method in CORS config. Unsupported method is PATCH",
                configuration(rule("<AllowedMethod>PATCH</AllowedMethod><AllowedOrigin>*</AllowedOrigin>")));
        refused(S3Error.INVALID_REQUEST, "Found unsupported HTTP method in CORS config. Unsupported method is get",
                configuration(rule("<AllowedMethod>get</AllowedMethod><AllowedOrigin>*</AllowedOrigin>")));
        refused(S3Error.INVALID_REQUEST, "AllowedOrigin \"*example*.com\" can not have more than one wildcard.",
                configuration(rule("<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*example*.com</AllowedOrigin>")));
        refused(S3Error.INVALID_REQUEST, "AllowedHeader \"x-*-*\" can not have more than one wildcard.",
                configuration(rule("<AllowedHeader>x-*-*</AllowedHeader><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>")));
        refused(S3Error.INVALID_REQUEST, null,
                configuration(rule("<AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><ExposeHeader>x-*</ExposeHeader>")));
    }

    @Test
    void theFirstMatchingRuleWins() {
        List<CorsRule> rules = CorsConfigurations.parse(configuration(
                rule("<ID>a</ID><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*suffix</AllowedOrigin>"),
                rule("<ID>b</ID><AllowedMethod>GET</AllowedMethod><AllowedOrigin>start*end</AllowedOrigin>"),
                rule("<ID>c</ID><AllowedHeader>x-amz-*</AllowedHeader><AllowedHeader>content-type</AllowedHeader>"
                        + "<AllowedMethod>PUT</AllowedMethod><AllowedOrigin>*.put</AllowedOrigin>"),
                rule("<ID>d</ID><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedOrigin>*</AllowedOrigin>")));
        assertEquals(Optional.of("a"), id(rules, "foo.suffix", "GET", null));
        assertEquals(Optional.of("b"), id(rules, "start12end", "GET", null));
        assertEquals(Optional.of("d"), id(rules, "0start12end.x", "GET", null));
        assertEquals(Optional.of("c"), id(rules, "foo.put", "PUT", "X-Amz-Checksum-Crc32, content-type"));
        assertEquals(Optional.empty(), id(rules, "foo.put", "PUT", "authorization"), "c does not allow the header, d allows none");
        assertEquals(Optional.of("c"), id(rules, "foo.put", "PUT", null));
        assertEquals(Optional.of("d"), id(rules, "other.example", "PUT", null));
        assertEquals(Optional.empty(), CorsRules.match(rules.subList(0, 3), "foo.bar", "GET", null));
        assertEquals(Optional.empty(), CorsRules.match(rules, "foo.suffix", "get", null), "methods are matched as spelled");
        assertEquals("*", CorsRules.allowOrigin(rules.get(3), "https://x.example"));
        assertEquals("foo.suffix", CorsRules.allowOrigin(rules.get(0), "foo.suffix"));
    }

    private static Optional<String> id(List<CorsRule> rules, String origin, String method, String headers) {
        return CorsRules.match(rules, origin, method, headers).map(CorsRule::id);
    }
}
