package io.volumegate.s3;

import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** encoding-type=url writes keys as S3 lists them: '/' kept, space as %20, everything else percent-encoded UTF-8. */
class ListEncodingTest {

    @Test
    void slashesStayAndSpacesArePercent20() {
        assertEquals("foo%2B1/bar", ListEncoding.url("foo+1/bar"));
        assertEquals("quux%20ab/", ListEncoding.url("quux ab/"));
        assertEquals("/", ListEncoding.url("/"));
        assertEquals("a%25b%3Fc%23d%26e%3Df", ListEncoding.url("a%b?c#d&e=f"));
        assertEquals("caf%C3%A9/%F0%9F%98%80.txt", ListEncoding.url("café/😀.txt"));
        assertEquals("AZaz09-._~", ListEncoding.url("AZaz09-._~"));
        assertEquals("%0B%7F", ListEncoding.url("\u000b\u007f"));
        assertNull(ListEncoding.url(null));
    }

    @Test
    void everyEncodedKeyDecodesBackToItself() {
        for (String key : List.of("a b+c é/d.txt", "100%", "x;y", "#?", "tab\there", "* (1).txt")) {
            assertEquals(key, URLDecoder.decode(ListEncoding.url(key), StandardCharsets.UTF_8), key);
        }
    }

    @Test
    void withoutEncodingTypeValuesStayAsTheyAre() {
        UnaryOperator<String> none = ListEncoding.from(QueryParameters.parse("prefix=a%20b"));
        assertEquals("quux ab/", none.apply("quux ab/"));
        assertEquals("quux%20ab/", ListEncoding.from(QueryParameters.parse("encoding-type=url")).apply("quux ab/"));
        assertThrows(S3Exception.class, () -> ListEncoding.from(QueryParameters.parse("encoding-type=base64")));
    }
}
