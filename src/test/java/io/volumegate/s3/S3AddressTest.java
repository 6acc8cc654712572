package io.volumegate.s3;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class S3AddressTest {
    private static S3Address pathStyle(String rawUri) {
        return S3Address.parse(rawUri, "", "127.0.0.1:8080", List.of());
    }

    @Test
    void serviceBucketAndObject() {
        assertNull(pathStyle("/").bucket());
        assertEquals(new S3Address("data", null), pathStyle("/data"));
        assertEquals(new S3Address("data", null), pathStyle("/data/"));
        assertEquals(new S3Address("data", "a/b.txt"), pathStyle("/data/a/b.txt"));
    }

    @Test
    void keysAreDecodedFromTheRawUriExactlyOnce() {
        assertEquals("a/b", pathStyle("/data/a%2Fb").key());
        assertEquals("100%", pathStyle("/data/100%25").key());
        assertEquals("%2F", pathStyle("/data/%252F").key());
        assertEquals("a+b", pathStyle("/data/a+b").key(), "a '+' in a path is a plus, not a space");
        assertEquals("x;y", pathStyle("/data/x;y").key());
        assertEquals("a b", pathStyle("/data/a%20b").key());
        assertEquals("é", pathStyle("/data/%C3%A9").key());
        assertEquals("#?", pathStyle("/data/%23%3F").key());
        assertEquals("a//b", pathStyle("/data/a//b").key(), "no normalisation of empty segments");
        assertEquals("../x", pathStyle("/data/%2e%2e/x").key(), "dot segments reach the key check undisguised");
    }

    @Test
    void malformedEscapesAreInvalidUri() {
        S3Exception bad = assertThrows(S3Exception.class, () -> pathStyle("/data/a%zz"));
        assertEquals("InvalidURI", bad.error().code());
        assertThrows(S3Exception.class, () -> pathStyle("/data/a%"));
        assertThrows(S3Exception.class, () -> pathStyle("/data/%C3"), "not UTF-8");
    }

    @Test
    void keysWithCharactersXmlCannotCarryAreInvalidArgument() {
        S3Exception control = assertThrows(S3Exception.class, () -> pathStyle("/data/a%0Bb"));
        assertEquals("InvalidArgument", control.error().code());
        assertThrows(S3Exception.class, () -> S3Address.parse("/a%01b", "", "photos.s3.example.com", List.of("s3.example.com")));
        assertEquals("tab\there", pathStyle("/data/tab%09here").key());
    }

    @Test
    void contextPathIsStripped() {
        assertEquals(new S3Address("data", "k"), S3Address.parse("/gate/data/k", "/gate", null, List.of()));
    }

    @Test
    void virtualHostStyle() {
        List<String> domains = List.of("s3.example.com");
        assertEquals(new S3Address("photos", "2024/a.jpg"),
                S3Address.parse("/2024/a.jpg", "", "photos.s3.example.com:9000", domains));
        assertEquals(new S3Address("photos", null), S3Address.parse("/", "", "photos.s3.example.com", domains));
        assertEquals(new S3Address("data", "k"), S3Address.parse("/data/k", "", "s3.example.com", domains),
                "the bare domain is path style");
    }
}
