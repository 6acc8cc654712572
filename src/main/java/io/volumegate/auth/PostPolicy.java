package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy document of a browser form upload (S3's POST Object): base64 of a JSON object
 * whose {@code expiration} says until when the form may be posted and whose
 * {@code conditions} every field of the form must meet:
 * <ul>
 *   <li>{@code {"field": "value"}} and {@code ["eq", "$field", "value"]}: the field equals the value;</li>
 *   <li>{@code ["starts-with", "$field", "prefix"]}: it starts with the prefix ({@code ""} takes
 *       anything); a Content-Type of several comma-separated types must have each start so;</li>
 *   <li>{@code ["content-length-range", min, max]}: the file's size in bytes, which only its
 *       end tells ({@link #contentLengthRange()}, checked by whoever streams the file).</li>
 * </ul>
 * Field names are case-insensitive, as in S3; operators too. The {@code bucket} is the bucket
 * the form is posted to. Every field of the form must be named by a condition, except the
 * policy and its signature ({@code policy}, {@code x-amz-signature}, {@code signature},
 * {@code AWSAccessKeyId}), the {@code file}, fields named {@code x-ignore-*}, and the
 * {@code x-amz-checksum-*} fields, which can only narrow what is stored.
 *
 * <p>Refusals are S3's: a document that is not base64 JSON of that shape is 400
 * {@code InvalidPolicyDocument}; an expired one, a failed condition or a field no condition
 * names is 403 {@code AccessDenied} ("Invalid according to Policy: ...").
 */
public final class PostPolicy {
    /** Field names compared in lower case; these need no condition. */
    private static final Set<String> UNCONDITIONED = Set.of("policy", "x-amz-signature", "signature", "awsaccesskeyid", "file");
    private static final String IGNORED_PREFIX = "x-ignore-";
    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";
    /** Policies are a few hundred bytes; refuse to decode a field the size of a file. */
    static final int MAX_POLICY_LENGTH = 20 * 1024;

    /** The file size a {@code content-length-range} condition allows, both ends included. */
    public record LengthRange(long min, long max) {
        public boolean contains(long length) { return length >= min && length <= max; }
    }

    private enum Operator { EQ, STARTS_WITH }

    /** One field condition; {@code text} is how S3 quotes it when it fails. */
    private record Condition(Operator operator, String field, String value, String text) {
        boolean holds(String actual) {
            if (operator == Operator.EQ) return actual.equals(value);
            if (field.equals("content-type")) {
                // S3: a Content-Type of several types, comma-separated, must have each start with the prefix.
                for (String type : actual.split(",", -1)) {
                    if (!type.strip().startsWith(value)) return false;
                }
                return true;
            }
            return actual.startsWith(value);
        }
    }

    private final Instant expiration;
    private final List<Condition> conditions;
    private final LengthRange lengthRange;

    private PostPolicy(Instant expiration, List<Condition> conditions, LengthRange lengthRange) {
        this.expiration = expiration;
        this.conditions = conditions;
        this.lengthRange = lengthRange;
    }

    /**
     * Parses the form's {@code policy} field, exactly as sent (the signature covers those
     * characters, so verify it first).
     *
     * @throws S3Exception 400 InvalidPolicyDocument when it is not a policy document
     */
    public static PostPolicy parse(String policyField) {
        JsonObject document = decode(policyField);
        JsonValue expirationValue = document.get("expiration");
        if (expirationValue == null) throw invalid("Policy missing expiration.");
        JsonValue conditionsValue = document.get("conditions");
        if (conditionsValue == null) throw invalid("Policy missing conditions.");
        if (!(expirationValue instanceof JsonString expirationText)) throw invalid("Invalid 'expiration' value.");
        Instant expiration = parseExpiration(expirationText.getString());
        if (!(conditionsValue instanceof JsonArray conditionList)) throw invalid("Invalid 'conditions' value: it must be a list.");

        List<Condition> conditions = new ArrayList<>();
        LengthRange range = null;
        for (JsonValue entry : conditionList) {
            if (entry instanceof JsonObject simple) {
                conditions.add(simpleCondition(simple));
            } else if (entry instanceof JsonArray array) {
                if (array.isEmpty() || !(array.get(0) instanceof JsonString operator)) throw invalid("Invalid Condition: " + array + ".");
                String name = operator.getString().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "eq" -> conditions.add(fieldCondition(Operator.EQ, array));
                    case "starts-with" -> conditions.add(fieldCondition(Operator.STARTS_WITH, array));
                    case "content-length-range" -> range = lengthRange(array);
                    default -> throw invalid("Invalid Condition: unknown operation '" + operator.getString() + "'.");
                }
            } else {
                throw invalid("Invalid Condition: each condition must be an object or a list.");
            }
        }
        return new PostPolicy(expiration, List.copyOf(conditions), range);
    }

    public Instant expiration() { return expiration; }

    /** The file sizes the policy allows, when it has a {@code content-length-range}. */
    public Optional<LengthRange> contentLengthRange() { return Optional.ofNullable(lengthRange); }

    /**
     * Checks the policy against the form: not expired at {@code now}, every condition met,
     * every field named by one.
     *
     * @param fields the form's fields by lower-case name, in form order; {@code bucket} is the
     *               bucket the form is posted to (whatever a form field of that name said)
     * @throws S3Exception 403 AccessDenied, with S3's "Invalid according to Policy" message
     */
    public void check(Map<String, String> fields, Instant now) {
        if (!now.isBefore(expiration)) throw notAllowed("Policy expired.");
        Set<String> named = new HashSet<>();
        for (Condition condition : conditions) {
            named.add(condition.field());
            if (!condition.holds(fields.getOrDefault(condition.field(), ""))) {
                throw notAllowed("Policy Condition failed: " + condition.text());
            }
        }
        List<String> extra = new ArrayList<>();
        for (String field : fields.keySet()) {
            if (!named.contains(field) && !needsNoCondition(field)) extra.add(field);
        }
        if (!extra.isEmpty()) throw notAllowed("Extra input fields: " + String.join(", ", extra));
    }

    private static boolean needsNoCondition(String field) {
        return UNCONDITIONED.contains(field) || field.startsWith(IGNORED_PREFIX) || field.startsWith(CHECKSUM_PREFIX);
    }

    private static JsonObject decode(String policyField) {
        if (policyField.length() > MAX_POLICY_LENGTH) throw invalid("The policy is too long.");
        byte[] json;
        try {
            // MIME: some libraries wrap long base64 lines.
            json = Base64.getMimeDecoder().decode(policyField);
        } catch (IllegalArgumentException e) {
            throw invalid("The policy is not base64.");
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) return object;
            throw invalid("Invalid JSON: the policy must be a JSON object.");
        } catch (JsonException | IllegalStateException e) {
            throw invalid("Invalid JSON.");
        }
    }

    /** ISO 8601 in UTC, with or without fractions of a second: {@code 2007-12-01T12:00:00.000Z}. */
    private static Instant parseExpiration(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("Invalid 'expiration' value: '" + text + "'.");
        }
    }

    private static Condition simpleCondition(JsonObject simple) {
        if (simple.size() != 1) throw invalid("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        Map.Entry<String, JsonValue> only = simple.entrySet().iterator().next();
        String value = text(only.getValue(), only.getKey());
        String field = only.getKey().toLowerCase(Locale.ROOT);
        return new Condition(Operator.EQ, field, value, quote("eq", "$" + only.getKey(), value));
    }

    private static Condition fieldCondition(Operator operator, JsonArray array) {
        String name = ((JsonString) array.get(0)).getString();
        if (array.size() != 3 || !(array.get(1) instanceof JsonString fieldValue)) {
            throw invalid("Invalid Condition: '" + name + "' takes a field and a value: " + array + ".");
        }
        String field = fieldValue.getString();
        if (!field.startsWith("$") || field.length() == 1) {
            throw invalid("Invalid Condition: the field of '" + name + "' must start with '$': " + array + ".");
        }
        String value = text(array.get(2), field);
        return new Condition(operator, field.substring(1).toLowerCase(Locale.ROOT), value, quote(name, field, value));
    }

    private static LengthRange lengthRange(JsonArray array) {
        if (array.size() != 3) throw invalid("Invalid Condition: content-length-range takes a minimum and a maximum.");
        long min = length(array.get(1));
        long max = length(array.get(2));
        if (min > max) throw invalid("Invalid Condition: the minimum of content-length-range is above its maximum.");
        return new LengthRange(min, max);
    }

    private static long length(JsonValue value) {
        try {
            long length;
            if (value instanceof JsonNumber number) length = number.longValueExact();
            else if (value instanceof JsonString string) length = Long.parseLong(string.getString().strip());
            else throw invalid("Invalid Condition: content-length-range bounds must be numbers.");
            if (length < 0) throw invalid("Invalid Condition: content-length-range bounds may not be negative.");
            return length;
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid("Invalid Condition: content-length-range bounds must be whole numbers.");
        }
    }

    private static String text(JsonValue value, String field) {
        if (value instanceof JsonString string) return string.getString();
        if (value instanceof JsonNumber number) return number.toString();
        throw invalid("Invalid Condition: the value for '" + field + "' must be a string.");
    }

    /** A condition as S3 quotes it in a refusal: {@code ["starts-with", "$key", "user/"]}. */
    private static String quote(String operator, String field, String value) {
        return "[" + Json.createValue(operator) + ", " + Json.createValue(field) + ", " + Json.createValue(value) + "]";
    }

    private static S3Exception invalid(String why) {
        return S3Error.INVALID_POLICY_DOCUMENT.exception("Invalid Policy: " + why);
    }

    private static S3Exception notAllowed(String why) {
        return S3Error.ACCESS_DENIED.exception("Invalid according to Policy: " + why);
    }

    /**
     * Writes a policy document, for those who hand out forms: {@link #build} gives the JSON
     * text, which the form carries base64-encoded and signed.
     */
    public static final class Builder {
        private final Instant expiration;
        private final JsonArrayBuilder conditions = Json.createArrayBuilder();

        public Builder(Instant expiration) {
            this.expiration = expiration.truncatedTo(ChronoUnit.SECONDS);
        }

        public Builder equals(String field, String value) {
            conditions.add(Json.createObjectBuilder().add(field, value));
            return this;
        }

        public Builder startsWith(String field, String prefix) {
            conditions.add(Json.createArrayBuilder().add("starts-with").add("$" + field).add(prefix));
            return this;
        }

        public Builder contentLengthRange(long min, long max) {
            conditions.add(Json.createArrayBuilder().add("content-length-range").add(min).add(max));
            return this;
        }

        /** The policy's JSON text. */
        public String build() {
            return Json.createObjectBuilder().add("expiration", expiration.toString()).add("conditions", conditions).build().toString();
        }

        /** The policy as the form's {@code policy} field: base64 of its UTF-8 JSON. */
        public String encoded() {
            return Base64.getEncoder().encodeToString(build().getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Signs the policy with SigV4, as SDKs' presigned POSTs do: pins the form's
         * x-amz-algorithm, x-amz-credential and x-amz-date with conditions, then answers
         * those fields, the {@code policy} and its {@code x-amz-signature}, in form order.
         */
        public Map<String, String> signV4(String accessKeyId, byte[] secret, String region, Instant at) {
            String amzDate = AmzDates.formatBasic(at);
            String date = amzDate.substring(0, 8);
            String credential = accessKeyId + '/' + SigV4Signer.scope(date, region);
            equals(PostPolicyVerifier.ALGORITHM, SigV4Signer.ALGORITHM);
            equals(PostPolicyVerifier.CREDENTIAL, credential);
            equals(PostPolicyVerifier.DATE, amzDate);
            String policy = encoded();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(PostPolicyVerifier.ALGORITHM, SigV4Signer.ALGORITHM);
            fields.put(PostPolicyVerifier.CREDENTIAL, credential);
            fields.put(PostPolicyVerifier.DATE, amzDate);
            fields.put(PostPolicyVerifier.POLICY, policy);
            fields.put(PostPolicyVerifier.SIGNATURE_V4, PostPolicyVerifier.signatureV4(secret, date, region, policy));
            return fields;
        }
    }
}
