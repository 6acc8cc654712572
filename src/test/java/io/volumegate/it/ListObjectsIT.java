package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.volumegate.it.S3Assertions.assertErrorDocument;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ListObjects (V1) and ListObjectsV2 as SDK users page through them: strict S3 key order,
 * prefixes, delimiters, every way to resume, the limits and their errors, URL encoding, and
 * what the volume holds besides objects.
 */
class ListObjectsIT extends ServerTestBase {
    /** Keys whose S3 order (UTF-8 bytes of the whole key) is neither readdir nor Java order. */
    private static final String ORDER = "listobjectsit-order";
    private static final List<String> ORDER_KEYS = List.of("a.b", "a/x", "a0", "z", "é");

    private static final String ENCODING = "listobjectsit-encoding";
    private static final List<String> ENCODING_KEYS = List.of("a b+c é/d.txt", "café/menu.txt", "plus+sign.txt", "with space.txt");

    /** The keys of ceph s3-tests' test_bucket_list(v2)_encoding_basic. */
    private static final String CEPH_ENCODING = "listobjectsit-ceph-encoding";
    private static final List<String> CEPH_ENCODING_KEYS = List.of("foo+1/bar", "foo/bar/xyzzy", "quux ab/thud", "asdf+b");

    private static final String SHAPES = "listobjectsit-shapes";

    private static final String BIG = "listobjectsit-big";
    private static final int BIG_FILES = 3000;

    private static final Comparator<String> S3_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final Set<String> filled = new HashSet<>();

    // ---- order, prefix, delimiter --------------------------------------------------------

    @Test
    void keysComeInUtf8ByteOrderOfTheFullKey() {
        orderBucket();
        assertEquals(ORDER_KEYS, keys(v2(ORDER, l -> { })));
        assertEquals(ORDER_KEYS, keys(v1(ORDER, l -> { })));
    }

    @Test
    void prefixSelectsKeys() {
        orderBucket();
        ListObjectsV2Response a = v2(ORDER, l -> l.prefix("a"));
        assertEquals(List.of("a.b", "a/x", "a0"), keys(a));
        assertEquals("a", a.prefix());
        assertEquals(List.of("a/x"), keys(v2(ORDER, l -> l.prefix("a/"))));
        assertEquals(List.of("é"), keys(v2(ORDER, l -> l.prefix("é"))));
        assertEquals(List.of("a.b", "a/x", "a0"), keys(v1(ORDER, l -> l.prefix("a"))));

        ListObjectsV2Response none = v2(ORDER, l -> l.prefix("nothing-here"));
        assertEquals(0, none.keyCount());
        assertTrue(none.contents().isEmpty());
        assertFalse(none.isTruncated());
    }

    @Test
    void slashDelimiterRollsUpCommonPrefixes() {
        orderBucket();
        ListObjectsV2Response root = v2(ORDER, l -> l.delimiter("/"));
        assertEquals(List.of("a.b", "a0", "z", "é"), keys(root));
        assertEquals(List.of("a/"), prefixes(root));
        assertEquals(5, root.keyCount());
        assertEquals("/", root.delimiter());

        ListObjectsResponse rootV1 = v1(ORDER, l -> l.delimiter("/"));
        assertEquals(List.of("a.b", "a0", "z", "é"), keys(rootV1));
        assertEquals(List.of("a/"), prefixesV1(rootV1));

        ListObjectsV2Response inside = v2(ORDER, l -> l.prefix("a/").delimiter("/"));
        assertEquals(List.of("a/x"), keys(inside));
        assertTrue(inside.commonPrefixes().isEmpty());
    }

    @Test
    void anyDelimiterRollsUpByWalking() {
        orderBucket();
        ListObjectsV2Response dot = v2(ORDER, l -> l.delimiter("."));
        assertEquals(List.of("a/x", "a0", "z", "é"), keys(dot));
        assertEquals(List.of("a."), prefixes(dot));

        ListObjectsV2Response x = v2(ORDER, l -> l.delimiter("x"));
        assertEquals(List.of("a.b", "a0", "z", "é"), keys(x));
        assertEquals(List.of("a/x"), prefixes(x));

        ListObjectsResponse multi = v1(ORDER, l -> l.delimiter("/x"));
        assertEquals(List.of("a.b", "a0", "z", "é"), keys(multi));
        assertEquals(List.of("a/x"), prefixesV1(multi));
    }

    @Test
    void prefixesThatNameNoFolderListNothing() {
        orderBucket();
        for (String prefix : List.of("a.b/", "nope/deeper/", "../", "/", "a//", "./")) {
            ListObjectsV2Response response = v2(ORDER, l -> l.prefix(prefix));
            assertEquals(List.of(), keys(response), prefix);
            assertEquals(0, response.keyCount(), prefix);
            assertEquals(List.of(), keys(v2(ORDER, l -> l.prefix(prefix).delimiter("/"))), prefix);
        }
    }

    // ---- paging -----------------------------------------------------------------------------

    @Test
    void v2PagesThroughEveryKeyWithContinuationTokens() {
        orderBucket();
        assertEquals(List.of(List.of("a.b", "a/x"), List.of("a0", "z"), List.of("é")), pagesV2(ORDER, ""));
        assertEquals(List.of(List.of("a.b", "a/"), List.of("a0", "z"), List.of("é")), pagesV2(ORDER, "/"));

        List<String> viaPaginator = server.s3().listObjectsV2Paginator(l -> l.bucket(ORDER).maxKeys(2)).contents()
                .stream().map(S3Object::key).toList();
        assertEquals(ORDER_KEYS, viaPaginator);
    }

    @Test
    void v1PagesWithMarkers() {
        orderBucket();
        // Without a delimiter there is no NextMarker: the client resumes after the last key.
        ListObjectsResponse first = v1(ORDER, l -> l.maxKeys(2));
        assertEquals(List.of("a.b", "a/x"), keys(first));
        assertTrue(first.isTruncated());
        assertNull(first.nextMarker());
        ListObjectsResponse second = v1(ORDER, l -> l.maxKeys(2).marker("a/x"));
        assertEquals("a/x", second.marker());
        assertEquals(List.of("a0", "z"), keys(second));
        assertTrue(second.isTruncated());
        ListObjectsResponse last = v1(ORDER, l -> l.maxKeys(2).marker("z"));
        assertEquals(List.of("é"), keys(last));
        assertFalse(last.isTruncated());

        // With one, NextMarker is the last key or common prefix of the page.
        ListObjectsResponse withPrefix = v1(ORDER, l -> l.maxKeys(2).delimiter("/"));
        assertEquals(List.of("a.b"), keys(withPrefix));
        assertEquals(List.of("a/"), prefixesV1(withPrefix));
        assertTrue(withPrefix.isTruncated());
        assertEquals("a/", withPrefix.nextMarker());
        ListObjectsResponse afterPrefix = v1(ORDER, l -> l.maxKeys(2).delimiter("/").marker("a/"));
        assertEquals(List.of("a0", "z"), keys(afterPrefix));
        assertTrue(afterPrefix.commonPrefixes().isEmpty(), "a/ must not come again");
        assertEquals("z", afterPrefix.nextMarker());
        ListObjectsResponse end = v1(ORDER, l -> l.maxKeys(2).delimiter("/").marker("z"));
        assertEquals(List.of("é"), keys(end));
        assertFalse(end.isTruncated());
        assertNull(end.nextMarker());
    }

    @Test
    void startAfterSkipsKeys() {
        orderBucket();
        ListObjectsV2Response afterAx = v2(ORDER, l -> l.startAfter("a/x"));
        assertEquals(List.of("a0", "z", "é"), keys(afterAx));
        assertEquals("a/x", afterAx.startAfter());
        // Need not be a key; compared by UTF-8 bytes.
        assertEquals(List.of("z", "é"), keys(v2(ORDER, l -> l.startAfter("b"))));
        assertEquals(List.of("é"), keys(v2(ORDER, l -> l.startAfter("zzz"))));
        assertEquals(List.of(), keys(v2(ORDER, l -> l.startAfter("é"))));
        ListObjectsV2Response rolled = v2(ORDER, l -> l.startAfter("a.b").delimiter("/"));
        assertEquals(List.of("a0", "z", "é"), keys(rolled));
        assertEquals(List.of("a/"), prefixes(rolled));
    }

    @Test
    void maxKeysZeroIsAnEmptyPageThatIsNotTruncated() {
        orderBucket();
        ListObjectsV2Response v2 = v2(ORDER, l -> l.maxKeys(0));
        assertEquals(0, v2.keyCount());
        assertEquals(0, v2.maxKeys());
        assertTrue(v2.contents().isEmpty());
        assertFalse(v2.isTruncated());
        assertNull(v2.nextContinuationToken());

        ListObjectsResponse v1 = v1(ORDER, l -> l.maxKeys(0));
        assertTrue(v1.contents().isEmpty());
        assertFalse(v1.isTruncated());
    }

    @Test
    void maxKeysAboveOneThousandIsClamped() {
        bigBucket();
        ListObjectsV2Response v2 = v2(BIG, l -> l.maxKeys(5000));
        assertEquals(1000, v2.maxKeys());
        assertEquals(1000, v2.contents().size());
        assertEquals(1000, v2.keyCount());
        assertTrue(v2.isTruncated());

        ListObjectsResponse v1 = v1(BIG, l -> l.maxKeys(Integer.MAX_VALUE));
        assertEquals(1000, v1.maxKeys());
        assertEquals(1000, v1.contents().size());
        assertTrue(v1.isTruncated());
    }

    @Test
    void invalidMaxKeysIsInvalidArgument() throws Exception {
        orderBucket();
        for (String query : List.of("list-type=2&max-keys=-1", "list-type=2&max-keys=abc", "max-keys=-1", "max-keys=abc")) {
            HttpResponse<String> response = RawRequest.of(server, "GET", "/" + ORDER + "?" + query)
                    .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
            assertErrorDocument(response, 400, "InvalidArgument");
        }
        assertS3Error(400, "InvalidArgument", () -> server.s3().listObjectsV2(l -> l.bucket(ORDER).maxKeys(-1)));
    }

    @Test
    void invalidContinuationTokenIsInvalidArgument() {
        orderBucket();
        for (String token : List.of("garbage", "bm90LWEtdG9rZW4", "!!!")) {
            assertS3Error(400, "InvalidArgument", () -> server.s3().listObjectsV2(l -> l.bucket(ORDER).continuationToken(token)));
        }
    }

    // ---- response details ------------------------------------------------------------------

    @Test
    void urlEncodedListingsRoundTripThroughTheSdk() throws Exception {
        encodingBucket();
        List<String> sorted = ENCODING_KEYS.stream().sorted(S3_ORDER).toList();
        assertEquals(sorted, keys(v2(ENCODING, l -> l.encodingType(EncodingType.URL))));
        assertEquals(sorted, keys(v1(ENCODING, l -> l.encodingType(EncodingType.URL))));
        assertEquals(sorted, keys(v2(ENCODING, l -> { })), "without encoding-type the keys come as they are");

        ListObjectsV2Response rolled = v2(ENCODING, l -> l.encodingType(EncodingType.URL).delimiter("/"));
        assertEquals(List.of("plus+sign.txt", "with space.txt"), keys(rolled));
        assertEquals(List.of("a b+c é/", "café/"), prefixes(rolled));
        ListObjectsV2Response prefixed = v2(ENCODING, l -> l.encodingType(EncodingType.URL).prefix("a b+c é/").delimiter("/"));
        assertEquals("a b+c é/", prefixed.prefix());
        assertEquals(List.of("a b+c é/d.txt"), keys(prefixed));
        ListObjectsV2Response paged = v2(ENCODING, l -> l.encodingType(EncodingType.URL).startAfter("café/menu.txt").maxKeys(1));
        assertEquals("café/menu.txt", paged.startAfter());
        assertEquals(List.of("plus+sign.txt"), keys(paged));
        ListObjectsResponse markedV1 = v1(ENCODING, l -> l.encodingType(EncodingType.URL).delimiter("/").maxKeys(1));
        assertEquals("a b+c é/", markedV1.nextMarker());

        // On the wire every key is URL-encoded: no raw space, '+' or non-ASCII character.
        HttpResponse<String> raw = RawRequest.of(server, "GET", "/" + ENCODING + "?list-type=2&encoding-type=url")
                .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
        assertEquals(200, raw.statusCode(), raw::body);
        assertEquals("url", S3Assertions.element(raw.body(), "EncodingType"));
        List<String> wireKeys = new ArrayList<>();
        Matcher key = Pattern.compile("<Key>(.*?)</Key>").matcher(raw.body());
        while (key.find()) wireKeys.add(key.group(1));
        assertEquals(ENCODING_KEYS.size(), wireKeys.size(), raw::body);
        for (String wireKey : wireKeys) {
            assertTrue(wireKey.matches("[A-Za-z0-9._~%+/*-]*") && !wireKey.contains("+sign"), () -> "not URL-encoded: " + wireKey);
        }
        assertEquals(sorted, wireKeys.stream().map(k -> URLDecoder.decode(k, StandardCharsets.UTF_8)).toList());
    }

    /**
     * What S3 sends with encoding-type=url (ceph s3-tests test_bucket_list_encoding_basic and
     * test_bucket_listv2_encoding_basic): every key-like element percent-encoded as UTF-8, a
     * space as %20 (never '+', which a client decoding with plain unquote would keep), and '/'
     * left as it is, so prefixes still read as folders.
     */
    @Test
    void urlEncodingKeepsSlashesAndWritesSpacesAsPercent20() throws Exception {
        cephEncodingBucket();
        for (String listType : List.of("list-type=2&", "")) {
            String rolled = list(CEPH_ENCODING, listType + "encoding-type=url&delimiter=%2F");
            assertEquals("/", S3Assertions.element(rolled, "Delimiter"), listType);
            assertEquals(List.of("asdf%2Bb"), all(rolled, "<Key>(.*?)</Key>"), listType);
            assertEquals(List.of("foo%2B1/", "foo/", "quux%20ab/"), all(rolled, "<CommonPrefixes><Prefix>(.*?)</Prefix></CommonPrefixes>"), listType);

            assertEquals(List.of("asdf%2Bb", "foo%2B1/bar", "foo/bar/xyzzy", "quux%20ab/thud"),
                    all(list(CEPH_ENCODING, listType + "encoding-type=url"), "<Key>(.*?)</Key>"), listType);

            String prefixed = list(CEPH_ENCODING, listType + "encoding-type=url&prefix=quux%20ab%2F&delimiter=%2F");
            assertEquals("quux%20ab/", S3Assertions.element(prefixed, "Prefix"), listType);
            assertEquals(List.of("quux%20ab/thud"), all(prefixed, "<Key>(.*?)</Key>"), listType);

            String spaceDelimited = list(CEPH_ENCODING, listType + "encoding-type=url&delimiter=%20");
            assertEquals("%20", S3Assertions.element(spaceDelimited, "Delimiter"), listType);
            assertEquals(List.of("quux%20"), all(spaceDelimited, "<CommonPrefixes><Prefix>(.*?)</Prefix></CommonPrefixes>"), listType);
        }
        String startAfter = list(CEPH_ENCODING, "list-type=2&encoding-type=url&start-after=foo%2B1%2Fbar");
        assertEquals("foo%2B1/bar", S3Assertions.element(startAfter, "StartAfter"));
        assertEquals(List.of("foo/bar/xyzzy", "quux%20ab/thud"), all(startAfter, "<Key>(.*?)</Key>"));

        String marked = list(CEPH_ENCODING, "encoding-type=url&delimiter=%2F&max-keys=2&marker=asdf%2Bb");
        assertEquals("asdf%2Bb", S3Assertions.element(marked, "Marker"));
        assertEquals(List.of("foo%2B1/", "foo/"), all(marked, "<CommonPrefixes><Prefix>(.*?)</Prefix></CommonPrefixes>"));
        assertEquals("foo/", S3Assertions.element(marked, "NextMarker"));
        assertEquals("foo%2B1/", S3Assertions.element(list(CEPH_ENCODING, "encoding-type=url&delimiter=%2F&max-keys=2"), "NextMarker"));
    }

    /** Without encoding-type, V1 and V2 echo Prefix, Marker, StartAfter and Delimiter exactly as the query decoded them. */
    @Test
    void withoutEncodingTypeEverythingIsEchoedAsSent() throws Exception {
        cephEncodingBucket();
        String v1 = list(CEPH_ENCODING, "prefix=quux%20ab%2F&delimiter=%2F&marker=quux%20ab%2Fa");
        assertEquals("quux ab/", S3Assertions.element(v1, "Prefix"));
        assertEquals("quux ab/a", S3Assertions.element(v1, "Marker"));
        assertEquals("/", S3Assertions.element(v1, "Delimiter"));
        assertNull(S3Assertions.element(v1, "EncodingType"));
        assertEquals(List.of("quux ab/thud"), all(v1, "<Key>(.*?)</Key>"));
        assertEquals("foo+1/", S3Assertions.element(list(CEPH_ENCODING, "prefix=foo%2B1%2F"), "Prefix"));

        String v2 = list(CEPH_ENCODING, "list-type=2&prefix=foo%2B1%2F&start-after=foo%2B1%2Fa&delimiter=%20");
        assertEquals("foo+1/", S3Assertions.element(v2, "Prefix"));
        assertEquals("foo+1/a", S3Assertions.element(v2, "StartAfter"));
        assertEquals(" ", S3Assertions.element(v2, "Delimiter"));
        assertEquals(List.of("foo+1/bar"), all(v2, "<Key>(.*?)</Key>"));
    }

    /**
     * A file another program named with a character XML 1.0 cannot carry (U+000B here): with
     * encoding-type=url (what the SDKs ask for) it is percent-encoded like any other; without,
     * it is written as a character reference, as S3 writes it, never as the raw character.
     */
    @Test
    void aNameXmlCannotCarryIsListedEncodedOrAsACharacterReference() throws Exception {
        shapesBucket();
        Path folder = Files.createDirectories(server.volume().resolve(SHAPES).resolve("control"));
        Files.writeString(folder.resolve("vt\u000bname.txt"), "named by another program");
        Files.writeString(folder.resolve("plain.txt"), "plain");

        String encoded = list(SHAPES, "list-type=2&encoding-type=url&prefix=control%2F");
        assertEquals(List.of("control/plain.txt", "control/vt%0Bname.txt"), all(encoded, "<Key>(.*?)</Key>"));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(encoded.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("control/plain.txt", "control/vt\u000bname.txt"),
                keys(v2(SHAPES, l -> l.prefix("control/").encodingType(EncodingType.URL))), "the SDK decodes what it asked to be encoded");

        for (String listType : List.of("list-type=2&", "")) {
            String plain = list(SHAPES, listType + "prefix=control%2F");
            assertFalse(plain.contains("\u000b"), plain);
            assertEquals(List.of("control/plain.txt", "control/vt&#xB;name.txt"), all(plain, "<Key>(.*?)</Key>"), listType);
        }
        String echoed = list(SHAPES, "list-type=2&prefix=control%2Fvt%0B");
        assertEquals("control/vt&#xB;", S3Assertions.element(echoed, "Prefix"));
    }

    @Test
    void fetchOwnerReturnsTheOwner() {
        orderBucket();
        ListObjectsV2Response withOwner = v2(ORDER, l -> l.fetchOwner(true));
        assertEquals(ORDER_KEYS.size(), withOwner.contents().size());
        for (S3Object object : withOwner.contents()) {
            assertNotNull(object.owner(), object.key());
            assertNotNull(object.owner().id(), object.key());
            assertFalse(object.owner().id().isEmpty(), object.key());
        }
        assertTrue(v2(ORDER, l -> { }).contents().stream().allMatch(o -> o.owner() == null), "V2 names no owner unless asked");
        assertTrue(v1(ORDER, l -> { }).contents().stream().allMatch(o -> o.owner() != null), "V1 always names the owner");
    }

    @Test
    void theReservedFolderNeverAppears() throws Exception {
        shapesBucket();
        Path reserved = server.volume().resolve(SHAPES).resolve(".volumegate");
        Files.createDirectories(reserved.resolve("tmp"));
        Files.writeString(reserved.resolve("tmp/in-flight-upload"), "half an upload");

        List<ListObjectsV2Response> listings = List.of(
                v2(SHAPES, l -> { }),
                v2(SHAPES, l -> l.delimiter("/")),
                v2(SHAPES, l -> l.prefix(".")),
                v2(SHAPES, l -> l.prefix(".volumegate")),
                v2(SHAPES, l -> l.prefix(".volumegate/tmp/")),
                v2(SHAPES, l -> l.startAfter(".")));
        for (ListObjectsV2Response listing : listings) {
            Stream.concat(keys(listing).stream(), prefixes(listing).stream()).forEach(name ->
                    assertFalse(name.startsWith(".volumegate"), () -> "listed: " + name));
        }
        assertTrue(keys(listings.get(3)).isEmpty());
        ListObjectsResponse v1 = v1(SHAPES, l -> l.delimiter("/"));
        Stream.concat(keys(v1).stream(), prefixesV1(v1).stream()).forEach(name ->
                assertFalse(name.startsWith(".volumegate"), () -> "listed: " + name));
    }

    @Test
    void directoryObjectsAreKeysOfSizeZero() {
        shapesBucket();
        List<S3Object> all = v2(SHAPES, l -> l.prefix("folder")).contents();
        assertEquals(List.of("folder/", "folder/child.txt"), all.stream().map(S3Object::key).toList());
        assertEquals(0L, all.get(0).size());
        assertNotNull(all.get(0).eTag());
        assertNotNull(all.get(0).lastModified());
        assertEquals(5L, all.get(1).size());

        ListObjectsV2Response inside = v2(SHAPES, l -> l.prefix("folder/").delimiter("/"));
        assertEquals(List.of("folder/", "folder/child.txt"), keys(inside));
        ListObjectsV2Response root = v2(SHAPES, l -> l.delimiter("/"));
        assertTrue(prefixes(root).contains("folder/"));
        assertFalse(keys(root).contains("folder/"));
    }

    @Test
    void filesWrittenOnTheVolumeAppearWithTheirSize() throws Exception {
        shapesBucket();
        Path direct = Files.createDirectories(server.volume().resolve(SHAPES).resolve("direct"));
        Path file = Files.write(direct.resolve("data.bin"), new byte[1234]);
        Files.write(direct.resolve("empty.txt"), new byte[0]);

        List<S3Object> listed = v2(SHAPES, l -> l.prefix("direct/")).contents();
        assertEquals(List.of("direct/data.bin", "direct/empty.txt"), listed.stream().map(S3Object::key).toList());
        assertEquals(1234L, listed.get(0).size());
        assertEquals(0L, listed.get(1).size());
        assertFalse(listed.get(0).eTag().isEmpty());
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        assertTrue(Duration.between(modified, listed.get(0).lastModified()).abs().getSeconds() <= 1,
                () -> "LastModified " + listed.get(0).lastModified() + ", file " + modified);

        // Grown by another program: the next listing tells.
        Files.write(file, new byte[100], StandardOpenOption.APPEND);
        assertEquals(1334L, v2(SHAPES, l -> l.prefix("direct/data")).contents().get(0).size());
    }

    @Test
    void thousandsOfFilesPageExactlyOnceInOrder() {
        List<String> expected = bigBucket();

        List<String> v2 = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String resume = token;
            ListObjectsV2Response page = v2(BIG, l -> l.prefix("many/").maxKeys(1000).continuationToken(resume));
            assertTrue(page.keyCount() <= 1000);
            v2.addAll(keys(page));
            token = page.nextContinuationToken();
            assertEquals(page.isTruncated(), token != null);
            pages++;
        } while (token != null);
        assertEquals(expected, v2);
        assertEquals(3, pages);

        List<String> v1 = new ArrayList<>();
        String marker = null;
        ListObjectsResponse page;
        do {
            String resume = marker;
            page = v1(BIG, l -> l.prefix("many/").delimiter("/").maxKeys(1000).marker(resume));
            v1.addAll(keys(page));
            marker = page.nextMarker();
            assertEquals(page.isTruncated(), marker != null, "NextMarker exactly when truncated (with a delimiter)");
        } while (marker != null);
        assertEquals(expected, v1);
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private void orderBucket() {
        fill(ORDER, () -> ORDER_KEYS.forEach(this::put));
    }

    private void encodingBucket() {
        fill(ENCODING, () -> ENCODING_KEYS.forEach(key -> put(ENCODING, key)));
    }

    private void cephEncodingBucket() {
        fill(CEPH_ENCODING, () -> CEPH_ENCODING_KEYS.forEach(key -> put(CEPH_ENCODING, key)));
    }

    private void shapesBucket() {
        fill(SHAPES, () -> {
            server.s3().putObject(p -> p.bucket(SHAPES).key("folder/"), RequestBody.empty());
            server.s3().putObject(p -> p.bucket(SHAPES).key("folder/child.txt"), RequestBody.fromString("child"));
        });
    }

    /** 3,000 files written straight into many/, with names whose S3 order is not their creation order. */
    private List<String> bigBucket() {
        Path folder = server.volume().resolve(BIG).resolve("many");
        fill(BIG, () -> {
            try {
                Files.createDirectories(folder);
                for (int i = 0; i < BIG_FILES; i++) Files.writeString(folder.resolve(bigName(i)), Integer.toString(i));
                Files.writeString(folder.resolveSibling("before.txt"), "outside the folder");
                Files.writeString(folder.resolveSibling("zzz.txt"), "outside the folder");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < BIG_FILES; i++) keys.add("many/" + bigName(i));
        keys.sort(S3_ORDER);
        return keys;
    }

    private static String bigName(int i) {
        return switch (i % 4) {
            case 0 -> "f" + i;
            case 1 -> "F-" + i;
            case 2 -> "f." + i + ".txt";
            default -> "é" + i;
        };
    }

    private void fill(String bucket, Runnable filler) {
        synchronized (filled) {
            if (filled.contains(bucket)) return;
            server.s3().createBucket(b -> b.bucket(bucket));
            filler.run();
            filled.add(bucket);
        }
    }

    private void put(String key) {
        put(ORDER, key);
    }

    private void put(String bucket, String key) {
        server.s3().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key));
    }

    // ---- listing helpers ---------------------------------------------------------------------

    /** The XML of a raw, signed listing: {@code rawQuery} goes on the wire as written. */
    private String list(String bucket, String rawQuery) throws Exception {
        HttpResponse<String> response = RawRequest.of(server, "GET", "/" + bucket + "?" + rawQuery)
                .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** Group 1 of every match of {@code pattern} in {@code xml}, in document order. */
    private static List<String> all(String xml, String pattern) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(pattern).matcher(xml);
        while (matcher.find()) found.add(matcher.group(1));
        return found;
    }

    private ListObjectsV2Response v2(String bucket, Consumer<ListObjectsV2Request.Builder> options) {
        return server.s3().listObjectsV2(l -> options.accept(l.bucket(bucket)));
    }

    private ListObjectsResponse v1(String bucket, Consumer<ListObjectsRequest.Builder> options) {
        return server.s3().listObjects(l -> options.accept(l.bucket(bucket)));
    }

    /** Every page of a V2 listing with max-keys 2: keys and common prefixes, in S3 order. */
    private List<List<String>> pagesV2(String bucket, String delimiter) {
        List<List<String>> pages = new ArrayList<>();
        String token = null;
        while (true) {
            String resume = token;
            ListObjectsV2Response page = v2(bucket, l -> l.maxKeys(2).delimiter(delimiter.isEmpty() ? null : delimiter)
                    .continuationToken(resume));
            assertEquals(resume, page.continuationToken());
            List<String> entries = new ArrayList<>(keys(page));
            entries.addAll(prefixes(page));
            entries.sort(S3_ORDER);
            assertEquals(entries.size(), page.keyCount());
            pages.add(entries);
            if (!page.isTruncated()) {
                assertNull(page.nextContinuationToken());
                return pages;
            }
            token = page.nextContinuationToken();
            assertNotNull(token, "a truncated page has a NextContinuationToken");
            assertTrue(pages.size() < 10, "paging does not end");
        }
    }

    private static List<String> keys(ListObjectsV2Response response) {
        return response.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> keys(ListObjectsResponse response) {
        return response.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(ListObjectsV2Response response) {
        return response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    private static List<String> prefixesV1(ListObjectsResponse response) {
        return response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }
}
