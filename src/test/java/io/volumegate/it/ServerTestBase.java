package io.volumegate.it;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

/**
 * Base class of every integration test: name the subclass {@code *IT} (failsafe runs it in
 * {@code mvn verify}), declare no {@code @Deployment}, and talk to {@link #server}. All IT
 * classes share one Payara Micro running the packaged WAR (see {@link SuiteDeployment}), so
 * use bucket names of your own and do not rely on an empty volume.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ServerTestBase {
    @ArquillianResource
    private URL deploymentUrl;

    /** The shared server and its clients. */
    protected TestServer server;

    @BeforeEach
    void connectToServer() {
        server = TestServer.at(deploymentUrl);
    }
}
