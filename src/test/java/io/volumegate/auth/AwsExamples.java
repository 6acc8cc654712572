package io.volumegate.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/** The key, time and region of the examples in AWS's S3 SigV4 documentation. */
final class AwsExamples {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String REGION = "us-east-1";
    static final String HOST = "examplebucket.s3.amazonaws.com";
    static final String AMZ_DATE = "20130524T000000Z";
    static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static final Credential CREDENTIAL =
            new Credential(ACCESS_KEY, SECRET.getBytes(StandardCharsets.UTF_8), Set.of(), false, false);

    static final CredentialLookup LOOKUP =
            id -> id.equals(ACCESS_KEY) ? Optional.of(CREDENTIAL) : Optional.empty();

    private AwsExamples() {
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(LOOKUP, clockAt(now), Duration.ofMinutes(15), REGION, false);
    }

    static SigV4Verifier verifier() {
        return verifierAt(TIME);
    }

    static byte[] secret() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }
}
