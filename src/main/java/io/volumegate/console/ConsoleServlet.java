package io.volumegate.console;

import io.volumegate.api.PublicUrls;
import io.volumegate.http.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web console: the static files in the WAR's {@code console/} folder, served under
 * {@code /-/console/}. A servlet of our own rather than the container's default servlet, which
 * the S3 servlet's {@code /*} mapping shadows and which each container maps differently.
 * Only plain file names of the known types are served; everything goes out with a strict
 * Content-Security-Policy: the console's own script, talking to this origin and the public
 * S3 endpoint (where presigned part uploads go), nothing inline, never framed.
 */
@WebServlet(urlPatterns = {"/-/console", "/-/console/*"})
public class ConsoleServlet extends HttpServlet {
    static final String PATH = "/-/console/";
    private static final String FOLDER = "/console/";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml");

    @Inject
    PublicUrls urls;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestContext.of(request).operation("CONSOLE");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/-/console")) {
            response.sendRedirect(request.getContextPath() + PATH);
            return;
        }
        String name = path.substring(PATH.length());
        if (name.isEmpty()) name = "index.html";
        if (!FILE_NAME.matcher(name).matches()) {
            notFound(response);
            return;
        }
        try (InputStream file = getServletContext().getResourceAsStream(FOLDER + name)) {
            if (file == null) {
                notFound(response);
                return;
            }
            response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
            response.setHeader("Content-Security-Policy", contentSecurityPolicy());
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "no-referrer");
            // Always revalidated: a new WAR's console must not meet an old script in a cache.
            response.setHeader("Cache-Control", "no-cache");
            file.transferTo(response.getOutputStream());
        }
    }

    private String contentSecurityPolicy() {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + publicOrigin() + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * Presigned part URLs point at the public endpoint: a configured one may be another origin
     * than the console's; without one they point at the address the console was loaded from.
     */
    private String publicOrigin() {
        return urls.configured().map(endpoint -> " " + endpoint.origin()).orElse("");
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Not found\n");
    }
}
