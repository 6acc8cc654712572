package io.volumegate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.apache.commons.io.FileUtils;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real browser for tests: Debian's headless Chromium, driven over the DevTools protocol with
 * the JDK's own WebSocket client (no driver, no download). It records what the page's console
 * and Chromium's log say (Content-Security-Policy violations among them) and runs JavaScript in
 * the page. Skip a test with {@link #available()} where Chromium is not installed.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private WebSocket socket;

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts Chromium on a blank page and connects to that page. */
    static HeadlessChromium start() throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HeadlessChromium browser = new HeadlessChromium(process, profile);
        try {
            browser.connect(devToolsPort(process));
            return browser;
        } catch (Exception e) {
            browser.close();
            throw e;
        }
    }

    /** Reads Chromium's stderr (all of it, so the pipe never fills) and answers the DevTools port. */
    private static int devToolsPort(Process process) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    Matcher devtools = DEVTOOLS.matcher(line);
                    if (devtools.find()) port.complete(URI.create(devtools.group(1)).getPort());
                }
                port.completeExceptionally(new IOException("Chromium exited before it listened for DevTools"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return port.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void connect(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        String pageSocket = null;
        for (JsonValue target : read(list.body()).asJsonArray()) {
            if ("page".equals(target.asJsonObject().getString("type"))) pageSocket = target.asJsonObject().getString("webSocketDebuggerUrl");
        }
        if (pageSocket == null) throw new IOException("Chromium has no page: " + list.body());
        socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(pageSocket), new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        call("Runtime.enable", JsonValue.EMPTY_JSON_OBJECT);
        call("Log.enable", JsonValue.EMPTY_JSON_OBJECT);
        call("Page.enable", JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Runs this script in every document before the document's own, from the next navigation on. */
    void beforeEveryPage(String script) throws Exception {
        call("Page.addScriptToEvaluateOnNewDocument", Json.createObjectBuilder().add("source", script).build());
    }

    void navigate(URI url) throws Exception {
        JsonObject result = call("Page.navigate", Json.createObjectBuilder().add("url", url.toString()).build());
        if (result.containsKey("errorText")) throw new IOException(url + ": " + result.getString("errorText"));
    }

    /** The value of a JavaScript expression in the page; a promise is awaited; a thrown error fails. */
    JsonValue evaluate(String expression) throws Exception {
        JsonObject result = call("Runtime.evaluate", Json.createObjectBuilder().add("expression", expression)
                .add("awaitPromise", true).add("returnByValue", true).build());
        if (result.containsKey("exceptionDetails")) {
            JsonObject details = result.getJsonObject("exceptionDetails");
            JsonObject exception = details.getJsonObject("exception");
            throw new AssertionError("the page threw: " + (exception != null && exception.containsKey("description")
                    ? exception.getString("description") : details.toString()));
        }
        return result.getJsonObject("result").getOrDefault("value", JsonValue.NULL);
    }

    /** Evaluates {@code condition} until it is true, or fails after the timeout. */
    void await(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (evaluate("Boolean(" + condition + ")") != JsonValue.TRUE) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + condition + "; browser said " + messages);
            Thread.sleep(200);
        }
    }

    /** Lays pages out as on a screen {@code width} CSS pixels wide (1400 a desktop, 390 a phone). */
    void viewport(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Json.createObjectBuilder().add("width", width).add("height", height)
                .add("deviceScaleFactor", 1).add("mobile", width < 600).build());
    }

    /** A PNG of what the page shows now, written to {@code file} (its folder is made). */
    void screenshot(Path file) throws Exception {
        JsonObject shot = call("Page.captureScreenshot", Json.createObjectBuilder().add("format", "png").build());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, java.util.Base64.getDecoder().decode(shot.getString("data")));
    }

    /**
     * Chooses files for a file input as a user would in the browser's file chooser: the element
     * that {@code expression} evaluates to gets {@code paths}; a folder given to an input with
     * {@code webkitdirectory} is the folder chosen, its files listed with their relative paths.
     * A change event follows, as after a real choice.
     */
    void chooseFiles(String expression, List<Path> paths) throws Exception {
        JsonObject found = call("Runtime.evaluate", Json.createObjectBuilder().add("expression", expression).build());
        String objectId = found.getJsonObject("result").getString("objectId");
        var files = Json.createArrayBuilder();
        paths.forEach(path -> files.add(path.toAbsolutePath().toString()));
        call("DOM.setFileInputFiles", Json.createObjectBuilder().add("files", files).add("objectId", objectId).build());
    }

    /**
     * Drags files or folders from the desktop onto the page at (x, y) and drops them there, as a
     * user would from a file manager: dragenter, dragover, then drop, with the real files.
     */
    void dropFiles(double x, double y, List<Path> paths) throws Exception {
        var files = Json.createArrayBuilder();
        paths.forEach(path -> files.add(path.toAbsolutePath().toString()));
        JsonObject data = Json.createObjectBuilder().add("items", Json.createArrayBuilder()).add("files", files)
                .add("dragOperationsMask", 1).build();
        for (String type : new String[] {"dragEnter", "dragOver", "drop"}) {
            call("Input.dispatchDragEvent", Json.createObjectBuilder().add("type", type).add("x", x).add("y", y).add("data", data).build());
        }
    }

    /** Presses and releases a key, as a user on the keyboard (e.g. "Tab", code 9). */
    void pressKey(String key, int keyCode) throws Exception {
        for (String type : new String[] {"rawKeyDown", "keyUp"}) {
            call("Input.dispatchKeyEvent", Json.createObjectBuilder().add("type", type).add("key", key).add("code", key)
                    .add("windowsVirtualKeyCode", keyCode).build());
        }
    }

    /** What the page's console and Chromium's log said so far, "level: text" each. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(Json.createObjectBuilder().add("id", id).add("method", method).add("params", params).build().toString(), true)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonObject message = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (message.containsKey("error")) throw new IOException(method + ": " + message.get("error"));
        return message.getJsonObject("result");
    }

    private void received(JsonObject message) {
        if (message.containsKey("id")) {
            CompletableFuture<JsonObject> answer = pending.remove(message.getInt("id"));
            if (answer != null) answer.complete(message);
            return;
        }
        JsonObject params = message.getJsonObject("params");
        switch (message.getString("method", "")) {
            case "Log.entryAdded" -> {
                JsonObject entry = params.getJsonObject("entry");
                messages.add(entry.getString("level") + ": " + entry.getString("text"));
            }
            case "Runtime.consoleAPICalled" -> {
                StringBuilder text = new StringBuilder(params.getString("type")).append(":");
                for (JsonValue argument : params.getJsonArray("args")) {
                    JsonObject remote = argument.asJsonObject();
                    text.append(' ').append(remote.containsKey("value") ? remote.get("value").toString() : remote.getString("description", "?"));
                }
                messages.add(text.toString());
            }
            case "Runtime.exceptionThrown" -> messages.add("exception: " + params.getJsonObject("exceptionDetails"));
            default -> { }
        }
    }

    private static JsonValue read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    @Override
    public void close() {
        if (socket != null) socket.abort();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FileUtils.deleteQuietly(profile.toFile());
    }

    /** DevTools messages may come in several frames. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                received(read(message).asJsonObject());
            }
            webSocket.request(1);
            return null;
        }
    }
}
