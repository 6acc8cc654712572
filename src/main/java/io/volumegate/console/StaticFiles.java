package io.volumegate.console;

import io.volumegate.api.PublicUrls;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * What the browser pages this server serves (the console, the API docs) have in common: their
 * file types, the strict Content-Security-Policy they go out with, and the 404 for anything else.
 */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private StaticFiles() {}

    /** The Content-Type of a file name with one of the known extensions. */
    static String contentType(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) throw new IllegalArgumentException("not a known file type: " + name);
        return type;
    }

    /**
     * Sends a file with the page's policy: scripts and styles from this origin only, nothing
     * inline and no eval, requests to this origin and the public S3 endpoint, never framed.
     * The caller sets Cache-Control.
     */
    static void send(HttpServletResponse response, String name, InputStream file, PublicUrls urls) throws IOException {
        send(response, name, file, contentSecurityPolicy(urls));
    }

    /** As above, with the policy given. */
    static void send(HttpServletResponse response, String name, InputStream file, String policy) throws IOException {
        response.setContentType(contentType(name));
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        file.transferTo(response.getOutputStream());
    }

    /**
     * Sends the WAR's file {@code folder + name}, or 404. Always revalidated: a new WAR's page
     * must not meet an old script in a cache.
     */
    static void sendWarFile(ServletContext context, String folder, String name, HttpServletResponse response, PublicUrls urls)
            throws IOException {
        sendWarFile(context, folder, name, response, contentSecurityPolicy(urls));
    }

    /** As above, with the policy given. */
    static void sendWarFile(ServletContext context, String folder, String name, HttpServletResponse response, String policy)
            throws IOException {
        try (InputStream file = context.getResourceAsStream(folder + name)) {
            if (file == null) {
                notFound(response);
                return;
            }
            response.setHeader("Cache-Control", "no-cache");
            send(response, name, file, policy);
        }
    }

    static String contentSecurityPolicy(PublicUrls urls) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + publicOrigin(urls) + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * The console's policy: the one above, and the previews of its details panel, which show an
     * object from its presigned URL on the S3 endpoint (this origin, or the configured public
     * one): images in an img, PDFs in a frame. Nothing else may be framed, and the console
     * itself is never framed.
     */
    static String consolePolicy(PublicUrls urls) {
        String objects = "'self'" + publicOrigin(urls);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:" + publicOrigin(urls) + "; "
                + "frame-src " + objects + "; connect-src " + objects + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * Presigned URLs and the OpenAPI document's server point at the public endpoint: a configured
     * one may be another origin than the page's; without one they point at the address the page
     * was loaded from.
     */
    private static String publicOrigin(PublicUrls urls) {
        return urls.configured().map(endpoint -> " " + endpoint.origin()).orElse("");
    }

    static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Not found\n");
    }
}
