package io.volumegate.s3.tagging;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagSetsTest {
    private static byte[] document(List<String[]> tags) {
        String body = tags.stream().map(t -> "<Tag><Key>" + t[0] + "</Key><Value>" + t[1] + "</Value></Tag>").collect(Collectors.joining());
        return ("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>" + body + "</TagSet></Tagging>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String[]> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> new String[] {"k" + i, "v" + i}).toList();
    }

    private static S3Exception refused(S3Error error, String message, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(error, e.error());
        if (message != null) assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void headersAreUrlEncodedPairsSortedByKey() {
        assertEquals(Map.of(), TagSets.fromHeader(null));
        assertEquals(List.of("bar", "foo"), List.copyOf(TagSets.fromHeader("foo=bar&bar").keySet()));
        assertEquals("", TagSets.fromHeader("foo=bar&bar").get("bar"));
        assertEquals(Map.of("a b", "c/d=é"), TagSets.fromHeader("a+b=c%2Fd%3D%C3%A9"));
    }

    @Test
    void malformedHeadersAreInvalidArgument() {
        S3Exception duplicate = refused(S3Error.INVALID_ARGUMENT, null, () -> TagSets.fromHeader("a=1&a=2"));
        assertEquals("x-amz-tagging", duplicate.details().get("ArgumentName"));
        refused(S3Error.INVALID_ARGUMENT, null, () -> TagSets.fromHeader("a=%ZZ"));
        refused(S3Error.BAD_REQUEST, "Object tags cannot be greater than 10",
                () -> TagSets.fromHeader(IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"))));
    }

    @Test
    void documentsKeepTheLimitsOfObjectsAndBuckets() {
        assertEquals(10, TagSets.fromDocument(document(numbered(10)), TagSets.MAX_OBJECT_TAGS).size());
        refused(S3Error.BAD_REQUEST, "Object tags cannot be greater than 10",
                () -> TagSets.fromDocument(document(numbered(11)), TagSets.MAX_OBJECT_TAGS));
        assertEquals(50, TagSets.fromDocument(document(numbered(50)), TagSets.MAX_BUCKET_TAGS).size());
        refused(S3Error.BAD_REQUEST, "Bucket tag count cannot be greater than 50",
                () -> TagSets.fromDocument(document(numbered(51)), TagSets.MAX_BUCKET_TAGS));
        assertEquals(Map.of(), TagSets.fromDocument(document(List.of()), TagSets.MAX_OBJECT_TAGS));
    }

    @Test
    void keysAndValuesAreCountedInUnicodeCharacters() {
        String key128 = "é".repeat(128);
        String value256 = "ü".repeat(256);
        assertEquals(value256, TagSets.fromDocument(document(List.<String[]>of(new String[] {key128, value256})), 10).get(key128));
        refused(S3Error.INVALID_TAG, "The TagKey you have provided is invalid",
                () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {"k".repeat(129), "v"})), 10));
        refused(S3Error.INVALID_TAG, "The TagValue you have provided is invalid",
                () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {"k", "v".repeat(257)})), 10));
        refused(S3Error.INVALID_TAG, "The TagKey you have provided is invalid",
                () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {"", "v"})), 10));
    }

    @Test
    void onlyLettersNumbersSpacesAndSomeSymbolsAreAllowed() {
        assertEquals(1, TagSets.fromDocument(document(List.<String[]>of(new String[] {"Key 1_.:/=+-@", "Wert ä 9"})), 10).size());
        for (String bad : List.of("a,b", "a;b", "a?b", "a*b", "a#b", "a%b", "😀", "a&amp;b")) {
            refused(S3Error.INVALID_TAG, "The TagKey you have provided is invalid",
                    () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {bad, "v"})), 10));
            refused(S3Error.INVALID_TAG, "The TagValue you have provided is invalid",
                    () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {"k", bad})), 10));
        }
    }

    @Test
    void duplicatesAndSystemTagsAreRefused() {
        refused(S3Error.INVALID_TAG, "Cannot provide multiple Tags with the same key",
                () -> TagSets.fromDocument(document(List.of(new String[] {"a", "1"}, new String[] {"a", "2"})), 10));
        refused(S3Error.INVALID_TAG, "System tags cannot be added/updated by requester",
                () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {"aws:cloudformation", "x"})), 10));
        refused(S3Error.INVALID_TAG, null, () -> TagSets.fromDocument(document(List.<String[]>of(new String[] {"AWS:x", "x"})), 10));
    }

    @Test
    void documentsWithoutATagSetOrWithHalfTagsAreMalformed() {
        refused(S3Error.MALFORMED_XML, null, () -> TagSets.fromDocument("<Tagging/>".getBytes(StandardCharsets.UTF_8), 10));
        refused(S3Error.MALFORMED_XML, null, () -> TagSets.fromDocument(
                "<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>".getBytes(StandardCharsets.UTF_8), 10));
        refused(S3Error.MALFORMED_XML, null, () -> TagSets.fromDocument("<Tagging>".getBytes(StandardCharsets.UTF_8), 10));
    }

    @Test
    void theAnswerIsATaggingDocument() {
        String xml = new String(TagSets.document(Map.of("b", "2", "a", "")), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>a</Key><Value></Value></Tag>"
                + "<Tag><Key>b</Key><Value>2</Value></Tag></TagSet></Tagging>"), xml);
        assertTrue(new String(TagSets.document(Map.of()), StandardCharsets.UTF_8).contains("<TagSet/>"));
    }
}
