package io.volumegate.s3.cors;

import io.volumegate.http.CorsPolicy;
import io.volumegate.http.S3Error;
import io.volumegate.s3.xml.CORSConfiguration;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.CorsRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * S3's CORSConfiguration document to the bucket's rules and back, with S3's refusals: at most
 * 100 rules, each with an AllowedOrigin and an AllowedMethod (MalformedXML otherwise); only GET,
 * PUT, POST, DELETE and HEAD; one {@code *} at most in an origin or an allowed header, none in an
 * expose header (InvalidRequest).
 */
final class CorsConfigurations {
    static final int MAX_RULES = 100;
    private static final int MAX_ID_LENGTH = 255;

    private CorsConfigurations() {}

    static List<CorsRule> parse(byte[] body) {
        CORSConfiguration document = S3Xml.read(body, CORSConfiguration.class);
        if (document.rules.isEmpty()) throw S3Error.MALFORMED_XML.exception();
        if (document.rules.size() > MAX_RULES) {
            throw S3Error.MALFORMED_XML.exception("The CORS configuration allows a maximum of 100 CORSRules");
        }
        List<CorsRule> rules = new ArrayList<>();
        for (CORSConfiguration.CORSRule rule : document.rules) rules.add(rule(rule));
        return rules;
    }

    private static CorsRule rule(CORSConfiguration.CORSRule rule) {
        if (rule.AllowedOrigins.isEmpty() || rule.AllowedMethods.isEmpty()) throw S3Error.MALFORMED_XML.exception();
        for (String method : rule.AllowedMethods) {
            if (method == null || !CorsPolicy.METHODS.contains(method)) {
                throw S3Error.INVALID_REQUEST.exception("Found unsupported HTTP method in CORS config. Unsupported method is "
                        + (method == null ? "" : method));
            }
        }
        for (String origin : rule.AllowedOrigins) {
            if (origin == null || wildcards(origin) > 1) {
                throw S3Error.INVALID_REQUEST.exception("AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
            }
        }
        for (String header : rule.AllowedHeaders) {
            if (header == null || wildcards(header) > 1) {
                throw S3Error.INVALID_REQUEST.exception("AllowedHeader \"" + header + "\" can not have more than one wildcard.");
            }
        }
        for (String header : rule.ExposeHeaders) {
            if (header == null || header.contains("*")) {
                throw S3Error.INVALID_REQUEST.exception("ExposeHeader \"" + header + "\" contains wildcard. We currently do not support "
                        + "wildcard for ExposeHeader.");
            }
        }
        if (rule.ID != null && rule.ID.length() > MAX_ID_LENGTH) {
            throw S3Error.INVALID_REQUEST.exception("The ID of a CORSRule must be no more than 255 characters");
        }
        return new CorsRule(rule.ID, rule.AllowedOrigins, rule.AllowedMethods, rule.AllowedHeaders, rule.ExposeHeaders,
                maxAge(rule.MaxAgeSeconds));
    }

    private static Integer maxAge(String text) {
        if (text == null) return null;
        try {
            int seconds = Integer.parseInt(text.strip());
            if (seconds >= 0) return seconds;
        } catch (NumberFormatException e) {
            // below
        }
        throw S3Error.MALFORMED_XML.exception();
    }

    private static long wildcards(String pattern) {
        return pattern.chars().filter(c -> c == '*').count();
    }

    static byte[] document(List<CorsRule> rules) {
        CORSConfiguration document = new CORSConfiguration();
        for (CorsRule rule : rules) {
            CORSConfiguration.CORSRule element = new CORSConfiguration.CORSRule();
            element.ID = rule.id();
            element.AllowedHeaders.addAll(rule.allowedHeaders());
            element.AllowedMethods.addAll(rule.allowedMethods());
            element.AllowedOrigins.addAll(rule.allowedOrigins());
            element.ExposeHeaders.addAll(rule.exposeHeaders());
            element.MaxAgeSeconds = rule.maxAgeSeconds() == null ? null : rule.maxAgeSeconds().toString();
            document.rules.add(element);
        }
        return S3Xml.write(document);
    }
}
