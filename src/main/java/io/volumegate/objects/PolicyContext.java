package io.volumegate.objects;

import io.volumegate.access.Principal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The condition keys a bucket policy may test, as AWS spells them, built the same way by
 * both APIs: who asks and from where, then whatever the request adds (headers, list
 * parameters). A key whose value the request lacks is left out, so IfExists reads it as absent.
 */
public final class PolicyContext {
    private final Map<String, List<String>> values = new HashMap<>();

    private PolicyContext() {}

    /** The keys every request has: its source address, whether it came over TLS, and who sent it. */
    public static PolicyContext of(Principal principal, String sourceIp, boolean secureTransport) {
        PolicyContext context = new PolicyContext();
        context.values.put("aws:SourceIp", List.of(sourceIp));
        context.values.put("aws:SecureTransport", List.of(Boolean.toString(secureTransport)));
        context.values.put("aws:PrincipalType", List.of(principal.isAnonymous() ? "Anonymous" : "User"));
        if (!principal.isAnonymous()) context.values.put("aws:username", List.of(principal.accessKeyId()));
        Instant now = Instant.now();
        context.values.put("aws:CurrentTime", List.of(now.toString()));
        context.values.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        return context;
    }

    /** Adds {@code key} with {@code value}; nothing when the value is null. */
    public PolicyContext with(String key, String value) {
        if (value != null) values.put(key, List.of(value));
        return this;
    }

    /** Adds a key with several values (a multivalued key such as {@code s3:RequestObjectTagKeys}). */
    public PolicyContext withAll(String key, List<String> values) {
        values.forEach(java.util.Objects::requireNonNull);
        this.values.put(key, List.copyOf(values));
        return this;
    }

    public Map<String, List<String>> values() {
        return Map.copyOf(values);
    }
}
