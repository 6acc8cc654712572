package io.volumegate.config;

/**
 * Every setting VolumeGate reads, with its default. The README's settings table mirrors
 * this enum; a setting is read from the system property {@link #property()}, else the
 * environment variable {@link #environmentVariable()}, else the servlet context parameter
 * of the same name as the property.
 */
public enum Setting {
    VOLUME("volumegate.volume", "${user.home}/volumegate-volume",
            "Root directory of the volume; each top-level directory is a bucket."),
    BUCKET_BINDINGS("volumegate.buckets", "",
            "Extra buckets mapped to any directory: name=/path[,name=/path...]."),
    KEYSTORE("volumegate.keystore", "${volume}/.volumegate/keystore.p12",
            "PKCS12 keystore holding S3 secrets, the share-link key and the JWT key."),
    KEYSTORE_PASSWORD("volumegate.keystore.password", "volumegate",
            "Password of the keystore; set your own in production."),
    ADMIN_ACCESS_KEY("volumegate.admin.access-key", "",
            "Access key id of an admin credential to ensure at start-up (automation)."),
    ADMIN_SECRET_KEY("volumegate.admin.secret-key", "",
            "Secret of that admin credential."),
    TRUSTED_PROXIES("volumegate.trusted-proxies", "",
            "Comma-separated IP addresses and CIDR ranges of the reverse proxies and load balancers in front; only "
                    + "from those are Forwarded / X-Forwarded-Host, -Proto, -Port and -For believed. None by default."),
    CORS_ORIGINS("volumegate.cors.origins", "",
            "Comma-separated origins whose web pages may call the S3 endpoint from a browser (preflights answered, "
                    + "ETag exposed), e.g. https://app.example.com; one '*' may stand for any part (https://*.example.com), "
                    + "and '*' alone allows every origin. None by default."),
    PUBLIC_ENDPOINT("volumegate.public-endpoint", "",
            "The URL clients use to reach this server, base of the presigned URLs, share links and other URLs it hands "
                    + "out. Unset: each request's own scheme, Host and context path (as trusted proxies forwarded them, "
                    + "where configured), so the URLs work on whatever address a client used."),
    REGION("volumegate.region", "us-east-1",
            "Region reported by GetBucketLocation and used when enforcing regions."),
    ENFORCE_REGION("volumegate.region.enforce", "false",
            "When true, a signature scoped to another region is refused."),
    CLOCK_SKEW_SECONDS("volumegate.clock-skew-seconds", "900",
            "Largest accepted difference between a request's date and the server clock."),
    BASE_DOMAINS("volumegate.base-domains", "",
            "Comma-separated domains for virtual-host addressing (<bucket>.<domain>)."),
    IO_THREADS("volumegate.io-threads", "16",
            "Threads for blocking filesystem work (fsync, directory walks)."),
    STALL_TIMEOUT_SECONDS("volumegate.http.stall-timeout-seconds", "60",
            "A request body from which no byte arrives, or a response body of which the client takes no byte, for "
                    + "this many seconds ends the request (400 RequestTimeout, or the connection closed) and frees "
                    + "what it held; 0 waits for ever."),
    MAX_OBJECT_SIZE("volumegate.max-object-size", "5368709120",
            "Largest single PUT in bytes (S3: 5 GiB)."),
    MULTIPART_MAX_AGE_HOURS("volumegate.multipart.max-age-hours", "168",
            "Multipart uploads not completed this many hours after they started are removed with their parts "
                    + "(S3 lifecycle's AbortIncompleteMultipartUpload); 0 keeps them."),
    MULTIPART_KEEP_ALIVE_SECONDS("volumegate.multipart.complete-keep-alive-seconds", "5",
            "A CompleteMultipartUpload still assembling after this many seconds answers 200 and sends a space every "
                    + "5 s until its result (or error document), as S3 does; 0 answers so at once."),
    API_CREDENTIALS_SHOW_SECRET("volumegate.api.credentials.show-secret", "true",
            "Whether GET /api/v1/credentials answers the caller's own secret_access_key, as the reference API does, so a "
                    + "script holding a token can configure an S3 client; false for deployments that want a secret shown "
                    + "only once, when it is created."),
    API_TOKEN_LIFETIME_SECONDS("volumegate.api.token-lifetime-seconds", "900",
            "Lifetime of a management API token (POST /api/v1/auth/token) in seconds."),
    METRICS_ENABLED("volumegate.metrics.enabled", "true",
            "Whether requests are measured and the Prometheus metrics are served; false: neither."),
    METRICS_PATH("volumegate.metrics.path", "/-/metrics",
            "Path of the Prometheus metrics (text format); it must start with /-/, off the S3 namespace."),
    METRICS_ALLOW("volumegate.metrics.allow", "127.0.0.0/8,::1",
            "Comma-separated IP addresses and CIDR ranges that may read the metrics without a token (the client's "
                    + "address, after trusted proxies); none: no address, only the token."),
    METRICS_TOKEN("volumegate.metrics.token", "",
            "A bearer token that opens the metrics from any address (Authorization: Bearer <token>). None by default."),
    ACCESS_LOG_FORMAT("volumegate.access-log.format", "json",
            "Format of the access log (logger io.volumegate.access), one line per request: json, common, combined, "
                    + "or off."),
    ACCESS_LOG_QUEUE("volumegate.access-log.queue-size", "8192",
            "Access-log lines waiting for the writer; when it falls this far behind, lines are dropped (and counted "
                    + "in volumegate_access_log_dropped_total) rather than slowing requests."),
    SHUTDOWN_GRACE_SECONDS("volumegate.shutdown.grace-seconds", "30",
            "On undeploy or SIGTERM, how long requests in flight (uploads, Completes) may take to finish while new ones "
                    + "are refused with 503; what is still running then is cut off, its temp files removed."),
    READY_MIN_FREE_BYTES("volumegate.ready.min-free-bytes", "1073741824",
            "Free space in bytes the volume (and each bound bucket's directory) must have for /-/ready to answer 200."),
    WRITE_RESERVE_BYTES("volumegate.write.reserve-bytes", "67108864",
            "Space in bytes that writes leave free on each filesystem objects are stored on: a PUT, UploadPart, copy or "
                    + "CompleteMultipartUpload whose size would eat into it answers 507 InsufficientStorage before its body "
                    + "is read (one of unknown size, only once the reserve is reached)."),
    USAGE_WALK_INTERVAL_SECONDS("volumegate.usage.walk-interval-seconds", "3600",
            "Each bucket's usage (bytes and objects, for quotas, the API, the console and the metrics) is kept by the "
                    + "writes themselves; a walk of the bucket counts it again, picking up files other programs wrote or "
                    + "removed, at its first use and when the count is older than this many seconds (in the background, "
                    + "at the next use); 0: only at first use.");

    private final String property;
    private final String defaultValue;
    private final String description;

    Setting(String property, String defaultValue, String description) {
        this.property = property;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String property() { return property; }

    /** volumegate.keystore.password → VOLUMEGATE_KEYSTORE_PASSWORD. */
    public String environmentVariable() {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }
}
