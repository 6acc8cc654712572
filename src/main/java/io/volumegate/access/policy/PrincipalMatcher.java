package io.volumegate.access.policy;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A statement's Principal (or NotPrincipal): who it speaks of.
 *
 * <p>{@code "*"} and {@code {"AWS": "*"}} are everyone, anonymous requests too. Otherwise each
 * principal names an identity by an id, which a request matches when it is among the ids the
 * requester is known by ({@link PolicyRequest#principals()}: its canonical user id, its access key
 * id): {@code {"AWS": id}}, where an account ARN {@code arn:aws:iam::<id>:root} or a user ARN
 * {@code arn:aws:iam::<id>:user/<name>} stands for its {@code <id>}, as this server has one identity
 * per account; {@code {"CanonicalUser": id}}; {@code {"Service": ...}} and {@code {"Federated":
 * ...}}, compared as given. Anything else (an empty value, a wildcard inside an id, a role's ARN,
 * which no identity here has) is refused as S3 refuses it, "Invalid principal in policy".
 */
final class PrincipalMatcher {
    private static final String EVERYONE = "*";
    private static final String AWS = "AWS";
    private static final Set<String> TYPES = Set.of(AWS, "CanonicalUser", "Service", "Federated");
    private static final String IAM_ARN = "arn:aws:iam::";

    private final boolean everyone;
    private final Set<String> ids;
    private final boolean negated;

    private PrincipalMatcher(boolean everyone, Set<String> ids, boolean negated) {
        this.everyone = everyone;
        this.ids = Set.copyOf(ids);
        this.negated = negated;
    }

    /**
     * @param negated         a NotPrincipal: the statement speaks of everyone but these
     * @param principalExists whether an id names an identity of this server; S3 refuses a
     *                        principal that does not exist
     */
    static PrincipalMatcher read(JsonValue value, boolean negated, Predicate<String> principalExists) {
        if (value instanceof JsonString string) {
            if (!string.getString().equals(EVERYONE)) throw invalid();
            return new PrincipalMatcher(true, Set.of(), negated);
        }
        if (!(value instanceof JsonObject types) || types.isEmpty()) throw invalid();
        boolean everyone = false;
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonValue> entry : types.entrySet()) {
            if (!TYPES.contains(entry.getKey())) throw invalid();
            List<String> names = PolicyJson.strings(entry.getValue(), MalformedPolicyException.INVALID_PRINCIPAL);
            if (names.isEmpty()) throw invalid();
            for (String name : names) {
                if (name.equals(EVERYONE) && entry.getKey().equals(AWS)) {
                    everyone = true;
                    continue;
                }
                String id = entry.getKey().equals(AWS) ? awsId(name) : plainId(name);
                if (!principalExists.test(id)) throw invalid();
                ids.add(id);
            }
        }
        return new PrincipalMatcher(everyone, ids, negated);
    }

    /** Whether the statement speaks of a requester known by these ids (none: anonymous). */
    boolean matches(Set<String> requestPrincipals) {
        return named(requestPrincipals) != negated;
    }

    /** Whether the statement speaks of everyone, anonymous requesters included. */
    boolean isEveryone() {
        return everyone && !negated;
    }

    boolean negated() {
        return negated;
    }

    private boolean named(Set<String> requestPrincipals) {
        if (everyone) return true;
        for (String principal : requestPrincipals) {
            if (ids.contains(principal)) return true;
        }
        return false;
    }

    /** The id an AWS principal names: an account or user ARN's account id, or the value itself. */
    private static String awsId(String name) {
        if (!name.startsWith("arn:")) return plainId(name);
        if (!name.startsWith(IAM_ARN)) throw invalid();
        int colon = name.indexOf(':', IAM_ARN.length());
        if (colon < 0) throw invalid();
        String account = plainId(name.substring(IAM_ARN.length(), colon));
        String resource = name.substring(colon + 1);
        boolean user = resource.startsWith("user/") && resource.length() > "user/".length();
        if (!resource.equals("root") && !user) throw invalid();
        if (WildcardPattern.hasWildcard(resource)) throw invalid();
        return account;
    }

    /** "You cannot use a wildcard to match part of a principal name or ARN." */
    private static String plainId(String name) {
        if (name.isEmpty() || WildcardPattern.hasWildcard(name)) throw invalid();
        return name;
    }

    private static MalformedPolicyException invalid() {
        return new MalformedPolicyException(MalformedPolicyException.INVALID_PRINCIPAL);
    }
}
