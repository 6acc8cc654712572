package io.volumegate.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Characters XML 1.0 cannot carry never leave raw: references in data documents, U+FFFD in error documents. */
class XmlCharactersTest {

    @Test
    void dataDocumentsGetCharacterReferences() {
        assertEquals("<Key>a&#xB;b&#x1;&#x1F;</Key>", references("<Key>a\u000bb\u0001\u001f</Key>"));
        assertEquals("<Key>&#xFFFE;é&#xFFFF;</Key>", references("<Key>\ufffeé\uffff</Key>"));
        assertEquals("<Key>tab\tlf\ncr\r日本\ufffd</Key>", references("<Key>tab\tlf\ncr\r日本\ufffd</Key>"));
    }

    @Test
    void aDocumentWithNothingToReferenceIsReturnedAsItIs() {
        byte[] document = "<Key>plain é</Key>".getBytes(StandardCharsets.UTF_8);
        assertSame(document, XmlCharacters.referenceUnwritable(document));
    }

    @Test
    void errorDocumentsGetReplacementCharacters() {
        assertEquals("a\ufffdb\ufffd\ufffd", XmlCharacters.replaceUnwritable("a\u000bb\uffff\ud800"));
        assertEquals("tab\tok", XmlCharacters.replaceUnwritable("tab\tok"));
        assertEquals(null, XmlCharacters.replaceUnwritable(null));
    }

    private static String references(String document) {
        return new String(XmlCharacters.referenceUnwritable(document.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
