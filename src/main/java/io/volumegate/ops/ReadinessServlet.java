package io.volumegate.ops;

import io.volumegate.http.RequestContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /-/ready}, the readiness probe: 200 {@code {"status":"UP"}} while {@link Readiness}
 * finds nothing wrong, else 503 with the reasons, so a load balancer takes the node out
 * before it fails requests. {@code /-/health} stays the liveness probe.
 */
final class ReadinessServlet extends HttpServlet {
    static final String PATH = "/-/ready";

    private final transient Readiness readiness;

    ReadinessServlet(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestContext context = RequestContext.of(request);
        context.operation("READY");
        List<String> problems = readiness.problems();
        if (!problems.isEmpty()) context.errorCode("NotReady");
        byte[] body = Readiness.json(problems).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problems.isEmpty() ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
