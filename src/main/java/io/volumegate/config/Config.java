package io.volumegate.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The one place settings are read. Precedence: system property, environment variable,
 * servlet context parameter, default. System properties are looked up on each call, since
 * tests may set them before a request; what was resolved from them (defaults, placeholders,
 * the bucket bindings' parse) is kept while they stay the same, because settings are read
 * several times on every request. A leaf: it imports nothing of ours.
 */
@ApplicationScoped
public class Config {
    private volatile Function<String, String> contextParameters = name -> null;
    /** Per setting: the value resolved last and the system properties it was resolved from. */
    private final AtomicReferenceArray<Resolved> resolved = new AtomicReferenceArray<>(Setting.values().length);
    private volatile Parsed<Map<String, Path>> bindings = new Parsed<>(null, Map.of());

    private record Resolved(String property, String volumeProperty, String value) {}

    private record Parsed<T>(String raw, T value) {}

    /**
     * Called once at deployment with the servlet context's init parameters, so that context
     * parameters from web.xml count too.
     */
    public void useContextParameters(Function<String, String> parameters) {
        this.contextParameters = parameters;
        for (int i = 0; i < resolved.length(); i++) resolved.set(i, null);
    }

    public String get(Setting setting) {
        String property = System.getProperty(setting.property());
        String volumeProperty = setting == Setting.VOLUME ? null : System.getProperty(Setting.VOLUME.property());
        Resolved last = resolved.get(setting.ordinal());
        if (last != null && Objects.equals(last.property, property) && Objects.equals(last.volumeProperty, volumeProperty)) {
            return last.value;
        }
        String value = resolve(setting);
        resolved.set(setting.ordinal(), new Resolved(property, volumeProperty, value));
        return value;
    }

    private String resolve(Setting setting) {
        String value = System.getProperty(setting.property());
        if (isBlank(value)) value = System.getenv(setting.environmentVariable());
        if (isBlank(value)) value = contextParameters.apply(setting.property());
        if (isBlank(value)) value = setting.defaultValue();
        return value.replace("${user.home}", System.getProperty("user.home"))
                .replace("${volume}", setting == Setting.VOLUME ? "" : get(Setting.VOLUME));
    }

    public Path volume() { return Path.of(get(Setting.VOLUME)).toAbsolutePath().normalize(); }

    public Path keystore() { return Path.of(get(Setting.KEYSTORE)).toAbsolutePath().normalize(); }

    public char[] keystorePassword() { return get(Setting.KEYSTORE_PASSWORD).toCharArray(); }

    public String region() { return get(Setting.REGION); }

    public boolean enforceRegion() { return Boolean.parseBoolean(get(Setting.ENFORCE_REGION)); }

    public Duration clockSkew() { return Duration.ofSeconds(Long.parseLong(get(Setting.CLOCK_SKEW_SECONDS))); }

    public long maxObjectSize() { return Long.parseLong(get(Setting.MAX_OBJECT_SIZE)); }

    /** Bytes writes leave free on each filesystem objects are stored on. */
    public long writeReserveBytes() { return Long.parseLong(get(Setting.WRITE_RESERVE_BYTES).trim()); }

    public Duration usageWalkInterval() { return Duration.ofSeconds(Long.parseLong(get(Setting.USAGE_WALK_INTERVAL_SECONDS).trim())); }

    /** How long a management API token lives: 1 s to 1 day. */
    public Duration apiTokenLifetime() {
        long seconds = Long.parseLong(get(Setting.API_TOKEN_LIFETIME_SECONDS).trim());
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException(Setting.API_TOKEN_LIFETIME_SECONDS.property() + " must be 1 to 86400 seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    /** How long a shutdown lets requests in flight finish; zero or more. */
    public Duration shutdownGrace() {
        long seconds = Long.parseLong(get(Setting.SHUTDOWN_GRACE_SECONDS).trim());
        if (seconds < 0) throw new IllegalArgumentException(Setting.SHUTDOWN_GRACE_SECONDS.property() + " must be 0 or more: " + seconds);
        return Duration.ofSeconds(seconds);
    }

    public int ioThreads() { return Integer.parseInt(get(Setting.IO_THREADS)); }

    /** How long a body transfer may make no progress before it is ended; zero: for ever. */
    public Duration stallTimeout() { return Duration.ofSeconds(Long.parseLong(get(Setting.STALL_TIMEOUT_SECONDS).trim())); }

    /** How long an unfinished multipart upload is kept; zero: for ever. */
    public Duration multipartMaxAge() { return Duration.ofHours(Long.parseLong(get(Setting.MULTIPART_MAX_AGE_HOURS))); }

    /** How long a Complete may assemble before its 200 goes out early with keep-alive whitespace. */
    public Duration completeKeepAliveAfter() {
        return Duration.ofSeconds(Long.parseLong(get(Setting.MULTIPART_KEEP_ALIVE_SECONDS)));
    }

    public List<String> baseDomains() { return list(get(Setting.BASE_DOMAINS)); }

    /** Bucket name → directory, for buckets that live outside the volume root. */
    public Map<String, Path> bucketBindings() {
        String raw = get(Setting.BUCKET_BINDINGS);
        Parsed<Map<String, Path>> last = bindings;
        if (raw.equals(last.raw)) return last.value;
        Map<String, Path> parsed = Collections.unmodifiableMap(parseBindings(raw));
        bindings = new Parsed<>(raw, parsed);
        return parsed;
    }

    private static Map<String, Path> parseBindings(String raw) {
        Map<String, Path> bindings = new LinkedHashMap<>();
        for (String binding : list(raw)) {
            int eq = binding.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bucket binding needs name=/path: " + binding);
            bindings.put(binding.substring(0, eq).trim(), Path.of(binding.substring(eq + 1).trim()).toAbsolutePath().normalize());
        }
        return bindings;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isBlank(String value) { return value == null || value.isBlank(); }
}
