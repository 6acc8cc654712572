package io.volumegate.s3.post;

import io.volumegate.s3.xml.S3Xml;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST Object's 201 document is in no namespace, as S3 writes it. */
class PostResponseTest {
    @Test
    void writesThePostResponseInNoNamespace() {
        PostResponse document = new PostResponse();
        document.Location = "http://h/b/a%20b";
        document.Bucket = "b";
        document.Key = "a b";
        document.ETag = "\"abc\"";
        String xml = new String(S3Xml.write(document, PostResponse.CONTEXT), StandardCharsets.UTF_8);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><PostResponse><Location>http://h/b/a%20b</Location>"
                + "<Bucket>b</Bucket><Key>a b</Key><ETag>\"abc\"</ETag></PostResponse>", xml);
    }
}
