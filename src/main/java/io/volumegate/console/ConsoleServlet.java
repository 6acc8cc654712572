package io.volumegate.console;

import io.volumegate.api.PublicUrls;
import io.volumegate.http.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The web console: the static files in the WAR's {@code console/} folder, served under
 * {@code /-/console/}. A servlet of our own rather than the container's default servlet, which
 * the S3 servlet's {@code /*} mapping shadows and which each container maps differently.
 * Only plain file names of the known types are served; everything goes out with a strict
 * Content-Security-Policy ({@link StaticFiles}): the console's own script, talking to this
 * origin and the public S3 endpoint (where presigned part uploads go), nothing inline, never framed;
 * images and frames from those two only, for the previews of its details panel.
 */
@WebServlet(urlPatterns = {"/-/console", "/-/console/*"})
public class ConsoleServlet extends HttpServlet {
    static final String PATH = "/-/console/";
    private static final String FOLDER = "/console/";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");

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
            StaticFiles.notFound(response);
            return;
        }
        StaticFiles.sendWarFile(getServletContext(), FOLDER, name, response, StaticFiles.consolePolicy(urls));
    }
}
