package io.volumegate.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SigV4EncodingTest {

    @Test
    void unreservedCharactersStayAndEverythingElseIsUpperCaseHex() {
        assertEquals("AZaz09-_.~", SigV4Encoding.encode("AZaz09-_.~"));
        assertEquals("%20%2B%25%2F%3F%23%3D%26%24%2A%27", SigV4Encoding.encode(" +%/?#=&$*'"));
        assertEquals("%C3%A9%E2%82%AC%F0%9F%98%80", SigV4Encoding.encode("é€😀"));
    }

    @Test
    void decodingTouchesOnlyPercentEscapes() {
        assertArrayEquals("a+b c".getBytes(), SigV4Encoding.percentDecode("a+b%20c"));
        assertArrayEquals(new byte[] {'a', (byte) 0xFF}, SigV4Encoding.percentDecode("a%ff"));
    }

    @Test
    void strayPercentSignsAreKeptLiterally() {
        assertEquals("/b/100%25", SigV4Encoding.canonicalUri("/b/100%"));
        assertEquals("/b/%25zz", SigV4Encoding.canonicalUri("/b/%zz"));
        assertEquals("/b/%254", SigV4Encoding.canonicalUri("/b/%4"));
        // U+0663 is a digit to Character.digit, but not a hex digit in a URL.
        assertEquals("/b/%25%D9%A3%D9%A3", SigV4Encoding.canonicalUri("/b/%\u0663\u0663"));
    }

    @Test
    void bytesThatAreNotUtf8SurviveTheRoundTrip() {
        // A client may sign any bytes; decoding to a String would turn %FF into U+FFFD.
        assertEquals("/b/%FF%FE", SigV4Encoding.canonicalUri("/b/%ff%FE"));
        assertEquals("q=%FF", SigV4Signer.canonicalQuery("q=%FF", false));
    }
}
