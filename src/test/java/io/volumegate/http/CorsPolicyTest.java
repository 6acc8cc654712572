package io.volumegate.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsPolicyTest {
    private static final CorsPolicy POLICY = CorsPolicy.parse(" https://app.example.com , https://*.tenants.example.com,");

    @Test
    void listedOriginsAreEchoedAndOthersGetNothing() {
        assertEquals(Optional.of("https://app.example.com"), POLICY.allowOrigin("https://app.example.com"));
        assertEquals(Optional.of("HTTPS://APP.example.com"), POLICY.allowOrigin("HTTPS://APP.example.com"));
        assertEquals(Optional.of("https://a.tenants.example.com"), POLICY.allowOrigin("https://a.tenants.example.com"));
        assertEquals(Optional.empty(), POLICY.allowOrigin("https://app.example.com:8443"));
        assertEquals(Optional.empty(), POLICY.allowOrigin("http://app.example.com"));
        assertEquals(Optional.empty(), POLICY.allowOrigin("https://evil.com/https://app.example.com"));
        assertEquals(Optional.empty(), POLICY.allowOrigin("https://tenants.example.com"));
        assertEquals(Optional.empty(), POLICY.allowOrigin("https://a.tenants.example.com.evil.com"));
        assertEquals(Optional.empty(), POLICY.allowOrigin("null"));
        assertEquals(Optional.empty(), POLICY.allowOrigin(null));
    }

    @Test
    void aLoneStarAllowsEveryOriginAsStarLikeS3() {
        CorsPolicy any = CorsPolicy.parse("*");
        assertEquals(Optional.of("*"), any.allowOrigin("https://anything.example"));
        assertTrue(any.refusePreflight("https://anything.example", "PUT", "content-type").isEmpty());
    }

    @Test
    void noOriginsMeansCorsIsOff() {
        assertFalse(CorsPolicy.NONE.enabled());
        assertEquals(Optional.empty(), CorsPolicy.NONE.allowOrigin("https://app.example.com"));
        S3Exception refused = CorsPolicy.NONE.refusePreflight("https://app.example.com", "PUT", null).orElseThrow();
        assertEquals(S3Error.ACCESS_FORBIDDEN, refused.error());
        assertTrue(refused.getMessage().contains("CORS is not enabled"));
    }

    @Test
    void preflightsAreCheckedForOriginMethodAndHeaders() {
        assertTrue(POLICY.refusePreflight("https://app.example.com", "PUT", null).isEmpty());
        assertTrue(POLICY.refusePreflight("https://app.example.com", "GET", "Content-Type, x-amz-checksum-crc32 ,range").isEmpty());
        assertEquals(S3Error.BAD_REQUEST, POLICY.refusePreflight(null, "PUT", null).orElseThrow().error());
        assertEquals(S3Error.BAD_REQUEST, POLICY.refusePreflight("https://app.example.com", null, null).orElseThrow().error());
        assertEquals(S3Error.ACCESS_FORBIDDEN, POLICY.refusePreflight("https://other.example.com", "PUT", null).orElseThrow().error());
        assertEquals(S3Error.ACCESS_FORBIDDEN, POLICY.refusePreflight("https://app.example.com", "PATCH", null).orElseThrow().error());
        assertEquals(S3Error.ACCESS_FORBIDDEN, POLICY.refusePreflight("https://app.example.com", "put", null).orElseThrow().error());
        assertEquals(S3Error.ACCESS_FORBIDDEN,
                POLICY.refusePreflight("https://app.example.com", "PUT", "content-type, bad header").orElseThrow().error());
    }

    @Test
    void anOriginWithTwoStarsIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> CorsPolicy.parse("https://*.*.example.com"));
    }
}
