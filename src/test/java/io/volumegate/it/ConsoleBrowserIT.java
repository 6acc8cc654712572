package io.volumegate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (headless Chromium): what a user sees, judged by layout
 * (computed style, offsetParent, bounding box), not by attributes. A read-only credential is
 * not shown Upload, the drop zone or Delete, while it still sees and may download the
 * objects; the admin is shown them. The sign-in page has no nav, "Load more" is not there
 * when a listing is complete, and the file input never shows inside the Upload button.
 */
class ConsoleBrowserIT extends ServerTestBase {
    private static final String BUCKET = "consolebrowserit";
    private static final String KEY = "hello.txt";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UTF8_TEXT = "Grüße, 日本語";
    /** Screenshots of each journey, so a failure can be seen. */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /** A page function: whether an element (or a selector's first match) takes up room on screen. */
    private static final String SHOWN = "window.shown = (target) => {"
            + " const node = typeof target === 'string' ? document.querySelector(target) : target;"
            + " if (!node || node.offsetParent === null || getComputedStyle(node).display === 'none'"
            + "     || getComputedStyle(node).visibility === 'hidden') return false;"
            + " const box = node.getBoundingClientRect(); return box.width > 0 && box.height > 0; };"
            + "window.rowButtons = (text) => [...document.querySelectorAll('#object-rows button')]"
            + "  .filter((b) => b.textContent === text);"
            + "window.rowLink = (text) => [...document.querySelectorAll('#object-rows a')]"
            + "  .find((a) => a.textContent === text);";

    @Test
    void aReadOnlyCredentialIsNotShownWhatItMayNotDo() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(BUCKET);
        server.s3().putObject(p -> p.bucket(BUCKET).key(KEY), RequestBody.fromString("hello"));
        HttpResponse<String> created = admin.post("/credentials",
                "{\"buckets\": null, \"read_only\": true, \"description\": \"ConsoleBrowserIT\"}");
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> reader = json(created);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1400, 900);
            browser.beforeEveryPage(SHOWN);
            browser.navigate(server.uri("/-/console/#/b/" + BUCKET + "/"));
            browser.await("window.shown && shown('#login-form')", WAIT);
            assertSignInPage(browser);

            signIn(browser, (String) reader.get("access_key_id"), (String) reader.get("secret_access_key"));
            JsonObject readOnly = objectsView(browser);
            assertObjectsView(readOnly, false);

            browser.evaluate("document.getElementById('sign-out').click()");
            browser.await("shown('#login-form')", WAIT);
            assertSignInPage(browser); // no nav, and so no last key id, after signing out either

            signIn(browser, server.adminAccessKey(), server.adminSecretKey());
            JsonObject readWrite = objectsView(browser);
            assertObjectsView(readWrite, true);

            assertObjectLinkOpensANewTab(browser);
            assertShareCopyTellsTheUser(browser);
            assertNoPageErrors(browser);
        } finally {
            admin.delete("/credentials/keys/" + reader.get("access_key_id"));
        }
    }

    /** The bucket list shows each bucket's usage against its quota, as text. */
    @Test
    void theBucketListShowsUsageAgainstTheQuota() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        String bucket = BUCKET + "-quota";
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(bucket);
        HttpResponse<String> set = admin.put("/buckets/" + bucket + "/quota", "{\"max_bytes\": 1024, \"max_objects\": 10}");
        assertEquals(200, set.statusCode(), set.body());
        server.s3().putObject(p -> p.bucket(bucket).key(KEY), RequestBody.fromString("hello"));
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.beforeEveryPage(SHOWN);
            browser.navigate(server.uri("/-/console/#/buckets"));
            browser.await("window.shown && shown('#login-form')", WAIT);
            signIn(browser, server.adminAccessKey(), server.adminSecretKey());
            String cell = "[...document.querySelectorAll('#bucket-rows tr')].find((row) => row.cells[0].textContent === "
                    + Json.createValue(bucket) + ")";
            browser.await("shown('#buckets-view') && " + cell + " !== undefined", WAIT);
            assertEquals("5 B of 1.0 KiB · 1 of 10 objects", string(browser, cell + ".querySelector('td.usage').textContent"));
        }
    }

    /**
     * A UTF-8 text file stored as plain {@code text/plain} (no charset, as most uploads are)
     * opens as UTF-8: the row's link asks the S3 endpoint for {@code text/plain; charset=utf-8},
     * and the tab it opens shows the text as written, not as Latin-1 mojibake.
     */
    @Test
    void aUtf8TextFileOpensAsTextInItsCharset() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(BUCKET);
        byte[] bytes = UTF8_TEXT.getBytes(StandardCharsets.UTF_8);
        server.s3().putObject(p -> p.bucket(BUCKET).key("utf8/grüße.txt").contentType("text/plain"), RequestBody.fromBytes(bytes));

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1400, 900);
            browser.beforeEveryPage(SHOWN);
            browser.navigate(server.uri("/-/console/#/b/" + BUCKET + "/utf8/"));
            browser.await("window.shown && shown('#login-form')", WAIT);
            signIn(browser, server.adminAccessKey(), server.adminSecretKey());
            String link = "rowLink(" + Json.createValue("grüße.txt") + ")";
            browser.await("shown(" + link + ")", WAIT);
            browser.evaluate(link + ".dispatchEvent(new PointerEvent('pointerenter'))");
            browser.await(link + ".href.includes('response-content-type=')", WAIT);
            String url = string(browser, link + ".href");
            assertNoPageErrors(browser);

            HttpResponse<byte[]> object = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, object.statusCode());
            assertEquals("text/plain; charset=utf-8", object.headers().firstValue("Content-Type").orElse(null));
            assertArrayEquals(bytes, object.body(), "the bytes on the volume, unchanged");

            browser.navigate(java.net.URI.create(url)); // what the new tab shows
            browser.await("document.readyState === 'complete' && document.body !== null", WAIT);
            assertEquals("UTF-8", string(browser, "document.characterSet"));
            assertEquals(UTF8_TEXT, string(browser, "document.body.innerText.trim()"));
            browser.screenshot(SCREENSHOTS.resolve("utf8-text-opened.png"));
        }
    }

    /**
     * What a user of a file browser expects: New folder makes the folder object on the volume;
     * a folder chosen with Upload folder, and folders dropped on the drop zone, go up with their
     * tree; Refresh shows what others wrote; the filter narrows the folder's rows by name; the
     * columns sort, names in natural order (1, 2, 10); every row checkbox and button has an
     * accessible name. At 1400 px and 390 px wide.
     */
    @Test
    void foldersFilterSortAndRefresh() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(BUCKET);
        Path bucket = server.volume().resolve(BUCKET);
        for (String[] object : new String[][] {{"1.txt", "x".repeat(30)}, {"2.txt", "x".repeat(10)}, {"10.txt", "x".repeat(20)}}) {
            server.s3().putObject(p -> p.bucket(BUCKET).key("files/n/" + object[0]), RequestBody.fromString(object[1]));
        }
        Path desktop = Files.createTempDirectory("consolebrowserit-desktop");
        Path album = Files.createDirectories(desktop.resolve("album/sub dir"));
        Files.writeString(album.resolve("deep ü.txt"), "deep " + UTF8_TEXT);
        Files.writeString(desktop.resolve("album/top.txt"), "top");
        Path dropped = Files.createDirectories(desktop.resolve("dropped/inner"));
        Files.writeString(dropped.resolve("d.txt"), "dropped deep");
        Files.writeString(desktop.resolve("loose.txt"), "loose");

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1400, 900);
            browser.beforeEveryPage(SHOWN);
            browser.navigate(server.uri("/-/console/#/b/" + BUCKET + "/files/"));
            browser.await("window.shown && shown('#login-form')", WAIT);
            signIn(browser, server.adminAccessKey(), server.adminSecretKey());
            browser.await("shown(rowLink('n/'))", WAIT);

            // New folder: the zero-byte "made here/" object, a folder on the volume
            browser.evaluate("document.getElementById('new-folder').click()");
            browser.await("shown('#new-folder-form')", WAIT);
            browser.evaluate("(() => { const form = document.getElementById('new-folder-form');"
                    + " form.name.value = 'made here'; form.requestSubmit(); })()");
            browser.await("shown(rowLink('made here/'))", WAIT);
            assertTrue(Files.isDirectory(bucket.resolve("files/made here")), "the new folder on the volume");
            assertEquals(JsonValue.FALSE, browser.evaluate("shown('#new-folder-form')"));

            // Upload folder: the chosen folder's tree, under the folder shown
            browser.chooseFiles("document.getElementById('upload-folder-input')", List.of(desktop.resolve("album")));
            browser.await("shown(rowLink('album/'))", WAIT);
            assertEquals("deep " + UTF8_TEXT, Files.readString(bucket.resolve("files/album/sub dir/deep ü.txt")));
            assertEquals("top", Files.readString(bucket.resolve("files/album/top.txt")));

            // Drop: folders keep their tree, loose files go in as they are
            browser.evaluate("document.getElementById('drop-zone').scrollIntoView()");
            JsonObject zone = browser.evaluate("(() => { const box = document.getElementById('drop-zone').getBoundingClientRect();"
                    + " return {x: box.x + box.width / 2, y: box.y + box.height / 2}; })()").asJsonObject();
            browser.dropFiles(zone.getJsonNumber("x").doubleValue(), zone.getJsonNumber("y").doubleValue(),
                    List.of(desktop.resolve("dropped"), desktop.resolve("loose.txt")));
            browser.await("shown(rowLink('dropped/')) && shown(rowLink('loose.txt'))", WAIT);
            assertEquals("dropped deep", Files.readString(bucket.resolve("files/dropped/inner/d.txt")));
            assertEquals("loose", Files.readString(bucket.resolve("files/loose.txt")));

            // An upload over an existing name asks first: no keeps the object, yes replaces it
            Files.writeString(desktop.resolve("loose.txt"), "replaced");
            browser.evaluate("window.asked = []; window.confirm = (question) => { asked.push(question); return false; }");
            browser.chooseFiles("document.getElementById('upload-input')", List.of(desktop.resolve("loose.txt")));
            browser.await("asked.length === 1", WAIT);
            assertEquals("Replace the existing loose.txt?", string(browser, "asked[0]"));
            Thread.sleep(500);
            assertEquals("loose", Files.readString(bucket.resolve("files/loose.txt")), "kept");
            browser.evaluate("window.confirm = (question) => { asked.push(question); return true; }");
            browser.chooseFiles("document.getElementById('upload-input')", List.of(desktop.resolve("loose.txt")));
            browser.await("asked.length === 2", WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.readString(bucket.resolve("files/loose.txt")).equals("replaced") && System.nanoTime() < deadline) Thread.sleep(100);
            assertEquals("replaced", Files.readString(bucket.resolve("files/loose.txt")), "replaced");
            browser.await("document.querySelectorAll('#uploads li.finished').length === 5", WAIT);
            Thread.sleep(1000); // the listing the upload ends with

            // Refresh: what another client wrote meanwhile
            server.s3().putObject(p -> p.bucket(BUCKET).key("files/from elsewhere.txt"), RequestBody.fromString("s3"));
            assertEquals(JsonValue.FALSE, browser.evaluate("Boolean(rowLink('from elsewhere.txt'))"));
            browser.evaluate("document.getElementById('refresh').click()");
            browser.await("shown(rowLink('from elsewhere.txt'))", WAIT);
            browser.screenshot(SCREENSHOTS.resolve("folder-desktop.png"));

            // Natural order, sorting by a column and back, the filter
            browser.evaluate("location.hash = '#/b/" + BUCKET + "/files/n/'");
            browser.await("shown(rowLink('10.txt'))", WAIT);
            String names = "[...document.querySelectorAll('#object-rows td.name')].map((cell) => cell.textContent).join(',')";
            assertEquals("1.txt,2.txt,10.txt", string(browser, names), "natural order, not 1, 10, 2");
            browser.evaluate("document.querySelector('button.sort[data-sort=size]').click()");
            assertEquals("2.txt,10.txt,1.txt", string(browser, names), "by size");
            assertEquals("ascending", string(browser, "document.querySelector('button.sort[data-sort=size]').parentNode.getAttribute('aria-sort')"));
            browser.evaluate("document.querySelector('button.sort[data-sort=size]').click()");
            assertEquals("1.txt,10.txt,2.txt", string(browser, names), "by size, largest first");
            browser.evaluate("document.querySelector('button.sort[data-sort=name]').click()");
            assertEquals("1.txt,2.txt,10.txt", string(browser, names));
            browser.evaluate("(() => { const filter = document.getElementById('filter'); filter.value = '1';"
                    + " filter.dispatchEvent(new Event('input')); })()");
            assertEquals("1.txt,10.txt", string(browser, names), "filtered by name");
            browser.evaluate("(() => { const filter = document.getElementById('filter'); filter.value = 'nothing like it';"
                    + " filter.dispatchEvent(new Event('input')); })()");
            assertEquals("Nothing here matches the filter.", string(browser, "document.querySelector('#object-rows .empty').textContent"));
            browser.evaluate("(() => { const filter = document.getElementById('filter'); filter.value = '';"
                    + " filter.dispatchEvent(new Event('input')); })()");

            // Accessible names of the row controls
            assertEquals(JsonValue.TRUE, browser.evaluate("[...document.querySelectorAll('#object-rows tr')].every((row) =>"
                    + " { const name = row.querySelector('td.name').textContent;"
                    + "   return row.querySelector('input[type=checkbox]').getAttribute('aria-label') === 'Select ' + name"
                    + "     && [...row.querySelectorAll('button')].every((b) => b.getAttribute('aria-label') === b.textContent + ' ' + name); })"));

            // Focus is visible on every control a keyboard reaches: a 2 px outline, not the faint default
            browser.pressKey("Tab", 9); // the user is on the keyboard now
            assertEquals("", string(browser, "['#object-rows button', '#object-rows input', '#object-rows a', 'button.sort',"
                    + " '#filter', '#refresh'].filter((selector) => { const node = document.querySelector(selector); node.focus();"
                    + " const style = getComputedStyle(node);"
                    + " return !(document.activeElement === node && style.outlineStyle === 'solid' && style.outlineWidth === '2px'); })"
                    + ".join(', ')"), "controls without a visible focus");
            browser.evaluate("document.activeElement.blur()");

            browser.viewport(390, 844);
            browser.screenshot(SCREENSHOTS.resolve("folder-phone.png"));
            assertPhoneLayout(browser);
            assertNoPageErrors(browser);
        } finally {
            org.apache.commons.io.FileUtils.deleteQuietly(desktop.toFile());
        }
    }

    /**
     * The details panel of an object in a versioned bucket: size, type, ETag, checksum,
     * metadata; a preview of its text (UTF-8), of an image and of a PDF, inside the page; its
     * versions, an older one restored (its bytes are the file's again) and one deleted for good;
     * the public/private toggle, which anonymous S3 reads follow.
     */
    @Test
    void theDetailsPanelShowsPreviewsVersionsAndAccess() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        String bucketName = BUCKET + "-details";
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(bucketName);
        assertEquals(200, admin.put("/buckets/" + bucketName + "/versioning", "{\"status\": \"Enabled\"}").statusCode());
        String first = server.s3().putObject(p -> p.bucket(bucketName).key("doc.txt").contentType("text/plain")
                .metadata(Map.of("color", "blue")).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString(UTF8_TEXT, StandardCharsets.UTF_8)).versionId();
        String second = server.s3().putObject(p -> p.bucket(bucketName).key("doc.txt").contentType("text/plain"),
                RequestBody.fromString("second " + UTF8_TEXT, StandardCharsets.UTF_8)).versionId();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        server.s3().putObject(p -> p.bucket(bucketName).key("pic.png").contentType("image/png"), RequestBody.fromBytes(png.toByteArray()));
        server.s3().putObject(p -> p.bucket(bucketName).key("paper.pdf").contentType("application/pdf"), RequestBody.fromString(PDF));
        Path file = server.volume().resolve(bucketName).resolve("doc.txt");
        URI anonymous = server.endpoint().resolve(bucketName + "/doc.txt");

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.viewport(1400, 900);
            browser.beforeEveryPage(SHOWN + "window.confirm = () => true;");
            browser.navigate(server.uri("/-/console/#/b/" + bucketName + "/"));
            browser.await("window.shown && shown('#login-form')", WAIT);
            signIn(browser, server.adminAccessKey(), server.adminSecretKey());
            browser.await("shown(rowLink('doc.txt'))", WAIT);
            assertEquals(JsonValue.TRUE, browser.evaluate("rowButtons('Details').every((b) => b.getAttribute('aria-label').startsWith('Details '))"));

            browser.evaluate("document.querySelector('button[aria-label=\"Details doc.txt\"]').click()");
            browser.await("document.getElementById('details-dialog').open && document.querySelector('#details-preview pre')"
                    + " && document.querySelectorAll('#details-versions tr').length === 2 && shown('#details-public')", WAIT);
            String facts = string(browser, "document.getElementById('details-facts').innerText");
            assertTrue(facts.contains("text/plain"), facts);
            assertTrue(facts.contains(server.s3().headObject(h -> h.bucket(bucketName).key("doc.txt")).eTag()), facts);
            assertFalse(facts.contains("Metadata: color"), "the current version was written without metadata: " + facts);
            assertEquals("second " + UTF8_TEXT, string(browser, "document.querySelector('#details-preview pre').textContent"));
            assertEquals(JsonValue.TRUE, browser.evaluate("document.querySelector('#details-versions tr').textContent.includes('current')"));
            browser.screenshot(SCREENSHOTS.resolve("details-desktop.png"));

            // Restore the first version: the file holds its bytes again, as a third version
            browser.evaluate("document.querySelector('button[aria-label=\"Restore version " + first + "\"]').click()");
            browser.await("document.querySelectorAll('#details-versions tr').length === 3", WAIT);
            assertEquals(UTF8_TEXT, Files.readString(file));
            browser.await("document.querySelector('#details-preview pre') && document.querySelector('#details-preview pre').textContent === "
                    + Json.createValue(UTF8_TEXT), WAIT);
            String restored = string(browser, "document.getElementById('details-facts').innerText");
            assertTrue(restored.contains("Metadata: color") && restored.contains("blue") && restored.contains("Checksum (SHA256)"), restored);

            // Delete the second version for good
            browser.evaluate("document.querySelector('button[aria-label=\"Delete version " + second + "\"]').click()");
            browser.await("document.querySelectorAll('#details-versions tr').length === 2", WAIT);
            assertFalse(server.s3().listObjectVersions(l -> l.bucket(bucketName).prefix("doc.txt")).versions().stream()
                    .anyMatch(v -> v.versionId().equals(second)));

            // Public, then private again: anonymous reads follow
            assertEquals(403, anonymousGet(anonymous));
            assertTrue(string(browser, "document.getElementById('details-access').textContent").startsWith("Private"));
            browser.evaluate("document.getElementById('details-public').click()");
            browser.await("document.getElementById('details-access').textContent.startsWith('Public')", WAIT);
            assertEquals(200, anonymousGet(anonymous));
            assertEquals("Make private", string(browser, "document.getElementById('details-public').textContent"));
            browser.evaluate("document.getElementById('details-public').click()");
            browser.await("document.getElementById('details-access').textContent.startsWith('Private')", WAIT);
            assertEquals(403, anonymousGet(anonymous));
            browser.evaluate("document.getElementById('details-dialog').close()");

            // Image and PDF previews, inside the page
            browser.await("document.querySelector('button[aria-label=\"Details pic.png\"]')", WAIT); // the listing is refreshed on close
            browser.evaluate("document.querySelector('button[aria-label=\"Details pic.png\"]').click()");
            browser.await("document.querySelector('#details-preview img') && document.querySelector('#details-preview img').complete"
                    + " && document.querySelector('#details-preview img').naturalWidth === 3", WAIT);
            browser.evaluate("document.getElementById('details-dialog').close()");
            browser.await("document.querySelector('button[aria-label=\"Details paper.pdf\"]')", WAIT); // the listing is refreshed on close
            browser.evaluate("document.querySelector('button[aria-label=\"Details paper.pdf\"]').click()");
            browser.await("document.querySelector('#details-preview iframe')", WAIT);
            assertTrue(string(browser, "document.querySelector('#details-preview iframe').src").contains("response-content-type=application%2Fpdf"));
            Thread.sleep(1500); // let the frame load: a policy violation would be logged by now
            browser.screenshot(SCREENSHOTS.resolve("details-pdf.png"));
            browser.viewport(390, 844);
            browser.screenshot(SCREENSHOTS.resolve("details-phone.png"));
            assertNoPageErrors(browser);
        }
    }

    private static int anonymousGet(URI url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A one-page PDF that says "VolumeGate". */
    private static final String PDF = "%PDF-1.4\n"
            + "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
            + "4 0 obj<</Length 44>>stream\nBT /F1 24 Tf 40 70 Td (VolumeGate) Tj ET\nendstream endobj\n"
            + "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
            + "trailer<</Root 1 0 R>>\n%%EOF\n";

    /**
     * The sign-in is renewed before the token expires, again and again (POST /auth/refresh,
     * whose tokens carry the session's start, auth_time), so the console stays signed in and
     * working past a token's lifetime. The page's long timers are shortened to 2 s, so the
     * renewal due after 80% of 15 minutes comes at once.
     */
    @Test
    void theSignInIsRenewedBeforeItExpires() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(BUCKET);
        server.s3().putObject(p -> p.bucket(BUCKET).key(KEY), RequestBody.fromString("hello"));
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.beforeEveryPage(SHOWN + "window.renewals = []; const realSetTimeout = window.setTimeout.bind(window);"
                    + " window.setTimeout = (run, ms, ...rest) => realSetTimeout(run, ms >= 600000 ? 2000 : ms, ...rest);"
                    + " const realFetch = window.fetch.bind(window);"
                    + " window.fetch = (url, options) => { if (String(url).endsWith('/api/v1/auth/refresh')) renewals.push(Date.now());"
                    + "   return realFetch(url, options); };");
            browser.navigate(server.uri("/-/console/#/b/" + BUCKET + "/"));
            browser.await("window.shown && shown('#login-form')", WAIT);
            signIn(browser, server.adminAccessKey(), server.adminSecretKey());
            String signedIn = string(browser, "sessionStorage.getItem('volumegate.token')");
            browser.await("renewals.length >= 2", WAIT);
            String token = "sessionStorage.getItem('volumegate.token')";
            assertNotEquals(signedIn, string(browser, token));
            assertEquals(JsonValue.TRUE, browser.evaluate("(() => { const part = " + token + ".split('.')[1].replace(/-/g, '+').replace(/_/g, '/');"
                    + " return Number.isInteger(JSON.parse(atob(part)).auth_time); })()"), "a renewed token");
            // still signed in, and the renewed token works
            browser.evaluate("document.getElementById('refresh').click()");
            browser.await("shown(rowLink(" + Json.createValue(KEY) + "))", WAIT);
            assertEquals(JsonValue.FALSE, browser.evaluate("shown('#login-form')"));
            assertEquals(200, ApiClient.withToken(server, string(browser, token)).get("/credentials").statusCode());

            // a reloaded tab renews at once, and a sign-out stops renewing
            browser.navigate(server.uri("/-/console/#/b/" + BUCKET + "/"));
            browser.await("window.renewals && renewals.length >= 1 && shown(rowLink(" + Json.createValue(KEY) + "))", WAIT);
            browser.evaluate("document.getElementById('sign-out').click()");
            browser.await("shown('#login-form')", WAIT);
            String renewals = browser.evaluate("renewals.length").toString();
            Thread.sleep(3000);
            assertEquals(renewals, browser.evaluate("renewals.length").toString(), "no renewal after signing out");
            assertNoPageErrors(browser);
        }
    }

    /**
     * At 390 px: nothing is wider than the screen, the header's brand and nav do not overlap,
     * and every row's buttons are on screen.
     */
    static void assertPhoneLayout(HeadlessChromium browser) throws Exception {
        browser.await("innerWidth === 390", WAIT);
        assertEquals(JsonValue.TRUE, browser.evaluate("document.documentElement.scrollWidth <= innerWidth"),
                "wider than the screen: " + browser.evaluate("document.documentElement.scrollWidth"));
        assertEquals(JsonValue.TRUE, browser.evaluate("(() => { const a = document.querySelector('header .brand').getBoundingClientRect();"
                + " return [...document.querySelectorAll('#nav > *')].filter(shown).every((item) => {"
                + "   const b = item.getBoundingClientRect();"
                + "   return b.right <= innerWidth && (b.left >= a.right || b.top >= a.bottom || b.bottom <= a.top); }); })()"),
                "the header's items overlap or leave the screen");
        assertEquals(JsonValue.TRUE, browser.evaluate("[...document.querySelectorAll('#object-rows button')].every((b) =>"
                + " shown(b) && b.getBoundingClientRect().right <= innerWidth && b.getBoundingClientRect().left >= 0)"),
                "a row's buttons are cut off");
    }

    /** No JavaScript error and no Content-Security-Policy violation so far. */
    static void assertNoPageErrors(HeadlessChromium browser) {
        List<String> errors = browser.messages().stream()
                .filter(m -> m.startsWith("exception:") || m.contains("Content Security Policy") || m.contains("Refused to")
                        || m.startsWith("error: Uncaught"))
                .toList();
        assertEquals(List.of(), errors, "the page's errors");
    }

    private static void assertSignInPage(HeadlessChromium browser) throws Exception {
        assertEquals(JsonValue.FALSE, browser.evaluate("shown('#nav')"), "the nav on the sign-in page");
        assertEquals(JsonValue.FALSE, browser.evaluate("shown('#whoami')"), "the key id on the sign-in page");
        assertEquals(JsonValue.FALSE, browser.evaluate("shown('#objects-view')"));
    }

    private static void signIn(HeadlessChromium browser, String accessKey, String secret) throws Exception {
        browser.evaluate("(() => { const form = document.getElementById('login-form');"
                + " form.access.value = " + Json.createValue(accessKey) + ";"
                + " form.secret.value = " + Json.createValue(secret) + ";"
                + " form.requestSubmit(); })()");
        browser.await("document.getElementById('whoami').textContent === " + Json.createValue(accessKey), WAIT);
    }

    /** Waits for the object's row, then reports what is visible in the objects view. */
    private static JsonObject objectsView(HeadlessChromium browser) throws Exception {
        browser.await("shown('#objects-view') && shown(rowLink(" + Json.createValue(KEY) + "))", WAIT);
        return browser.evaluate("({"
                + " nav: shown('#nav'),"
                + " upload: shown('#upload-button'),"
                + " fileInput: shown('#upload-input'),"
                + " dropZone: shown('#drop-zone'),"
                + " deleteSelected: shown('#delete-selected'),"
                + " downloadSelected: shown('#download-selected'),"
                + " rowDelete: rowButtons('Delete').some(shown),"
                + " rowDownload: shown(rowLink(" + Json.createValue(KEY) + ")),"
                + " rowShare: rowButtons('Share').some(shown),"
                + " loadMore: shown('#load-more')"
                + "})").asJsonObject();
    }

    /** Upload, the drop zone and Delete (toolbar and rows) shown exactly when writable; the rest always. */
    private static void assertObjectsView(JsonObject view, boolean writable) {
        for (String writeAction : new String[] {"upload", "dropZone", "deleteSelected", "rowDelete"}) {
            assertEquals(writable, bool(view, writeAction), writeAction + ": " + view);
        }
        assertEquals(true, bool(view, "nav"), view.toString());
        assertEquals(true, bool(view, "rowDownload"), view.toString());
        assertEquals(true, bool(view, "rowShare"), view.toString());
        assertEquals(true, bool(view, "downloadSelected"), view.toString());
        assertEquals(false, bool(view, "fileInput"), "the browser's file box inside the Upload button: " + view);
        assertEquals(false, bool(view, "loadMore"), "one object, nothing more to load: " + view);
    }

    /**
     * The object's name is a link into a new tab (target=_blank, rel=noopener), never a
     * navigation of the console's own tab; reaching it with the pointer gives it the object's
     * presigned URL, so the browser follows a real href.
     */
    private static void assertObjectLinkOpensANewTab(HeadlessChromium browser) throws Exception {
        String link = "rowLink(" + Json.createValue(KEY) + ")";
        assertEquals("_blank", string(browser, link + ".target"));
        assertEquals(JsonValue.TRUE, browser.evaluate(link + ".relList.contains('noopener')"));
        browser.evaluate(link + ".dispatchEvent(new PointerEvent('pointerenter'))");
        browser.await(link + ".href.includes('/" + BUCKET + "/" + KEY + "?')", WAIT);
        String page = string(browser, "location.href");
        HttpResponse<String> object = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(string(browser, link + ".href"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, object.statusCode(), object.body());
        assertEquals("hello", object.body());
        assertEquals(page, string(browser, "location.href"), "the console's tab stays where it was");
    }

    /**
     * Copy in the share dialog says what happened: "Copied." when the clipboard took the
     * link; without navigator.clipboard (not a secure context) it selects the link and uses
     * execCommand('copy'), and when that fails too, asks the user to select and copy it.
     */
    private static void assertShareCopyTellsTheUser(HeadlessChromium browser) throws Exception {
        browser.evaluate("rowButtons('Share')[0].click()");
        browser.await("document.getElementById('share-dialog').open", WAIT);
        browser.evaluate("document.getElementById('share-create').click()");
        browser.await("document.getElementById('share-url').value.startsWith('http')", WAIT);
        // the link's expiry, a day from now (the default lifetime), as the user's clock shows it
        assertEquals(JsonValue.TRUE, browser.evaluate("(() => { const text = document.getElementById('share-expiry').textContent;"
                + " const day = new Date(Date.now() + 86400000).toLocaleString().split(',')[0];"
                + " return shown('#share-expiry') && text.startsWith('Anyone with this link may open " + KEY + " until ') && text.includes(day); })()"),
                () -> "the share link's expiry: " + browser.messages());
        String message = "document.getElementById('share-message').textContent";

        browser.evaluate("Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });"
                + " window.copied = 0; document.execCommand = (command) => command === 'copy' && ++window.copied > 0;"
                + " document.getElementById('share-copy').click()");
        browser.await(message + " !== ''", WAIT);
        assertEquals("Copied.", string(browser, message));
        assertEquals(JsonValue.TRUE, browser.evaluate("window.copied === 1"));

        browser.evaluate("document.execCommand = () => false; document.getElementById('share-copy').click()");
        browser.await(message + ".startsWith('Select and copy the link')", WAIT);
        assertEquals(JsonValue.TRUE, browser.evaluate("(() => { const field = document.getElementById('share-url');"
                + " return document.activeElement === field && field.selectionStart === 0"
                + " && field.selectionEnd === field.value.length; })()"), "the link is selected for the user");
        assertEquals(JsonValue.TRUE, browser.evaluate("shown('#share-message')"));
    }

    private static String string(HeadlessChromium browser, String expression) throws Exception {
        return ((jakarta.json.JsonString) browser.evaluate(expression)).getString();
    }

    private static boolean bool(JsonObject view, String field) {
        return view.getBoolean(field);
    }
}
