package io.volumegate.ops;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which servlets a container added shadow buckets: Payara's MicroProfile endpoints do, default and JSP servlets do not. */
class ContainerEndpointsTest {
    @Test
    void payarasMicroProfileEndpointsShadowBucketsOfTheirNames() {
        Map<String, ServletRegistration> servlets = new LinkedHashMap<>();
        servlets.put("s3", servlet("io.volumegate.s3.S3Servlet", "/*"));
        servlets.put("metrics", servlet("io.volumegate.ops.MetricsServlet", "/-/metrics"));
        servlets.put("api", servlet("io.volumegate.api.ApiServlet", "/api/*"));
        servlets.put("default", servlet("org.apache.catalina.servlets.DefaultServlet", "/"));
        servlets.put("jsp", servlet("org.apache.jasper.servlet.JspServlet", "*.jsp", "*.jspx"));
        servlets.put("mp-metrics", servlet("fish.payara.microprofile.metrics.rest.MetricsResource", "/metrics/*", "/metrics"));
        servlets.put("mp-health", servlet("fish.payara.microprofile.healthcheck.servlet.HealthCheckServlet", "/health/*"));
        servlets.put("mp-openapi", servlet("fish.payara.microprofile.openapi.impl.rest.app.OpenApiServlet", "/openapi/*"));

        Set<String> shadowing = ContainerEndpoints.shadowingBuckets(context(servlets));

        assertEquals(List.of("/health", "/metrics", "/openapi"), List.copyOf(shadowing));
        String warning = ContainerEndpoints.warning(shadowing);
        assertTrue(warning.startsWith("The container serves /health, /metrics, /openapi itself in this application"), warning);
        assertTrue(warning.contains("deployment-descriptors/payara/preboot-commands.asadmin"), warning);
    }

    @Test
    void tomcatsAndWildflysOwnServletsShadowNothing() {
        Map<String, ServletRegistration> servlets = new LinkedHashMap<>();
        servlets.put("s3", servlet("io.volumegate.s3.S3Servlet", "/*"));
        servlets.put("default", servlet("io.undertow.servlet.handlers.DefaultServlet", "/"));
        servlets.put("jsp", servlet("org.apache.jasper.servlet.JspServlet", "*.jsp", "*.jspx"));
        assertEquals(Set.of(), ContainerEndpoints.shadowingBuckets(context(servlets)));
    }

    @Test
    void onlyTheFirstSegmentOfAPathNamesABucket() {
        assertEquals("/metrics", ContainerEndpoints.bucketPath("/metrics/base/*"));
        assertEquals(null, ContainerEndpoints.bucketPath("/-/console/*"));
        assertEquals(null, ContainerEndpoints.bucketPath("/*"));
        assertEquals(null, ContainerEndpoints.bucketPath("*.jsp"));
        assertEquals(null, ContainerEndpoints.bucketPath(""));
    }

    private static ServletRegistration servlet(String className, String... mappings) {
        return proxy(ServletRegistration.class, (name, args) -> switch (name) {
            case "getClassName" -> className;
            case "getMappings" -> List.of(mappings);
            default -> null;
        });
    }

    private static ServletContext context(Map<String, ServletRegistration> servlets) {
        return proxy(ServletContext.class, (name, args) -> name.equals("getServletRegistrations") ? servlets : null);
    }

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(ContainerEndpointsTest.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> handler.handle(method.getName(), args));
    }
}
