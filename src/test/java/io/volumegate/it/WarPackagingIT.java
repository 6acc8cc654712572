package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two WARs one `mvn package` builds (no server needed): the lean one for Payara and
 * WildFly carries no CDI, JSON-B or JAXB implementation (the server's own would clash with a
 * second copy), the Tomcat one carries them and its META-INF/context.xml, and neither carries
 * an API the container itself provides; both carry Swagger UI for /api/v1/docs.
 */
class WarPackagingIT {
    /** Jars only the Tomcat WAR may hold (artifact id prefixes, as in the pom's packagingExcludes). */
    private static final List<String> TOMCAT_ONLY = List.of("weld-servlet-shaded-", "yasson-", "parsson-",
            "jakarta.json-api-", "jakarta.json.bind-api-", "jaxb-runtime-", "jaxb-core-", "angus-activation-", "txw2-",
            "istack-commons-runtime-");
    /** Jars no WAR may hold: the container provides these APIs. */
    private static final List<String> CONTAINER_APIS = List.of("jakarta.servlet-api-", "jakarta.annotation-api-",
            "jakarta.enterprise.cdi-api-", "jakarta.inject-api-", "jakarta.jakartaee-", "tomcat-", "weld-core");

    private static final Path TARGET = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).getParent();

    @Test
    void leanWarForPayaraAndWildFly() throws IOException {
        Path war = TARGET.resolve("volumegate.war");
        Set<String> libs = libs(war);
        for (String jar : libs) {
            assertFalse(TOMCAT_ONLY.stream().anyMatch(jar::startsWith), war + " must not bundle " + jar);
            assertFalse(CONTAINER_APIS.stream().anyMatch(jar::startsWith), war + " must not bundle " + jar);
        }
        Set<String> entries = entries(war);
        assertTrue(entries.contains("WEB-INF/glassfish-web.xml"), "context root / on Payara");
        assertTrue(entries.contains("WEB-INF/jboss-web.xml"), "context root / on WildFly");
        assertFalse(entries.contains("META-INF/context.xml"), "Tomcat's context.xml only in the tomcat WAR");
    }

    @Test
    void tomcatWarBundlesCdiJsonbAndJaxb() throws IOException {
        Path war = TARGET.resolve("volumegate-tomcat.war");
        Set<String> libs = libs(war);
        for (String prefix : TOMCAT_ONLY) {
            assertTrue(libs.stream().anyMatch(jar -> jar.startsWith(prefix)), war + " bundles " + prefix + "*.jar; has " + libs);
        }
        for (String jar : libs) {
            assertFalse(CONTAINER_APIS.stream().anyMatch(jar::startsWith), war + " must not bundle " + jar);
        }
        Set<String> lean = libs(TARGET.resolve("volumegate.war"));
        assertTrue(libs.containsAll(lean), "everything the lean WAR bundles, too: " + lean);
        assertTrue(entries(war).contains("META-INF/context.xml"));
        assertEquals(entries(TARGET.resolve("volumegate.war")).stream().filter(e -> e.startsWith("WEB-INF/classes/")).count(),
                entries(war).stream().filter(e -> e.startsWith("WEB-INF/classes/")).count(), "the same classes");
    }

    /** Swagger UI (/api/v1/docs) is a compile dependency: in both WARs, with our page beside it. */
    @Test
    void bothWarsCarrySwaggerUiAndTheDocsPage() throws IOException {
        for (String name : List.of("volumegate.war", "volumegate-tomcat.war")) {
            Path war = TARGET.resolve(name);
            assertTrue(libs(war).stream().anyMatch(jar -> jar.startsWith("swagger-ui-")), war + " bundles org.webjars:swagger-ui");
            assertTrue(entries(war).containsAll(List.of("docs/index.html", "docs/swagger-initializer.js")), war.toString());
        }
    }

    private static Set<String> libs(Path war) throws IOException {
        return entries(war).stream().filter(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"))
                .map(e -> e.substring("WEB-INF/lib/".length())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> entries(Path war) throws IOException {
        assertTrue(Files.isRegularFile(war), war + " is built by `mvn package`");
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.stream().map(ZipEntry::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
