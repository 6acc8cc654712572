package io.volumegate.s3;

import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.volumegate.s3.Endpoint.Target.BUCKET;
import static io.volumegate.s3.Endpoint.Target.OBJECT;
import static io.volumegate.s3.Endpoint.Target.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointResolverTest {
    private static Endpoint resolve(String method, Endpoint.Target target, String query, String... headers) {
        Set<String> present = Set.of(headers);
        return EndpointResolver.resolve(method, target, QueryParameters.parse(query), present::contains);
    }

    @Test
    void picksTheMostSpecificOperation() {
        assertEquals(Endpoint.LIST_BUCKETS, resolve("GET", SERVICE, null));
        assertEquals(Endpoint.LIST_OBJECTS, resolve("GET", BUCKET, null));
        assertEquals(Endpoint.LIST_OBJECTS, resolve("GET", BUCKET, "prefix=a&list-type=1"));
        assertEquals(Endpoint.LIST_OBJECTS_V2, resolve("GET", BUCKET, "list-type=2&prefix=a"));
        assertEquals(Endpoint.GET_BUCKET_LOCATION, resolve("GET", BUCKET, "location"));
        assertEquals(Endpoint.DELETE_OBJECTS, resolve("POST", BUCKET, "delete"));
        assertEquals(Endpoint.PUT_OBJECT, resolve("PUT", OBJECT, null));
        assertEquals(Endpoint.COPY_OBJECT, resolve("PUT", OBJECT, null, "x-amz-copy-source"));
        assertEquals(Endpoint.UPLOAD_PART, resolve("PUT", OBJECT, "partNumber=1&uploadId=x"));
        assertEquals(Endpoint.UPLOAD_PART_COPY, resolve("PUT", OBJECT, "partNumber=1&uploadId=x", "x-amz-copy-source"));
        assertEquals(Endpoint.GET_OBJECT, resolve("GET", OBJECT, "response-content-type=text/plain"));
        assertEquals(Endpoint.GET_OBJECT_TAGGING, resolve("GET", OBJECT, "tagging"));
        assertEquals(Endpoint.LIST_PARTS, resolve("GET", OBJECT, "uploadId=abc"));
    }

    @Test
    void unknownMethodIsMethodNotAllowed() {
        S3Exception error = assertThrows(S3Exception.class, () -> resolve("PATCH", OBJECT, null));
        assertEquals(405, error.error().status());
    }

    @Test
    void everyOperationIsReachable() {
        for (Endpoint endpoint : Endpoint.values()) {
            StringBuilder query = new StringBuilder();
            for (String selector : endpoint.queryParameters()) query.append(selector).append('&');
            String[] headers = endpoint.headers().toArray(String[]::new);
            assertEquals(endpoint, resolve(endpoint.method(), endpoint.target(), query.toString(), headers), endpoint.name());
        }
    }
}
