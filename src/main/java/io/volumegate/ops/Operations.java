package io.volumegate.ops;

import io.volumegate.auth.Keyring;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.QuotaService;
import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.RequestContext;
import io.volumegate.http.RequestObserver;
import io.volumegate.http.TrustedProxies;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What an operator watches: request metrics (Prometheus, {@code volumegate.metrics.*}), the
 * access log ({@code volumegate.access-log.*}) and the readiness probe. Told of every request
 * by the request-context filter; {@link #start} registers the endpoints once the settings can
 * be read (and warns of container endpoints that shadow buckets, {@link ContainerEndpoints}),
 * and the application's end stops the access-log writer after it wrote what was queued.
 */
@ApplicationScoped
public class Operations implements RequestObserver {
    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    @Inject
    Config config;
    @Inject
    Keyring keyring;
    @Inject
    BucketService buckets;
    @Inject
    QuotaService quotas;

    private volatile RequestMetrics metrics;
    private volatile AccessLog accessLog;

    /**
     * Reads the settings and registers the metrics (at {@code volumegate.metrics.path}) and
     * readiness endpoints. Returns the lines the start-up banner shows about them.
     *
     * @throws IllegalArgumentException for a malformed setting: the start fails, naming it
     */
    public String start(ServletContext servletContext) {
        Set<String> shadowing = ContainerEndpoints.shadowingBuckets(servletContext);
        if (!shadowing.isEmpty()) LOG.warning(ContainerEndpoints.warning(shadowing));
        Map<String, Path> roots = new LinkedHashMap<>();
        roots.put("volume", config.volume());
        roots.putAll(config.bucketBindings());
        long reserve = Long.parseLong(config.get(Setting.READY_MIN_FREE_BYTES).trim());
        servletContext.addServlet("ready", new ReadinessServlet(new Readiness(roots, config.keystore(), reserve)))
                .addMapping(ReadinessServlet.PATH);
        StringBuilder banner = new StringBuilder("  probes:   /-/health (liveness), " + ReadinessServlet.PATH + " (readiness)\n");

        if (Boolean.parseBoolean(config.get(Setting.METRICS_ENABLED).trim())) {
            String path = config.get(Setting.METRICS_PATH).trim();
            if (!path.startsWith("/-/") || path.length() == 3 || path.contains("*")) {
                throw new IllegalArgumentException(Setting.METRICS_PATH.property() + " must be a path under /-/ (off the S3 namespace): " + path);
            }
            String allow = config.get(Setting.METRICS_ALLOW).trim();
            TrustedProxies allowed = "none".equalsIgnoreCase(allow) ? TrustedProxies.NONE
                    : TrustedProxies.parse(allow, Setting.METRICS_ALLOW.property());
            String token = config.get(Setting.METRICS_TOKEN);
            metrics = new RequestMetrics(roots);
            metrics.bind(new StorageMetrics(keyring::reloads));
            metrics.reportBucketUsage(buckets, quotas);
            servletContext.addServlet("metrics", new MetricsServlet(metrics, allowed, token)).addMapping(path);
            banner.append("  metrics:  ").append(path).append(" (Prometheus; from ").append(allowed)
                    .append(token.isBlank() ? ")" : ", or with the bearer token)").append('\n');
        } else {
            banner.append("  metrics:  off\n");
        }

        AccessLogFormat format = AccessLogFormat.parse(config.get(Setting.ACCESS_LOG_FORMAT));
        int capacity = Integer.parseInt(config.get(Setting.ACCESS_LOG_QUEUE).trim());
        RequestMetrics counted = metrics;
        // Off means no log at all: no record is built per request only to be thrown away.
        if (format != AccessLogFormat.OFF) {
            accessLog = new AccessLog(format, capacity, AccessLog.toLogger(), counted == null ? () -> { } : counted::accessLogDropped);
        }
        banner.append("  access log: ").append(format.name().toLowerCase(java.util.Locale.ROOT))
                .append(format == AccessLogFormat.OFF ? "" : " (logger " + AccessLog.LOGGER + ")").append('\n');
        return banner.toString();
    }

    @Override
    public void started(RequestContext context) {
        RequestMetrics m = metrics;
        if (m != null) m.started();
    }

    @Override
    public void ended(HttpServletRequest request, HttpServletResponse response, RequestContext context) {
        long nanos = context.elapsedNanos();
        int status = response.getStatus();
        RequestMetrics m = metrics;
        if (m != null) m.ended(context.operation(), status, context.errorCode(), context.bytesIn(), context.bytesOut(), nanos);
        AccessLog log = accessLog;
        if (log != null) {
            log.add(new AccessRecord(System.currentTimeMillis(), context.requestId(), request.getRemoteAddr(),
                    context.principal(), request.getMethod(), request.getRequestURI(), context.operation(), context.bucket(),
                    context.key(), status, context.errorCode(), context.bytesIn(), context.bytesOut(), nanos / 1_000_000,
                    request.getHeader("Referer"), request.getHeader("User-Agent")));
        }
    }

    @PreDestroy
    void stop() {
        AccessLog log = accessLog;
        if (log != null) log.close();
        RequestMetrics m = metrics;
        if (m != null) m.close();
    }
}
