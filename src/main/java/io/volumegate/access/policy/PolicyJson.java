package io.volumegate.access.policy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The JSON side of a policy document (JSON-P): reading the text into a tree, and reading the
 * tree's values the way IAM writes them (a single value or an array of them).
 */
final class PolicyJson {
    /** Stands for an array on the stack of member names: arrays have none. */
    private static final Set<String> ARRAY = Set.of();
    /**
     * The deepest nesting a policy can have is 6 (document, Statement array, statement, Condition,
     * operator, values array); deeper is no policy, and is refused before a parser that builds
     * the tree recursively could run out of stack on 20 KB of brackets.
     */
    private static final int MAX_DEPTH = 16;
    /** Made once: {@code Json.createReader} looks the JSON-P provider up (a ServiceLoader scan) on every call. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private PolicyJson() {}

    /**
     * The document's top-level object. Beyond JSON's grammar, a name twice in one object is
     * refused: IAM forbids it ("Individual elements must not contain multiple instances of the
     * same key"), and a parser that kept either one would let a second {@code "Effect"} or
     * {@code "Condition"} hide behind the first.
     */
    static JsonObject document(String json) {
        int first = firstNonWhitespace(json);
        if (first < 0 || json.charAt(first) != '{') throw new MalformedPolicyException(MalformedPolicyException.FIRST_BYTE);
        checkStructure(json);
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw invalidJson();
        }
    }

    /** A string or an array of strings, in order; anything else is refused with the message. */
    static List<String> strings(JsonValue value, String message) {
        if (value instanceof JsonString string) return List.of(string.getString());
        if (!(value instanceof JsonArray array)) throw new MalformedPolicyException(message);
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue element : array) {
            if (!(element instanceof JsonString string)) throw new MalformedPolicyException(message);
            strings.add(string.getString());
        }
        return List.copyOf(strings);
    }

    /**
     * Condition values: strings, numbers or booleans, alone or in an array, each as its text
     * ("Quotation marks are optional for numeric and Boolean values").
     */
    static List<String> scalars(JsonValue value) {
        if (!(value instanceof JsonArray array)) return List.of(scalar(value));
        List<String> scalars = new ArrayList<>(array.size());
        for (JsonValue element : array) scalars.add(scalar(element));
        return List.copyOf(scalars);
    }

    /** The member's text when it is present: it must then be a string. */
    static String optionalString(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null) return null;
        if (!(value instanceof JsonString string)) throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
        return string.getString();
    }

    /** Refuses any member the element does not define: a misspelt "Conditon" must not vanish. */
    static void rejectUnknownMembers(JsonObject object, Set<String> known) {
        for (String name : object.keySet()) {
            if (!known.contains(name)) throw MalformedPolicyException.unknownField(name);
        }
    }

    private static String scalar(JsonValue value) {
        if (value instanceof JsonString string) return string.getString();
        if (value instanceof JsonNumber number) return number.toString();
        if (value == JsonValue.TRUE) return "true";
        if (value == JsonValue.FALSE) return "false";
        throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
    }

    /** One pass of the streaming parser: JSON, one value, no name twice in an object, not too deep. */
    private static void checkStructure(String json) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
            Deque<Set<String>> names = new ArrayDeque<>();
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                boolean opens = event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY;
                if (opens && names.size() == MAX_DEPTH) throw new MalformedPolicyException(MalformedPolicyException.SYNTAX);
                switch (event) {
                    case START_OBJECT -> names.push(new HashSet<>());
                    case START_ARRAY -> names.push(ARRAY);
                    case END_OBJECT, END_ARRAY -> {
                        names.pop();
                        // One document, nothing after it.
                        if (names.isEmpty() && parser.hasNext()) throw invalidJson();
                    }
                    case KEY_NAME -> {
                        String name = parser.getString();
                        if (!names.element().add(name)) {
                            throw new MalformedPolicyException("Duplicate field " + MalformedPolicyException.excerpt(name));
                        }
                    }
                    default -> { }
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw invalidJson();
        }
    }

    private static MalformedPolicyException invalidJson() {
        return new MalformedPolicyException(MalformedPolicyException.INVALID_JSON);
    }

    private static int firstNonWhitespace(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return i;
        }
        return -1;
    }
}
