package io.volumegate.it;

import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The one deployment of the integration-test run: the WAR that `mvn package` built, unchanged,
 * on one Payara Micro shared by every IT class (arquillian-suite-extension; arquillian.xml
 * names this class). IT classes extend {@link ServerTestBase} and declare no deployment.
 */
@ArquillianSuiteDeployment
public final class SuiteDeployment {
    private SuiteDeployment() {
    }

    @Deployment(testable = false)
    public static WebArchive volumegate() {
        File war = new File(System.getProperty("volumegate.it.war", "target/volumegate.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " does not exist: run `mvn verify` (it packages the WAR first)");
        }
        // Runs once, before Payara Micro starts: every run begins with an empty volume.
        TestServer.resetVolume();
        // The name becomes the application name; the context root "/" comes from the WAR's
        // WEB-INF/glassfish-web.xml.
        return ShrinkWrap.create(ZipImporter.class, "volumegate.war").importFrom(war).as(WebArchive.class);
    }
}
