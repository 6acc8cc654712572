package io.volumegate.access.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request to decide.
 *
 * @param action     e.g. "s3:GetObject"; compared case-insensitively, as AWS does
 * @param resource   e.g. "arn:aws:s3:::bucket" or "arn:aws:s3:::bucket/key/with/slashes"; compared
 *                   case-sensitively
 * @param principals the identifiers the requester is known by (its canonical user id, its access key
 *                   id); empty for an anonymous request
 * @param context    condition keys to values, e.g. "aws:SourceIp" -> ["203.0.113.7"],
 *                   "aws:SecureTransport" -> ["false"], "s3:prefix" -> ["photos/"]; keys are
 *                   case-insensitive, as in AWS; a key that is absent or has no values is absent
 */
public record PolicyRequest(String action, String resource, Set<String> principals, Map<String, List<String>> context) {
    public PolicyRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        principals = Set.copyOf(principals);
        context = caseInsensitiveCopy(context);
    }

    /** The request's values of a condition key, in any case; empty when the request has none. */
    public List<String> values(String key) {
        return context.getOrDefault(key, List.of());
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> context) {
        // AWS compares condition key names without regard to case ("aws:sourceip" is
        // "aws:SourceIp"), so the copy looks keys up that way; evaluation never lower-cases.
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
