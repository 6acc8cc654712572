package io.volumegate.s3.object;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteObjectsRequestTest {
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private static DeleteObjectsRequest parse(String xml) {
        return DeleteObjectsRequest.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMalformed(String xml) {
        S3Exception e = assertThrows(S3Exception.class, () -> parse(xml), xml.length() > 300 ? xml.substring(0, 300) : xml);
        assertEquals("MalformedXML", e.error().code());
        assertEquals(400, e.error().status());
    }

    private static String document(int keys) {
        StringBuilder xml = new StringBuilder("<Delete" + NS + ">");
        for (int i = 0; i < keys; i++) xml.append("<Object><Key>k").append(i).append("</Key></Object>");
        return xml.append("</Delete>").toString();
    }

    @Test
    void whatTheSdksSend() {
        DeleteObjectsRequest request = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete" + NS + ">"
                + "<Object><Key>a.txt</Key></Object><Object><Key>dir/b.txt</Key><VersionId>null</VersionId></Object>"
                + "<Quiet>true</Quiet></Delete>");
        assertTrue(request.quiet());
        assertEquals(List.of(new DeleteObjectsRequest.Target("a.txt", null), new DeleteObjectsRequest.Target("dir/b.txt", "null")),
                request.targets());
    }

    @Test
    void theNamespaceMayBeLeftOut() {
        DeleteObjectsRequest request = parse("<Delete><Quiet>false</Quiet><Object><Key>k</Key></Object></Delete>");
        assertFalse(request.quiet());
        assertEquals("k", request.targets().get(0).key());
    }

    @Test
    void keysKeepTheirSpacesAndEscapes() {
        DeleteObjectsRequest request = parse("<Delete" + NS + "><Object><Key> a &amp; b &lt;c&gt; é </Key></Object>"
                + "<Object><Key><![CDATA[x<y]]></Key></Object></Delete>");
        assertEquals(" a & b <c> é ", request.targets().get(0).key());
        assertEquals("x<y", request.targets().get(1).key());
    }

    @Test
    void quietIsFalseUnlessSaidAndOnlyTrueOrFalse() {
        assertFalse(parse(document(1)).quiet());
        assertMalformed("<Delete" + NS + "><Quiet>yes</Quiet><Object><Key>k</Key></Object></Delete>");
    }

    @Test
    void unknownElementsAreIgnored() {
        // Directory buckets' conditional deletes add ETag, Size, LastModifiedTime.
        DeleteObjectsRequest request = parse("<Delete" + NS + "><Object><Key>k</Key><ETag>\"x\"</ETag><Size>3</Size></Object>"
                + "</Delete>");
        assertNull(request.targets().get(0).versionId());
    }

    @Test
    void oneToAThousandKeys() {
        assertEquals(1000, parse(document(1000)).targets().size());
        assertMalformed(document(1001));
        assertMalformed(document(0));
        assertMalformed("<Delete" + NS + "><Quiet>true</Quiet></Delete>");
    }

    @Test
    void everyObjectNeedsAKeyElement() {
        assertMalformed("<Delete" + NS + "><Object><VersionId>null</VersionId></Object></Delete>");
        assertEquals("", parse("<Delete" + NS + "><Object><Key></Key></Object></Delete>").targets().get(0).key(),
                "an empty key is the key's own error, reported per key");
    }

    @Test
    void whatIsNotAWellFormedDocumentIsMalformedXml() {
        assertMalformed("");
        assertMalformed("not xml");
        assertMalformed("<Delete" + NS + "><Object><Key>k</Key></Object>");
        assertMalformed("<Delete" + NS + "><Object><Key>k</Object></Key></Delete>");
        assertMalformed("<Delete" + NS + "></Delete><Delete/>");
    }

    @Test
    void anOversizedDocumentIsMalformedXml() {
        String padding = " ".repeat(DeleteObjectsRequest.MAX_BYTES);
        assertMalformed("<Delete" + NS + "><Object><Key>k</Key></Object>" + padding + "</Delete>");
    }

    @Test
    void anExternalEntityNeverReadsAFile(@TempDir Path temp) throws IOException {
        // If the entity were expanded, the request would name the key in this file.
        Path secret = Files.writeString(temp.resolve("secret.txt"), "victim-key");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Delete" + NS + "><Object><Key>&xxe;</Key></Object></Delete>";
        assertMalformed(xxe);
    }

    @Test
    void internalEntitiesAreRefusedToo() {
        assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY k \"key\">]>"
                + "<Delete" + NS + "><Object><Key>&k;</Key></Object></Delete>");
        // billion laughs
        StringBuilder dtd = new StringBuilder("<!DOCTYPE Delete [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        assertMalformed(dtd.append("]><Delete" + NS + "><Object><Key>&l9;</Key></Object></Delete>").toString());
    }

    @Test
    void anExternalDtdIsNeverFetched() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(300);
            AtomicBoolean fetched = new AtomicBoolean();
            Thread watcher = new Thread(() -> {
                try (Socket ignored = listener.accept()) {
                    fetched.set(true);
                } catch (SocketTimeoutException expected) {
                    // nobody came
                } catch (IOException e) {
                    // closed
                }
            });
            watcher.start();
            assertMalformed("<?xml version=\"1.0\"?><!DOCTYPE Delete SYSTEM \"http://127.0.0.1:" + listener.getLocalPort()
                    + "/evil.dtd\"><Delete" + NS + "><Object><Key>k</Key></Object></Delete>");
            watcher.join();
            assertFalse(fetched.get(), "the parser connected to the DTD's URL");
        }
    }
}
