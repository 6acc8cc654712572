package io.volumegate;

import io.volumegate.auth.Keyring;
import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.CorsPolicy;
import io.volumegate.http.RequestGate;
import io.volumegate.http.TrustedProxies;
import io.volumegate.ops.Operations;
import io.volumegate.storage.TempFile;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start-up: reads configuration (context parameters included), makes sure the volume and
 * the keystore exist, and prints where to connect. A keystore created now gets an admin
 * credential whose secret is printed this once and never again. At the end (undeploy, or the
 * container stopping on SIGTERM), requests in flight get their grace period ({@link RequestGate}).
 */
@WebListener
public class Bootstrap implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    Config config;
    @Inject
    Keyring keyring;
    @Inject
    Operations operations;

    /** Plain, not a bean: it must still work when the container has ended CDI before telling us (Tomcat). */
    private volatile RequestGate gate;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        config.useContextParameters(event.getServletContext()::getInitParameter);
        try {
            gate = new RequestGate(config.shutdownGrace(), Setting.SHUTDOWN_GRACE_SECONDS.property(), TempFile::cutOffAll);
            RequestGate.install(event.getServletContext(), gate);
            Files.createDirectories(config.volume());
            Keyring.Opening opening = keyring.open();
            StringBuilder banner = new StringBuilder("\n==== VolumeGate ====\n");
            banner.append("  volume:   ").append(config.volume()).append('\n');
            String endpoint = config.get(Setting.PUBLIC_ENDPOINT).replaceAll("/+$", "");
            if (endpoint.isEmpty()) {
                banner.append("  endpoint: the address each request comes to (its Host; set ").append(Setting.PUBLIC_ENDPOINT.property())
                        .append(" to pin URLs to one)\n");
                banner.append("  console:  /-/console/ on that address\n");
                banner.append("  API docs: /api/v1/docs on that address\n");
            } else {
                banner.append("  endpoint: ").append(endpoint).append(" (").append(Setting.PUBLIC_ENDPOINT.property()).append(")\n");
                banner.append("  console:  ").append(endpoint).append("/-/console/\n");
                banner.append("  API docs: ").append(endpoint).append("/api/v1/docs\n");
            }
            banner.append("  region:   ").append(config.region()).append('\n');
            // Parsed here too, so that a malformed list stops the start instead of every request.
            banner.append("  trusted proxies: ").append(TrustedProxies.parse(config.get(Setting.TRUSTED_PROXIES))).append('\n');
            CorsPolicy cors = CorsPolicy.parse(config.get(Setting.CORS_ORIGINS));
            if (cors.enabled()) banner.append("  CORS origins: ").append(cors.source()).append('\n');
            banner.append(operations.start(event.getServletContext()));
            if (opening.generatedAdmin().isPresent()) {
                banner.append("  A new keystore was created at ").append(config.keystore()).append(" with this admin credential.\n");
                banner.append("  It is shown once; store it now:\n");
                banner.append("    access key: ").append(opening.generatedAdmin().get().accessKeyId()).append('\n');
                banner.append("    secret key: ").append(new String(opening.generatedAdmin().get().secret(), StandardCharsets.UTF_8)).append('\n');
            } else {
                banner.append("  credentials: ").append(keyring.list().size()).append(" in ").append(config.keystore()).append('\n');
                String admin = config.get(Setting.ADMIN_ACCESS_KEY);
                if (!admin.isBlank()) banner.append("    admin access key: ").append(admin).append(" (secret as configured)\n");
            }
            // The one deliberate print of a secret: to the console of a first start, not the log.
            System.out.println(banner);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "VolumeGate cannot start: " + e.getMessage(), e);
            throw new IllegalStateException("VolumeGate cannot start", e);
        }
    }

    /**
     * Drains the requests in flight, unless the request filter's end did already (it comes first
     * on Tomcat and Payara); no bean is used here, as CDI may be gone (Weld on Tomcat).
     */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        RequestGate ending = gate;
        if (ending != null) ending.drain();
    }
}
