package io.volumegate.it;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an S3 client sees of an error: status, code, and an error document that keeps secrets. */
final class S3Assertions {
    private S3Assertions() {
    }

    /** The SDK call fails with this HTTP status and S3 error code. */
    static S3Exception assertS3Error(int status, String code, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertEquals(status, error.statusCode(), () -> "status of " + describe(error));
        if (code != null) {
            assertEquals(code, error.awsErrorDetails().errorCode(), () -> "code of " + describe(error));
        }
        return error;
    }

    /**
     * A raw response is the S3 error document for this status and code, with the request id
     * of its x-amz-request-id header in it.
     */
    static void assertErrorDocument(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), () -> "status; body: " + response.body());
        assertEquals(code, element(response.body(), "Code"), () -> "code; body: " + response.body());
        String requestId = response.headers().firstValue("x-amz-request-id").orElse(null);
        assertNotNull(requestId, "x-amz-request-id header");
        assertEquals(requestId, element(response.body(), "RequestId"), "RequestId in the error document");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"),
                () -> "Content-Type " + response.headers().firstValue("Content-Type"));
    }

    /** Neither the body nor any header of the response contains one of {@code secrets}. */
    static void assertNoSecret(HttpResponse<String> response, String... secrets) {
        for (String secret : secrets) {
            assertFalse(response.body().contains(secret), () -> "a secret is in the response body: " + response.body());
            response.headers().map().forEach((name, values) -> values.forEach(value ->
                    assertFalse(value.contains(secret), () -> "a secret is in the response header " + name)));
        }
    }

    /** Same for the error an SDK call ended with. */
    static void assertNoSecret(S3Exception error, String... secrets) {
        String body = error.awsErrorDetails().rawResponse() == null ? "" : error.awsErrorDetails().rawResponse().asUtf8String();
        for (String secret : secrets) {
            assertFalse(body.contains(secret), () -> "a secret is in the error body: " + body);
            assertFalse(String.valueOf(error.getMessage()).contains(secret), "a secret is in the error message");
            error.awsErrorDetails().sdkHttpResponse().headers().forEach((name, values) -> values.forEach(value ->
                    assertFalse(value.contains(secret), () -> "a secret is in the response header " + name)));
        }
    }

    /** Text of the first {@code <name>} element, or null; enough for S3's flat documents. */
    static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(xml);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String describe(S3Exception error) {
        return error.statusCode() + " " + (error.awsErrorDetails() == null ? "?" : error.awsErrorDetails().errorCode())
                + ": " + error.getMessage();
    }
}
