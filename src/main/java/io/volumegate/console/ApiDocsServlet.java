package io.volumegate.console;

import io.volumegate.api.ApiRoute;
import io.volumegate.api.PublicUrls;
import io.volumegate.http.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The management API's interactive documentation: Swagger UI, try-it-out included, over
 * {@code GET /api/v1/openapi.json}, at {@code /api/v1/docs}.
 *
 * <p>The page ({@code docs/index.html} in the WAR) and its initializer script
 * ({@code docs/swagger-initializer.js}, which points the UI at the OpenAPI document and signs
 * the page in with the token {@code POST /auth/token} answers) are ours; the UI itself is the
 * packaged build of the {@code org.webjars:swagger-ui} jar in {@code WEB-INF/lib}, read from its
 * {@code META-INF/resources/webjars/swagger-ui/<version>/}, under {@code /api/v1/docs/<file>}.
 * Our initializer shadows the jar's (which loads a demo API), and only plain {@code .js},
 * {@code .css} and {@code .png} names are served there: no HTML, no path.
 *
 * <p>Mapped to {@code /api/v1/docs} and {@code /api/v1/docs/*}, more specific than the API
 * servlet's {@code /api/*}, so no token is asked for; no {@link ApiRoute} begins with
 * {@code /docs}, so nothing of the API is shadowed. Everything goes out with the console's
 * strict Content-Security-Policy ({@link StaticFiles}): Swagger UI needs no inline script,
 * inline style or eval. The page refers to its files relatively ({@code docs/...}), so it works
 * under any host, port and context path; {@code /api/v1/docs/} redirects to the page.
 */
@WebServlet(urlPatterns = {ApiDocsServlet.PATH, ApiDocsServlet.PATH + "/*"})
public class ApiDocsServlet extends HttpServlet {
    static final String PATH = ApiRoute.PREFIX + "/docs";
    private static final String FOLDER = "/docs/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(js|css|png)");

    @Inject
    PublicUrls urls;

    private String version;

    @Override
    public void init() throws ServletException {
        version = swaggerUiVersion();
    }

    /** The bundled Swagger UI's version, which names its folder in the jar. */
    static String swaggerUiVersion() throws ServletException {
        try (InputStream pom = ApiDocsServlet.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (pom == null) throw new ServletException("org.webjars:swagger-ui is not in WEB-INF/lib");
            Properties properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new ServletException("cannot read " + WEBJAR_POM, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestContext.of(request).operation("API_DOCS");
        // The decoded path: only plain ASCII names are served here, and no key is parsed from it.
        String rest = request.getPathInfo();
        if (rest == null) {
            sendOwn(response, "index.html");
            return;
        }
        String name = rest.substring(1);
        if (name.isEmpty()) {
            // The page's relative links are written for /api/v1/docs.
            response.sendRedirect(request.getContextPath() + PATH);
            return;
        }
        if (!ASSET.matcher(name).matches()) {
            StaticFiles.notFound(response);
            return;
        }
        if (getServletContext().getResource(FOLDER + name) != null) {
            sendOwn(response, name);
            return;
        }
        try (InputStream file = ApiDocsServlet.class.getClassLoader().getResourceAsStream(WEBJAR + version + "/" + name)) {
            if (file == null) {
                StaticFiles.notFound(response);
                return;
            }
            // Swagger UI's files change only with its version: revalidated by that (1.6 MB of bundle).
            String etag = "\"swagger-ui-" + version + "\"";
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("ETag", etag);
            if (etag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(304);
                return;
            }
            StaticFiles.send(response, name, file, urls);
        }
    }

    private void sendOwn(HttpServletResponse response, String name) throws IOException {
        StaticFiles.sendWarFile(getServletContext(), FOLDER, name, response, urls);
    }
}
