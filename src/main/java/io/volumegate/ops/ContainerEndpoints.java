package io.volumegate.ops;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import java.util.Set;
import java.util.TreeSet;

/**
 * The endpoints a container added to this application at paths that are bucket names, such as
 * MicroProfile's {@code /health}, {@code /metrics} and {@code /openapi}, which Payara (Server and
 * Micro) adds to the application at context root "/" unless its configuration turns them off.
 * They come as servlets that the container's ServletContainerInitializers register before the
 * application starts, so they are among the context's servlet registrations when we look: any
 * servlet of another code base mapped to a path outside {@code /-/} and {@code /api/} shadows the
 * bucket its first segment names. Containers' default and JSP servlets ({@code /}, {@code *.jsp})
 * shadow nothing: ours at {@code /*} takes every request they would.
 */
final class ContainerEndpoints {
    private static final String OURS = "io.volumegate.";

    private ContainerEndpoints() {}

    /** {@code /health}, {@code /metrics}, ...: the first path segment of every shadowing endpoint, sorted. */
    static Set<String> shadowingBuckets(ServletContext context) {
        Set<String> paths = new TreeSet<>();
        for (ServletRegistration servlet : context.getServletRegistrations().values()) {
            String className = servlet.getClassName();
            if (className == null || className.startsWith(OURS)) continue;
            for (String mapping : servlet.getMappings()) {
                String path = bucketPath(mapping);
                if (path != null) paths.add(path);
            }
        }
        return paths;
    }

    /** The one WARNING the start-up logs when {@code paths} is not empty. */
    static String warning(Set<String> paths) {
        return "The container serves " + String.join(", ", paths) + " itself in this application: buckets of those names "
                + "cannot be reached over S3. Turn those endpoints off in the container; on Payara run the commands of "
                + "deployment-descriptors/payara/preboot-commands.asadmin (Payara Micro: --prebootcommandfile; "
                + "Payara Server: asadmin), see the README's Deploy section.";
    }

    /** "/metrics" for "/metrics/*" or "/metrics"; null for mappings that shadow no bucket. */
    static String bucketPath(String mapping) {
        if (mapping == null || !mapping.startsWith("/") || mapping.equals("/") || mapping.equals("/*")) return null;
        if (mapping.startsWith("/-/") || mapping.startsWith("/api/") || mapping.equals("/api")) return null;
        String rest = mapping.substring(1);
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        return segment.isEmpty() || segment.contains("*") ? null : "/" + segment;
    }
}
