package io.volumegate.access.policy;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads one statement of a policy document and validates it as S3 does: {@code Effect}, exactly
 * one of {@code Principal} / {@code NotPrincipal} (NotPrincipal with Deny only), of {@code Action}
 * / {@code NotAction} and of {@code Resource} / {@code NotResource}, an optional {@code Sid} and
 * {@code Condition}; nothing else.
 */
final class StatementReader {
    private static final Set<String> MEMBERS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    private final String bucket;
    private final Predicate<String> principalExists;

    /** An element and whether it was written in its Not form. */
    private record Element(JsonValue value, boolean negated) {}

    StatementReader(String bucket, Predicate<String> principalExists) {
        this.bucket = bucket;
        this.principalExists = principalExists;
    }

    Statement read(JsonValue value) {
        if (!(value instanceof JsonObject statement)) throw syntax();
        PolicyJson.rejectUnknownMembers(statement, MEMBERS);
        PolicyJson.optionalString(statement, "Sid"); // any text, spaces included (S3's own samples have them)
        boolean deny = deny(statement);
        Element principal = element(statement, "Principal");
        if (principal.negated() && !deny) throw new MalformedPolicyException(MalformedPolicyException.NOT_PRINCIPAL_WITH_ALLOW);
        PatternList actions = patterns(element(statement, "Action"), MalformedPolicyException.INVALID_ACTION,
                ActionPattern::compile);
        PatternList resources = patterns(element(statement, "Resource"), MalformedPolicyException.INVALID_RESOURCE,
                resource -> ResourcePattern.compile(resource, bucket));
        return new Statement(deny, PrincipalMatcher.read(principal.value(), principal.negated(), principalExists),
                actions, resources, conditions(statement.get("Condition")));
    }

    /** "The Effect value is case sensitive": Allow or Deny. */
    private static boolean deny(JsonObject statement) {
        JsonValue effect = statement.get("Effect");
        if (effect == null) throw MalformedPolicyException.missingField("Effect");
        if (!(effect instanceof JsonString text)) throw syntax();
        return switch (text.getString()) {
            case "Allow" -> false;
            case "Deny" -> true;
            default -> throw MalformedPolicyException.invalidEffect(text.getString());
        };
    }

    /** The element or its Not form: exactly one of them. */
    private static Element element(JsonObject statement, String name) {
        JsonValue positive = statement.get(name);
        JsonValue negative = statement.get("Not" + name);
        if (positive != null && negative != null) throw MalformedPolicyException.bothFields(name);
        if (positive == null && negative == null) throw MalformedPolicyException.missingField(name);
        JsonValue value = positive != null ? positive : negative;
        if (value == JsonValue.NULL) throw syntax();
        return new Element(value, positive == null);
    }

    private static PatternList patterns(Element element, String message, Function<String, WildcardPattern> compile) {
        List<String> entries = PolicyJson.strings(element.value(), message);
        if (entries.isEmpty()) throw new MalformedPolicyException(message);
        return new PatternList(entries.stream().map(compile).toList(), element.negated());
    }

    /** {@code {"<type>": {"<key>": value or [values]}, ...}}; absent, no conditions. */
    private static List<Condition> conditions(JsonValue block) {
        if (block == null) return List.of();
        if (!(block instanceof JsonObject types)) throw syntax();
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonValue> byType : types.entrySet()) {
            ConditionType type = ConditionType.parse(byType.getKey());
            if (!(byType.getValue() instanceof JsonObject keys)) throw syntax();
            for (Map.Entry<String, JsonValue> byKey : keys.entrySet()) {
                conditions.add(Condition.of(type, byKey.getKey(), PolicyJson.scalars(byKey.getValue())));
            }
        }
        return conditions;
    }

    private static MalformedPolicyException syntax() {
        return new MalformedPolicyException(MalformedPolicyException.SYNTAX);
    }
}
