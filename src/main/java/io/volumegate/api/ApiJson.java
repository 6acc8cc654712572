package io.volumegate.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON-B for the management API: snake_case property names (records' components are
 * written {@code access_key_id}), nulls written as null so every document has one shape.
 * Jsonb instances are thread-safe and costly to build: one for the whole application.
 */
public final class ApiJson {
    public static final String CONTENT_TYPE = "application/json";
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true));

    private ApiJson() {}

    public static byte[] write(Object value) {
        return JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    /**
     * Parses a request document; anything that is not JSON of the expected shape is a
     * 400 MalformedJson, never a stack trace.
     */
    public static <T> T read(byte[] json, Type type) {
        if (json.length == 0) throw ApiException.malformedJson("A JSON document is required as the request body.");
        try {
            T value = JSONB.fromJson(new String(json, StandardCharsets.UTF_8), type);
            if (value == null) throw ApiException.malformedJson("The request body must be a JSON object, not null.");
            return value;
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonbException, and implementations' own parser exceptions: the client's fault.
            throw ApiException.malformedJson("The request body is not a valid JSON document of the expected shape.");
        }
    }

    /** A JSON boolean, false when absent or null; anything else is a 400. */
    public static boolean flag(Object value, String name) {
        if (value == null) return false;
        if (value instanceof Boolean flag) return flag;
        throw ApiException.malformedJson(name + " must be true or false.");
    }
}
