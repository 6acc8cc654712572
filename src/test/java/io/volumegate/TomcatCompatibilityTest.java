package io.volumegate;

import jakarta.enterprise.context.ConversationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Tomcat WAR relies on. Its META-INF/context.xml
 * (deployment-descriptors/tomcat/context.xml) keeps Weld from activating the HTTP request,
 * session and conversation contexts, which Weld's servlet integration cannot follow across
 * our asynchronous requests; so no bean may live in those scopes.
 */
class TomcatCompatibilityTest {
    private static final List<Class<? extends Annotation>> HTTP_SCOPES =
            List.of(RequestScoped.class, SessionScoped.class, ConversationScoped.class);

    @Test
    void noBeanNeedsAnHttpContext() throws Exception {
        Path classes = Path.of("target/classes");
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }
        assertFalse(names.isEmpty(), "compiled classes in " + classes);
        List<String> scoped = names.stream().filter(TomcatCompatibilityTest::hasHttpScope).toList();
        assertEquals(List.of(), scoped, "beans in HTTP scopes do not work on Tomcat (see context.xml)");
    }

    @Test
    void contextXmlStillTurnsTheHttpContextsOff() throws Exception {
        String contextXml = Files.readString(Path.of("deployment-descriptors/tomcat/context.xml"));
        assertTrue(contextXml.contains("name=\"org.jboss.weld.context.mapping\" value=\"(?!)\""),
                "deployment-descriptors/tomcat/context.xml sets org.jboss.weld.context.mapping");
    }

    private static boolean hasHttpScope(String className) {
        try {
            Class<?> type = Class.forName(className, false, TomcatCompatibilityTest.class.getClassLoader());
            return HTTP_SCOPES.stream().anyMatch(type::isAnnotationPresent);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + className, e);
        }
    }
}
