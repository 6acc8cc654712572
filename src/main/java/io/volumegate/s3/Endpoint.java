package io.volumegate.s3;

import java.util.List;

/**
 * Every S3 operation, named once: how a request selects it (method, whether it targets the
 * service, a bucket or an object, the sub-resource query parameters and headers that tell
 * it apart) and whether it reads or writes. Operations we have not built answer
 * 501 NotImplemented, so this enum is also the compatibility table.
 */
public enum Endpoint {
    // Service
    LIST_BUCKETS("GET", Target.SERVICE, Access.READ),

    // Buckets
    CREATE_BUCKET("PUT", Target.BUCKET, Access.WRITE),
    DELETE_BUCKET("DELETE", Target.BUCKET, Access.WRITE),
    HEAD_BUCKET("HEAD", Target.BUCKET, Access.READ),
    LIST_OBJECTS("GET", Target.BUCKET, Access.READ),
    LIST_OBJECTS_V2("GET", Target.BUCKET, Access.READ, "list-type=2"),
    LIST_OBJECT_VERSIONS("GET", Target.BUCKET, Access.READ, "versions"),
    LIST_MULTIPART_UPLOADS("GET", Target.BUCKET, Access.READ, "uploads"),
    GET_BUCKET_LOCATION("GET", Target.BUCKET, Access.READ, "location"),
    DELETE_OBJECTS("POST", Target.BUCKET, Access.WRITE, "delete"),
    POST_OBJECT("POST", Target.BUCKET, Access.WRITE),
    GET_BUCKET_ACL("GET", Target.BUCKET, Access.READ, "acl"),
    PUT_BUCKET_ACL("PUT", Target.BUCKET, Access.WRITE, "acl"),
    GET_BUCKET_CORS("GET", Target.BUCKET, Access.READ, "cors"),
    PUT_BUCKET_CORS("PUT", Target.BUCKET, Access.WRITE, "cors"),
    DELETE_BUCKET_CORS("DELETE", Target.BUCKET, Access.WRITE, "cors"),
    GET_BUCKET_ENCRYPTION("GET", Target.BUCKET, Access.READ, "encryption"),
    PUT_BUCKET_ENCRYPTION("PUT", Target.BUCKET, Access.WRITE, "encryption"),
    DELETE_BUCKET_ENCRYPTION("DELETE", Target.BUCKET, Access.WRITE, "encryption"),
    GET_BUCKET_LIFECYCLE_CONFIGURATION("GET", Target.BUCKET, Access.READ, "lifecycle"),
    PUT_BUCKET_LIFECYCLE_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "lifecycle"),
    DELETE_BUCKET_LIFECYCLE("DELETE", Target.BUCKET, Access.WRITE, "lifecycle"),
    GET_BUCKET_LOGGING("GET", Target.BUCKET, Access.READ, "logging"),
    PUT_BUCKET_LOGGING("PUT", Target.BUCKET, Access.WRITE, "logging"),
    GET_BUCKET_NOTIFICATION_CONFIGURATION("GET", Target.BUCKET, Access.READ, "notification"),
    PUT_BUCKET_NOTIFICATION_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "notification"),
    GET_BUCKET_POLICY("GET", Target.BUCKET, Access.READ, "policy"),
    PUT_BUCKET_POLICY("PUT", Target.BUCKET, Access.WRITE, "policy"),
    DELETE_BUCKET_POLICY("DELETE", Target.BUCKET, Access.WRITE, "policy"),
    GET_BUCKET_POLICY_STATUS("GET", Target.BUCKET, Access.READ, "policyStatus"),
    GET_BUCKET_REPLICATION("GET", Target.BUCKET, Access.READ, "replication"),
    PUT_BUCKET_REPLICATION("PUT", Target.BUCKET, Access.WRITE, "replication"),
    DELETE_BUCKET_REPLICATION("DELETE", Target.BUCKET, Access.WRITE, "replication"),
    GET_BUCKET_REQUEST_PAYMENT("GET", Target.BUCKET, Access.READ, "requestPayment"),
    PUT_BUCKET_REQUEST_PAYMENT("PUT", Target.BUCKET, Access.WRITE, "requestPayment"),
    GET_BUCKET_TAGGING("GET", Target.BUCKET, Access.READ, "tagging"),
    PUT_BUCKET_TAGGING("PUT", Target.BUCKET, Access.WRITE, "tagging"),
    DELETE_BUCKET_TAGGING("DELETE", Target.BUCKET, Access.WRITE, "tagging"),
    GET_BUCKET_VERSIONING("GET", Target.BUCKET, Access.READ, "versioning"),
    PUT_BUCKET_VERSIONING("PUT", Target.BUCKET, Access.WRITE, "versioning"),
    GET_BUCKET_WEBSITE("GET", Target.BUCKET, Access.READ, "website"),
    PUT_BUCKET_WEBSITE("PUT", Target.BUCKET, Access.WRITE, "website"),
    DELETE_BUCKET_WEBSITE("DELETE", Target.BUCKET, Access.WRITE, "website"),
    GET_BUCKET_ACCELERATE_CONFIGURATION("GET", Target.BUCKET, Access.READ, "accelerate"),
    PUT_BUCKET_ACCELERATE_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "accelerate"),
    GET_BUCKET_ANALYTICS_CONFIGURATION("GET", Target.BUCKET, Access.READ, "analytics"),
    PUT_BUCKET_ANALYTICS_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "analytics"),
    DELETE_BUCKET_ANALYTICS_CONFIGURATION("DELETE", Target.BUCKET, Access.WRITE, "analytics"),
    GET_BUCKET_INTELLIGENT_TIERING_CONFIGURATION("GET", Target.BUCKET, Access.READ, "intelligent-tiering"),
    PUT_BUCKET_INTELLIGENT_TIERING_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "intelligent-tiering"),
    DELETE_BUCKET_INTELLIGENT_TIERING_CONFIGURATION("DELETE", Target.BUCKET, Access.WRITE, "intelligent-tiering"),
    GET_BUCKET_INVENTORY_CONFIGURATION("GET", Target.BUCKET, Access.READ, "inventory"),
    PUT_BUCKET_INVENTORY_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "inventory"),
    DELETE_BUCKET_INVENTORY_CONFIGURATION("DELETE", Target.BUCKET, Access.WRITE, "inventory"),
    GET_BUCKET_METRICS_CONFIGURATION("GET", Target.BUCKET, Access.READ, "metrics"),
    PUT_BUCKET_METRICS_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "metrics"),
    DELETE_BUCKET_METRICS_CONFIGURATION("DELETE", Target.BUCKET, Access.WRITE, "metrics"),
    GET_BUCKET_OWNERSHIP_CONTROLS("GET", Target.BUCKET, Access.READ, "ownershipControls"),
    PUT_BUCKET_OWNERSHIP_CONTROLS("PUT", Target.BUCKET, Access.WRITE, "ownershipControls"),
    DELETE_BUCKET_OWNERSHIP_CONTROLS("DELETE", Target.BUCKET, Access.WRITE, "ownershipControls"),
    GET_PUBLIC_ACCESS_BLOCK("GET", Target.BUCKET, Access.READ, "publicAccessBlock"),
    PUT_PUBLIC_ACCESS_BLOCK("PUT", Target.BUCKET, Access.WRITE, "publicAccessBlock"),
    DELETE_PUBLIC_ACCESS_BLOCK("DELETE", Target.BUCKET, Access.WRITE, "publicAccessBlock"),
    GET_OBJECT_LOCK_CONFIGURATION("GET", Target.BUCKET, Access.READ, "object-lock"),
    PUT_OBJECT_LOCK_CONFIGURATION("PUT", Target.BUCKET, Access.WRITE, "object-lock"),

    // Objects
    GET_OBJECT("GET", Target.OBJECT, Access.READ),
    HEAD_OBJECT("HEAD", Target.OBJECT, Access.READ),
    PUT_OBJECT("PUT", Target.OBJECT, Access.WRITE),
    COPY_OBJECT("PUT", Target.OBJECT, Access.WRITE, List.of(), List.of("x-amz-copy-source")),
    RENAME_OBJECT("PUT", Target.OBJECT, Access.WRITE, "renameObject"),
    DELETE_OBJECT("DELETE", Target.OBJECT, Access.WRITE),
    CREATE_MULTIPART_UPLOAD("POST", Target.OBJECT, Access.WRITE, "uploads"),
    UPLOAD_PART("PUT", Target.OBJECT, Access.WRITE, "partNumber", "uploadId"),
    UPLOAD_PART_COPY("PUT", Target.OBJECT, Access.WRITE, List.of("partNumber", "uploadId"), List.of("x-amz-copy-source")),
    COMPLETE_MULTIPART_UPLOAD("POST", Target.OBJECT, Access.WRITE, "uploadId"),
    ABORT_MULTIPART_UPLOAD("DELETE", Target.OBJECT, Access.WRITE, "uploadId"),
    LIST_PARTS("GET", Target.OBJECT, Access.READ, "uploadId"),
    GET_OBJECT_ACL("GET", Target.OBJECT, Access.READ, "acl"),
    PUT_OBJECT_ACL("PUT", Target.OBJECT, Access.WRITE, "acl"),
    GET_OBJECT_TAGGING("GET", Target.OBJECT, Access.READ, "tagging"),
    PUT_OBJECT_TAGGING("PUT", Target.OBJECT, Access.WRITE, "tagging"),
    DELETE_OBJECT_TAGGING("DELETE", Target.OBJECT, Access.WRITE, "tagging"),
    GET_OBJECT_ATTRIBUTES("GET", Target.OBJECT, Access.READ, "attributes"),
    GET_OBJECT_LEGAL_HOLD("GET", Target.OBJECT, Access.READ, "legal-hold"),
    PUT_OBJECT_LEGAL_HOLD("PUT", Target.OBJECT, Access.WRITE, "legal-hold"),
    GET_OBJECT_RETENTION("GET", Target.OBJECT, Access.READ, "retention"),
    PUT_OBJECT_RETENTION("PUT", Target.OBJECT, Access.WRITE, "retention"),
    GET_OBJECT_TORRENT("GET", Target.OBJECT, Access.READ, "torrent"),
    RESTORE_OBJECT("POST", Target.OBJECT, Access.WRITE, "restore"),
    SELECT_OBJECT_CONTENT("POST", Target.OBJECT, Access.READ, "select", "select-type=2");

    /** What a request addresses: decided by whether the path names a bucket and a key. */
    public enum Target { SERVICE, BUCKET, OBJECT }

    /** What a credential's scope must allow for the operation. */
    public enum Access { READ, WRITE }

    private final String method;
    private final Target target;
    private final Access access;
    private final List<String> queryParameters;
    private final List<String> headers;

    Endpoint(String method, Target target, Access access, String... queryParameters) {
        this(method, target, access, List.of(queryParameters), List.of());
    }

    Endpoint(String method, Target target, Access access, List<String> queryParameters, List<String> headers) {
        this.method = method;
        this.target = target;
        this.access = access;
        this.queryParameters = queryParameters;
        this.headers = headers;
    }

    public String method() { return method; }

    public Target target() { return target; }

    public Access access() { return access; }

    /** Query parameters that must be present: "name" or "name=value". */
    List<String> queryParameters() { return queryParameters; }

    /** Headers that must be present. */
    List<String> headers() { return headers; }

    /** How many selectors this endpoint needs; the router prefers the most specific match. */
    int specificity() { return queryParameters.size() + headers.size(); }
}
