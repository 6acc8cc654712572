package io.volumegate.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document names every route, and its schemas are what JSON-B writes. */
class OpenApiDocumentTest {
    private static final Jsonb JSON = JsonbBuilder.create();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() {
        // through JSON and back, as a client reads it
        return JSON.fromJson(ApiJson.toJson(OpenApiDocument.generate("http://example.test/api/v1")), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsAPathOperationWithItsParametersAndSecurity() {
        Map<String, Object> paths = (Map<String, Object>) document().get("paths");
        int operations = 0;
        for (Map<String, Object> path : (Iterable<Map<String, Object>>) (Iterable<?>) paths.values()) operations += path.size();
        assertEquals(ApiRoute.values().length, operations, "one operation per route, no more");
        for (ApiRoute route : ApiRoute.values()) {
            Map<String, Object> path = (Map<String, Object>) paths.get(route.template());
            assertNotNull(path, route.template());
            Map<String, Object> operation = (Map<String, Object>) path.get(route.method().toLowerCase(Locale.ROOT));
            assertNotNull(operation, route + " " + route.method());
            List<String> declared = new ArrayList<>();
            for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
                if ("path".equals(parameter.get("in"))) declared.add((String) parameter.get("name"));
            }
            List<String> inTemplate = new ArrayList<>();
            Matcher braces = Pattern.compile("\\{([a-z_]+)}").matcher(route.template());
            while (braces.find()) inTemplate.add(braces.group(1));
            assertEquals(inTemplate, declared, route.name());
            assertTrue(((Map<String, Object>) operation.get("responses")).containsKey(String.valueOf(route.status())), route.name());
            assertEquals(route.access() == ApiRoute.Access.PUBLIC, ((List<?>) operation.get("security")).isEmpty(), route.name());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReferenceResolvesAndSchemasMatchWhatJsonbWrites() {
        Map<String, Object> document = document();
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        Matcher refs = Pattern.compile("#/components/schemas/([A-Za-z]+)").matcher(ApiJson.toJson(document));
        while (refs.find()) assertTrue(schemas.containsKey(refs.group(1)), refs.group(1));

        CredentialResource.CreatedCredential sample = new CredentialResource.CreatedCredential("id", "s", List.of("b"), true, false,
                "d", "e", "r");
        Map<String, Object> written = JSON.fromJson(ApiJson.toJson(sample), Map.class);
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get("CreatedCredential")).get("properties");
        assertEquals(written.keySet(), properties.keySet());
        ObjectResource.ObjectList list = new ObjectResource.ObjectList("b", "", "", 1, List.of(), List.of(), false, null, null, 0);
        Map<String, Object> listProperties = (Map<String, Object>) ((Map<String, Object>) schemas.get("ObjectList")).get("properties");
        assertEquals(((Map<String, Object>) JSON.fromJson(ApiJson.toJson(list), Map.class)).keySet(), listProperties.keySet());
        assertTrue(listProperties.containsKey("next_continuation_token"));
        MultipartResource.CompleteRequest complete = new MultipartResource.CompleteRequest("u",
                List.of(new MultipartResource.CompletedPart(1, "\"e\"")));
        Map<String, Object> completedPart = (Map<String, Object>) ((Map<String, Object>) schemas.get("CompletedPart")).get("properties");
        Map<String, Object> completeWritten = JSON.fromJson(ApiJson.toJson(complete), Map.class);
        assertEquals(((List<Map<String, Object>>) completeWritten.get("parts")).get(0).keySet(), completedPart.keySet());
        assertEquals(java.util.Set.of("PartNumber", "ETag"), completedPart.keySet());
        assertEquals("http://example.test/api/v1", ((List<Map<String, Object>>) document.get("servers")).get(0).get("url"));
    }

    /**
     * Swagger UI's Authorize button offers what components.securitySchemes declares: a bearer
     * JWT, the token POST /auth/token answers, which every operation but the public ones asks for.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aBearerJwtSchemeSignsInEveryOperationButThePublicOnes() {
        Map<String, Object> document = document();
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("securitySchemes");
        Map<String, Object> bearer = (Map<String, Object>) schemes.get("bearer");
        assertNotNull(bearer, schemes.toString());
        assertEquals("http", bearer.get("type"));
        assertEquals("bearer", bearer.get("scheme"));
        assertEquals("JWT", bearer.get("bearerFormat"));
        assertTrue(((String) bearer.get("description")).contains("POST /auth/token"), bearer.toString());
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Map<String, Object> token = (Map<String, Object>) ((Map<String, Object>) paths.get("/auth/token")).get("post");
        assertEquals(List.of(), token.get("security"));
        Map<String, Object> buckets = (Map<String, Object>) ((Map<String, Object>) paths.get("/buckets")).get("get");
        assertEquals(List.of(Map.of("bearer", List.of())), buckets.get("security"));
    }

    /** The reference's names: expires_in, status, PartNumber/ETag, the parts listing, HEAD's headers. */
    @Test
    @SuppressWarnings("unchecked")
    void theReferencesFieldNamesAreDocumented() {
        Map<String, Object> document = document();
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        java.util.function.Function<String, java.util.Set<String>> fields = name ->
                ((Map<String, Object>) ((Map<String, Object>) schemas.get(name)).get("properties")).keySet();
        assertEquals(java.util.Set.of("bucket", "key", "upload_id", "part_size", "total_parts", "urls", "expires_in"),
                fields.apply("PresignedUpload"));
        assertEquals(java.util.Set.of("url", "bucket", "key", "expires_in", "method"), fields.apply("Presigned"));
        assertTrue(fields.apply("PresignedKeys").containsAll(List.of("urls", "expires_in")));
        assertEquals(java.util.Set.of("PartNumber", "ETag"), fields.apply("UploadPartResponse"));
        assertEquals(java.util.Set.of("PartNumber", "Size", "ETag", "LastModified"), fields.apply("UploadedPart"));
        assertTrue(fields.apply("ListPartsResponse").containsAll(List.of("bucket", "key", "upload_id", "parts", "is_truncated")));
        assertTrue(fields.apply("ObjectMutationResponse").containsAll(List.of("status", "bucket", "key")));
        assertEquals(java.util.Set.of("versions", "delete_markers", "is_truncated", "next_key_marker", "next_version_id_marker",
                "key_count"), fields.apply("VersionList"));
        assertEquals(java.util.Set.of("Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "StorageClass"),
                fields.apply("VersionEntry"));
        assertEquals(java.util.Set.of("Key", "VersionId", "IsLatest", "LastModified"), fields.apply("DeleteMarkerEntry"));
        assertEquals(java.util.Set.of("status", "deleted", "errors"), fields.apply("DeleteObjectsResponse"));
        assertTrue(fields.apply("ObjectEntry").containsAll(List.of("storage_class", "owner")));
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Map<String, Object> parts = (Map<String, Object>) ((Map<String, Object>) paths.get("/buckets/{bucket}/multipart/{key}/parts")).get("get");
        List<Object> names = ((List<Map<String, Object>>) parts.get("parameters")).stream().map(p -> p.get("name")).toList();
        assertTrue(names.containsAll(List.of("upload_id", "max_parts")), names.toString());
        Map<String, Object> head = (Map<String, Object>) ((Map<String, Object>) paths.get("/buckets/{bucket}/objects/{key}")).get("head");
        Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) head.get("responses")).get("200");
        assertEquals(java.util.Set.of("Content-Length", "Content-Type", "ETag", "Last-Modified"), ((Map<String, Object>) ok.get("headers")).keySet());
        Map<String, Object> delete = (Map<String, Object>) ((Map<String, Object>) paths.get("/buckets/{bucket}/objects/{key}")).get("delete");
        assertTrue(((String) delete.get("summary")).contains("\"deleted\""));
    }
}
