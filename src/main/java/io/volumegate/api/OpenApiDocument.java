package io.volumegate.api;

import jakarta.json.bind.annotation.JsonbProperty;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.0 document of the management API, generated from {@link ApiRoute}: paths,
 * methods, path parameters, security, request and answer schemas (from the routes' JSON-B
 * records, with the snake_case names JSON-B writes), so it cannot drift from what is served.
 */
final class OpenApiDocument {
    /** Query parameters of the routes that take some. */
    private record QueryParameter(String name, String type, boolean required, String description) {}

    private static final QueryParameter UPLOAD_ID = new QueryParameter(MultipartResource.UPLOAD_ID, "string", true,
            "The upload_id that presign or initiate answered");
    private static final QueryParameter VERSION_ID = new QueryParameter(ObjectResource.VERSION_ID, "string", false,
            "One version of the object: its version id (\"null\" for one written while the bucket was unversioned)");
    private static final Map<ApiRoute, List<QueryParameter>> QUERY = Map.of(ApiRoute.LIST_OBJECTS, List.of(
            new QueryParameter("prefix", "string", false, "Only keys that start with this"),
            new QueryParameter("delimiter", "string", false, "Roll keys up to common_prefixes at this string (usually '/')"),
            new QueryParameter("max_keys", "integer", false, "At most this many objects and prefixes, 0 to 1000 (default 1000)"),
            new QueryParameter("continuation_token", "string", false, "next_continuation_token of the previous page")),
            ApiRoute.LIST_PARTS, List.of(UPLOAD_ID,
                    new QueryParameter(ProxiedMultipartResource.MAX_PARTS, "integer", false, "At most this many parts, 1 to 1000 (default 1000)"),
                    new QueryParameter(ProxiedMultipartResource.PART_NUMBER_MARKER, "integer", false,
                            "Only parts after this number: next_part_number_marker of the previous page")),
            ApiRoute.UPLOAD_PART, List.of(UPLOAD_ID,
                    new QueryParameter(ProxiedMultipartResource.PART_NUMBER, "integer", true, "The part's number, 1 to 10000")),
            ApiRoute.DOWNLOAD_OBJECT, List.of(VERSION_ID),
            ApiRoute.HEAD_OBJECT, List.of(VERSION_ID),
            ApiRoute.DELETE_OBJECT, List.of(VERSION_ID),
            ApiRoute.GET_OBJECT_ACL, List.of(VERSION_ID),
            ApiRoute.PUT_OBJECT_ACL, List.of(VERSION_ID));

    /** HEAD has no body: the reference's HeadObjectResponse fields are these headers. */
    private static final Map<String, Object> OBJECT_HEADERS = Map.of(
            "Content-Length", header("integer", "content_length: the size in bytes"),
            "Content-Type", header("string", "content_type: the media type"),
            "ETag", header("string", "etag: the entity tag"),
            "Last-Modified", header("string", "last_modified: an HTTP date"));

    private OpenApiDocument() {}

    private static Map<String, Object> header(String type, String description) {
        return Map.of("description", description, "schema", Map.of("type", type));
    }

    static Map<String, Object> generate(String serverUrl) {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Error", schema(ApiError.class, schemas));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ApiRoute route : ApiRoute.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> path = (Map<String, Object>) paths.computeIfAbsent(route.template(), t -> new LinkedHashMap<>());
            path.put(route.method().toLowerCase(Locale.ROOT), operation(route, schemas));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", "VolumeGate management API", "version", "1",
                "description", "JSON management API of VolumeGate. Every error is {\"code\", \"message\"}. "
                        + "{key} path parameters are whole object keys and may contain '/' (send them percent-encoded as "
                        + "S3 paths are). POST .../objects/{key} with a multipart/form-data body is an upload; "
                        + "any other POST to a path ending in /copy, /delete, /download, /presign, /complete or /abort is that "
                        + "JSON call, GET .../multipart/{key}/parts lists parts, and GET or PUT .../objects/{key}/acl is the object's "
                        + "ACL; a key whose last segment is one of these words is reached with the slash before it sent as %2F."));
        document.put("servers", List.of(Map.of("url", serverUrl)));
        document.put("paths", paths);
        document.put("components", Map.of("schemas", schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                        "description", "The token POST /auth/token answers for an S3 key pair (Swagger UI at /api/v1/docs "
                                + "puts it in by itself when that call is tried out there)"))));
        return document;
    }

    private static Map<String, Object> operation(ApiRoute route, Map<String, Object> schemas) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", camel(route.name()));
        operation.put("summary", route.summary());
        operation.put("tags", List.of(route.tag()));
        List<Object> parameters = new ArrayList<>();
        for (String name : route.parameters()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", name);
            parameter.put("in", "path");
            parameter.put("required", true);
            parameter.put("schema", Map.of("type", "string"));
            if (name.equals(ApiRoute.KEY)) parameter.put("description", "The whole object key; may contain '/'.");
            parameters.add(parameter);
        }
        for (QueryParameter query : QUERY.getOrDefault(route, List.of())) {
            parameters.add(Map.of("name", query.name(), "in", "query", "required", query.required(),
                    "schema", Map.of("type", query.type()), "description", query.description()));
        }
        if (route == ApiRoute.DOWNLOAD_OBJECT) {
            parameters.add(Map.of("name", "Range", "in", "header", "required", false, "schema", Map.of("type", "string"),
                    "description", "One byte range, bytes=first-last"));
        }
        if (!parameters.isEmpty()) operation.put("parameters", parameters);
        if (route.body() == ApiRoute.Body.JSON && route.requestType() != null) {
            // Object: a JSON document taken as it is (a bucket policy), not one of our records.
            Map<String, Object> schema = route.requestType() == Object.class ? Map.of("type", "object")
                    : reference(route.requestType(), schemas);
            operation.put("requestBody", Map.of("required", route != ApiRoute.CREATE_MULTIPART,
                    "content", Map.of(ApiJson.CONTENT_TYPE, Map.of("schema", schema))));
        } else if (route.body() == ApiRoute.Body.MULTIPART) {
            operation.put("requestBody", Map.of("required", true, "content", Map.of("multipart/form-data", Map.of("schema",
                    Map.of("type", "object", "required", List.of(FormFile.FIELD),
                            "properties", Map.of(FormFile.FIELD, Map.of("type", "string", "format", "binary")))))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> success = new LinkedHashMap<>();
        success.put("description", route.summary());
        Class<?> answer = route.responseType();
        if (answer == byte[].class) {
            String type = route == ApiRoute.DOWNLOAD_ZIP ? "application/zip" : "application/octet-stream";
            success.put("content", Map.of(type, Map.of("schema", Map.of("type", "string", "format", "binary"))));
        } else if (answer == Object.class) {
            success.put("content", Map.of(ApiJson.CONTENT_TYPE, Map.of("schema", Map.of("type", "object"))));
        } else if (answer != null) {
            success.put("content", Map.of(ApiJson.CONTENT_TYPE, Map.of("schema", reference(answer, schemas))));
        }
        if (route == ApiRoute.HEAD_OBJECT) success.put("headers", OBJECT_HEADERS);
        responses.put(String.valueOf(route.status()), success);
        Map<String, Object> error = Map.of("description", "An error", "content",
                Map.of(ApiJson.CONTENT_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        responses.put("default", error);
        operation.put("responses", responses);
        operation.put("security", route.access() == ApiRoute.Access.PUBLIC ? List.of() : List.of(Map.of("bearer", List.of())));
        return operation;
    }

    private static Map<String, Object> reference(Class<?> type, Map<String, Object> schemas) {
        String name = type.getSimpleName();
        if (!schemas.containsKey(name)) {
            schemas.put(name, Map.of()); // placeholder against cycles
            schemas.put(name, schema(type, schemas));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static Map<String, Object> schema(Class<?> record, Map<String, Object> schemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.put(propertyName(component), typeSchema(component.getGenericType(), schemas));
        }
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> typeSchema(Type type, Map<String, Object> schemas) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return Map.of("type", "array", "items", typeSchema(parameterized.getActualTypeArguments()[0], schemas));
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            return Map.of("type", "object", "additionalProperties", typeSchema(parameterized.getActualTypeArguments()[1], schemas));
        }
        if (type == String.class) return Map.of("type", "string");
        if (type == boolean.class || type == Boolean.class) return Map.of("type", "boolean");
        // Request flags are declared Object so that only JSON booleans pass (see ApiJson.flag).
        if (type == Object.class) return Map.of("type", "boolean");
        if (type == int.class || type == Integer.class) return Map.of("type", "integer", "format", "int32");
        if (type == long.class || type == Long.class) return Map.of("type", "integer", "format", "int64");
        if (type instanceof Class<?> nested && nested.isRecord()) return reference(nested, schemas);
        throw new IllegalStateException("no OpenAPI schema for " + type);
    }

    /** A component's name in JSON: its @JsonbProperty name, else snake_case. */
    private static String propertyName(RecordComponent component) {
        JsonbProperty named = component.getAccessor().getAnnotation(JsonbProperty.class);
        return named != null && !named.value().isEmpty() ? named.value() : snake(component.getName());
    }

    /** As JSON-B's LOWER_CASE_WITH_UNDERSCORES names properties. */
    static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) out.append('_');
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
