package io.volumegate.access.policy;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a policy document's outer shape: its size, its JSON, an optional {@code Version}
 * ({@code 2012-10-17} or {@code 2008-10-17}, AWS's default when absent) and {@code Id}, and
 * {@code Statement}, one statement or a non-empty array of them, each read by
 * {@link StatementReader}. Checks come in the order S3's answers suggest: size, first byte, JSON,
 * then the elements.
 */
final class PolicyReader {
    private static final Set<String> MEMBERS = Set.of("Version", "Id", "Statement");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private PolicyReader() {}

    static List<Statement> read(String json, String bucket, Predicate<String> principalExists) {
        PolicySize.check(json);
        JsonObject document = PolicyJson.document(json);
        PolicyJson.rejectUnknownMembers(document, MEMBERS);
        checkVersion(document.get("Version"));
        PolicyJson.optionalString(document, "Id");
        StatementReader reader = new StatementReader(bucket, principalExists);
        List<Statement> statements = new ArrayList<>();
        for (JsonValue statement : statements(document.get("Statement"))) statements.add(reader.read(statement));
        return List.copyOf(statements);
    }

    private static void checkVersion(JsonValue version) {
        if (version == null) return;
        if (!(version instanceof JsonString text) || !VERSIONS.contains(text.getString())) {
            throw new MalformedPolicyException(MalformedPolicyException.INVALID_VERSION);
        }
    }

    private static List<JsonValue> statements(JsonValue statement) {
        if (statement == null) throw new MalformedPolicyException(MalformedPolicyException.MISSING_STATEMENT);
        if (statement instanceof JsonObject single) return List.of(single);
        if (!(statement instanceof JsonArray array)) throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
        if (array.isEmpty()) throw new MalformedPolicyException(MalformedPolicyException.EMPTY_STATEMENT);
        return array;
    }
}
