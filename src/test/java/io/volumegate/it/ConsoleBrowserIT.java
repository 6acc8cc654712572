package io.volumegate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
