package io.volumegate.http;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Liveness for load balancers: the application answers (readiness, whether the volume can
 * take requests, is {@code /-/ready}). Lives under "/-/", a path no bucket can take (bucket names
 * are at least three characters of [a-z0-9.-] and cannot start with '-'), so it never
 * shadows an S3 request.
 */
@WebServlet(urlPatterns = "/-/health", asyncSupported = true)
public class HealthServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestContext.of(request).operation("HEALTH");
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":\"UP\"}");
    }
}
