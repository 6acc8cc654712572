package io.volumegate.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every route of the management API, relative to {@code /api/v1}: the single routing table,
 * which the servlet dispatches on and the OpenAPI document is generated from.
 *
 * <p>Templates name path parameters in braces. {@code {key}} is an object key and captures
 * one or more segments, slashes included ({@code folder/sub/file.txt}); literal segments may
 * follow it ({@code /objects/{key}/copy}). Other parameters are one segment. Parameters are
 * taken from the RAW request URI and percent-decoded like S3 paths, so {@code %2F} and
 * {@code ;} reach the key as they were sent.
 *
 * <p>Two routes may share a path: a POST whose body is {@code multipart/form-data} is an
 * upload, any other POST carries JSON. So {@code POST .../objects/a/copy} with a JSON body
 * copies onto {@code a}, and with a form uploads the key {@code a/copy}. Among routes that
 * fit, the one with more literal segments wins ({@code /objects/delete} over
 * {@code /objects/{key}}, {@code POST .../multipart/a/abort} aborts the upload of {@code a}
 * rather than initiating one of {@code a/abort}, {@code GET .../multipart/a/parts} lists the
 * parts of {@code a}, {@code GET .../objects/a/acl} answers the ACL of {@code a}). A key whose
 * last segment is such a word stays reachable with the slash before it percent-encoded:
 * {@code GET .../objects/a%2Facl} downloads the key {@code a/acl}, since segments are split
 * before they are decoded.
 */
public enum ApiRoute {
    ISSUE_TOKEN("POST", "/auth/token", Access.PUBLIC, Body.JSON,
            "Exchange an S3 key pair for a bearer token", "auth",
            200, AuthResource.TokenRequest.class, AuthResource.TokenResponse.class),
    RENEW_TOKEN("POST", "/auth/refresh", Access.TOKEN, Body.NONE,
            "Renew the bearer token before it expires: a new one with a full lifetime, for the same credential"
                    + " (refused 12 hours after the sign-in with the key pair)", "auth",
            200, null, AuthResource.TokenResponse.class),
    CALLER("GET", "/credentials", Access.TOKEN, Body.NONE,
            "The caller's S3 endpoint, region, access key id and scope (never a secret)", "credentials",
            200, null, CredentialResource.CallerInfo.class),
    CREATE_CREDENTIAL("POST", "/credentials", Access.ADMIN, Body.JSON,
            "Create an S3 credential; its secret is in this answer only (admin)", "credentials",
            201, CredentialResource.CreateRequest.class, CredentialResource.CreatedCredential.class),
    LIST_CREDENTIALS("GET", "/credentials/keys", Access.ADMIN, Body.NONE,
            "List S3 credentials without secrets (admin)", "credentials",
            200, null, CredentialResource.CredentialList.class),
    DELETE_CREDENTIAL("DELETE", "/credentials/keys/{id}", Access.ADMIN, Body.NONE,
            "Delete an S3 credential; its tokens stop working at once (admin)", "credentials",
            204, null, null),

    LIST_BUCKETS("GET", "/buckets", Access.TOKEN, Body.NONE,
            "The buckets the caller's scope covers, and those it owns", "buckets",
            200, null, BucketResource.BucketList.class),
    CREATE_BUCKET("POST", "/buckets", Access.TOKEN, Body.JSON,
            "Create a bucket, owned by the caller (its scope must cover the name, or be no bucket at all)", "buckets",
            201, BucketResource.CreateBucketRequest.class, BucketResource.BucketInfo.class),
    GET_BUCKET("GET", "/buckets/{bucket}", Access.READ, Body.NONE,
            "A bucket's details", "buckets",
            200, null, BucketResource.BucketInfo.class),
    DELETE_BUCKET("DELETE", "/buckets/{bucket}", Access.WRITE, Body.NONE,
            "Delete an empty bucket", "buckets",
            204, null, null),

    LIST_OBJECTS("GET", "/buckets/{bucket}/objects", Access.READ, Body.NONE,
            "List objects: prefix, delimiter, max_keys, continuation_token", "objects",
            200, null, ObjectResource.ObjectList.class),
    UPLOAD_OBJECT("POST", "/buckets/{bucket}/objects/{key}", Access.WRITE, Body.MULTIPART,
            "Upload a file (multipart/form-data, field 'file'), streamed to disk -> status \"uploaded\"", "objects",
            201, null, ObjectResource.ObjectInfo.class),
    DOWNLOAD_OBJECT("GET", "/buckets/{bucket}/objects/{key}", Access.READ, Body.NONE,
            "Download an object, or with version_id one version of it (attachment; single byte ranges)", "objects",
            200, null, byte[].class),
    HEAD_OBJECT("HEAD", "/buckets/{bucket}/objects/{key}", Access.READ, Body.NONE,
            "An object's Content-Length, Content-Type, ETag and Last-Modified, as headers", "objects",
            200, null, null),
    DELETE_OBJECT("DELETE", "/buckets/{bucket}/objects/{key}", Access.WRITE, Body.NONE,
            "Delete an object (in a versioned bucket: add a delete marker), or with version_id that version for good"
                    + " (deleting a delete marker restores the object) -> status \"deleted\"", "objects",
            200, null, ObjectResource.ObjectMutationResponse.class),
    COPY_OBJECT("POST", "/buckets/{bucket}/objects/{key}/copy", Access.WRITE, Body.JSON,
            "Copy source_bucket/source_key onto this key -> status \"copied\" and the new object", "objects",
            200, ObjectResource.CopyRequest.class, ObjectResource.ObjectInfo.class),

    GET_OBJECT_ACL("GET", "/buckets/{bucket}/objects/{key}/acl", Access.READ, Body.NONE,
            "An object's (or with version_id a version's) owner and ACL grants -> {owner, grants}", "access",
            200, null, AclDocuments.AclResponse.class),
    PUT_OBJECT_ACL("PUT", "/buckets/{bucket}/objects/{key}/acl", Access.WRITE, Body.JSON,
            "Replace an object's (or version's) ACL: {Owner, Grants} as boto3's AccessControlPolicy -> status \"updated\"",
            "access", 200, AclDocuments.AclPolicy.class, ProxiedMultipartResource.StatusResponse.class),
    GET_BUCKET_ACL("GET", "/buckets/{bucket}/acl", Access.READ, Body.NONE,
            "A bucket's owner and ACL grants -> {owner, grants}", "access",
            200, null, AclDocuments.AclResponse.class),
    PUT_BUCKET_ACL("PUT", "/buckets/{bucket}/acl", Access.WRITE, Body.JSON,
            "Replace a bucket's ACL: {Owner, Grants} as boto3's AccessControlPolicy -> status \"updated\"", "access",
            200, AclDocuments.AclPolicy.class, ProxiedMultipartResource.StatusResponse.class),
    GET_BUCKET_POLICY("GET", "/buckets/{bucket}/policy", Access.READ, Body.NONE,
            "The bucket policy document, as it was put (404 NoSuchBucketPolicy when there is none)", "access",
            200, null, Object.class),
    PUT_BUCKET_POLICY("PUT", "/buckets/{bucket}/policy", Access.WRITE, Body.JSON,
            "Set the bucket policy: the body is the policy document itself, as S3's PutBucketPolicy takes it"
                    + " (400 MalformedPolicy when it is not a valid one) -> status \"updated\"", "access",
            200, Object.class, ProxiedMultipartResource.StatusResponse.class),
    DELETE_BUCKET_POLICY("DELETE", "/buckets/{bucket}/policy", Access.WRITE, Body.NONE,
            "Remove the bucket policy (also when there is none)", "access",
            204, null, null),
    GET_BUCKET_POLICY_STATUS("GET", "/buckets/{bucket}/policy-status", Access.READ, Body.NONE,
            "Whether the bucket policy makes the bucket public -> {is_public} (false without a policy)", "access",
            200, null, PolicyResource.PolicyStatus.class),

    GET_QUOTA("GET", "/buckets/{bucket}/quota", Access.READ, Body.NONE,
            "The bucket's quota and accounted usage -> {bucket, max_bytes, max_objects (null: no limit), usage: {bytes, objects}}",
            "quota", 200, null, QuotaResource.QuotaInfo.class),
    PUT_QUOTA("PUT", "/buckets/{bucket}/quota", Access.WRITE, Body.JSON,
            "Set the bucket's quota: {max_bytes, max_objects}, either null for no limit (admin or the bucket's owner); writes "
                    + "past it answer 403 QuotaExceeded", "quota", 200, QuotaResource.QuotaRequest.class, QuotaResource.QuotaInfo.class),
    DELETE_QUOTA("DELETE", "/buckets/{bucket}/quota", Access.WRITE, Body.NONE,
            "Remove the bucket's quota (admin or the bucket's owner)", "quota",
            204, null, null),
    RECONCILE_USAGE("POST", "/buckets/{bucket}/usage/reconcile", Access.WRITE, Body.NONE,
            "Count the bucket now by walking it, so files other programs wrote or removed count at once (admin or the "
                    + "bucket's owner) -> as GET .../quota", "quota", 200, null, QuotaResource.QuotaInfo.class),

    LIST_VERSIONS("GET", "/buckets/{bucket}/versions", Access.READ, Body.NONE,
            "All object versions and delete markers: prefix, max_keys, key_marker, version_id_marker", "versions",
            200, null, VersionResource.VersionList.class),
    GET_VERSIONING("GET", "/buckets/{bucket}/versioning", Access.READ, Body.NONE,
            "The bucket's versioning: status \"Enabled\", \"Suspended\" or null (never versioned)", "versions",
            200, null, VersionResource.VersioningState.class),
    SET_VERSIONING("PUT", "/buckets/{bucket}/versioning", Access.WRITE, Body.JSON,
            "Turn versioning on (status \"Enabled\") or pause it (\"Suspended\"); a bucket never goes back to unversioned",
            "versions", 200, VersionResource.VersioningState.class, VersionResource.VersioningState.class),

    DELETE_OBJECTS("POST", "/buckets/{bucket}/objects/delete", Access.WRITE, Body.JSON,
            "Delete up to 1000 keys: {keys} -> {status: \"deleted\" (every key) or \"partial\" (see errors), deleted, errors}",
            "bulk", 200, BulkResource.KeysRequest.class, BulkResource.DeleteObjectsResponse.class),
    DOWNLOAD_ZIP("POST", "/buckets/{bucket}/objects/download", Access.READ, Body.JSON,
            "Download up to 1000 objects as one ZIP, streamed", "bulk",
            200, BulkResource.KeysRequest.class, byte[].class),
    PRESIGN_KEYS("POST", "/buckets/{bucket}/objects/presign", Access.READ, Body.JSON,
            "Presigned S3 GET URLs for up to 1000 keys, signed with the caller's credential; expires_in in seconds", "bulk",
            200, PresignResource.PresignKeysRequest.class, PresignResource.PresignedKeys.class),
    PRESIGN("POST", "/presign", Access.TOKEN, Body.JSON,
            "A presigned S3 URL for get_object or put_object, signed with the caller's credential", "bulk",
            200, PresignResource.PresignRequest.class, PresignResource.Presigned.class),
    PRESIGN_POST("POST", "/buckets/{bucket}/presign-post", Access.WRITE, Body.JSON,
            "A browser form upload (S3 POST Object), as SDKs' presigned_post: {key (${filename} allowed), expires_in, fields, "
                    + "min_size, max_size} -> {url, fields}: post the fields, then the file, as multipart/form-data", "bulk",
            200, PresignResource.PresignPostRequest.class, PresignResource.PresignedPost.class),
    PRESIGN_MULTIPART("POST", "/buckets/{bucket}/multipart/{key}/presign", Access.WRITE, Body.JSON,
            "Start a multipart upload for a browser: {file_size (> 0), part_size, expires_in, content_type} -> presigned "
                    + "UploadPart URLs, one per part, and expires_in", "multipart",
            201, MultipartResource.PresignRequest.class, MultipartResource.PresignedUpload.class),
    CREATE_MULTIPART("POST", "/buckets/{bucket}/multipart/{key}", Access.WRITE, Body.JSON,
            "Initiate a multipart upload whose parts come through this API (proxied); the JSON body is optional", "multipart",
            201, ProxiedMultipartResource.CreateUploadRequest.class, ProxiedMultipartResource.CreateMultipartUploadResponse.class),
    UPLOAD_PART("PUT", "/buckets/{bucket}/multipart/{key}", Access.WRITE, Body.MULTIPART,
            "Upload part part_number of upload_id (multipart/form-data, field 'file'), streamed to disk", "multipart",
            200, null, ProxiedMultipartResource.UploadPartResponse.class),
    COMPLETE_MULTIPART("POST", "/buckets/{bucket}/multipart/{key}/complete", Access.WRITE, Body.JSON,
            "Complete a multipart upload: {upload_id, parts[{PartNumber, ETag}]} -> the object, status \"completed\"", "multipart",
            200, MultipartResource.CompleteRequest.class, ObjectResource.ObjectInfo.class),
    ABORT_MULTIPART("POST", "/buckets/{bucket}/multipart/{key}/abort", Access.WRITE, Body.JSON,
            "Abort a multipart upload and remove its parts: {upload_id} -> status \"aborted\"", "multipart",
            200, ProxiedMultipartResource.AbortRequest.class, ProxiedMultipartResource.StatusResponse.class),
    LIST_PARTS("GET", "/buckets/{bucket}/multipart/{key}/parts", Access.WRITE, Body.NONE,
            "The parts of a multipart upload uploaded so far (query: upload_id, max_parts, part_number_marker)", "multipart",
            200, null, ProxiedMultipartResource.ListPartsResponse.class),
    SHARE("POST", "/buckets/{bucket}/share", Access.READ, Body.JSON,
            "A link anyone can open without credentials: {key, expires_in} -> {url, expires_at}", "share",
            201, ShareResource.ShareRequest.class, ShareResource.ShareLink.class),

    OPENAPI("GET", "/openapi.json", Access.PUBLIC, Body.NONE,
            "This API's OpenAPI 3 document, generated from this table", "meta",
            200, null, Object.class);

    /** What the caller's token must allow. */
    public enum Access {
        /** No token. */
        PUBLIC,
        /** Any valid token; the handler checks what the request names. */
        TOKEN,
        /**
         * A token let in on the {bucket} of the path by {@link ApiAccess}: the credential's read
         * scope, or the bucket's ownership, policy or ACLs for the route's {@link ApiChecks check}.
         */
        READ,
        /** As {@link #READ}, with the credential's write scope. */
        WRITE,
        /** A token of an admin credential. */
        ADMIN
    }

    /** What the request body is. */
    public enum Body { NONE, JSON, MULTIPART }

    public static final String KEY = "key";
    public static final String PREFIX = "/api/v1";

    private final String method;
    private final String template;
    private final Access access;
    private final Body body;
    private final String summary;
    private final String tag;
    private final int status;
    private final Class<?> requestType;
    private final Class<?> responseType;
    private final List<String> segments;
    private final int keyIndex;

    /**
     * @param status       the status of a successful answer
     * @param requestType  the JSON request document's record, null when there is none
     * @param responseType the JSON answer's record; {@code byte[]} for a file, null for none
     */
    ApiRoute(String method, String template, Access access, Body body, String summary, String tag, int status,
             Class<?> requestType, Class<?> responseType) {
        this.status = status;
        this.requestType = requestType;
        this.responseType = responseType;
        this.method = method;
        this.template = template;
        this.access = access;
        this.body = body;
        this.summary = summary;
        this.tag = tag;
        this.segments = List.of(template.substring(1).split("/", -1));
        this.keyIndex = segments.indexOf("{" + KEY + "}");
    }

    public String method() { return method; }

    public String template() { return template; }

    public Access access() { return access; }

    public Body body() { return body; }

    public String summary() { return summary; }

    public String tag() { return tag; }

    public int status() { return status; }

    public Class<?> requestType() { return requestType; }

    public Class<?> responseType() { return responseType; }

    /** Names of the path parameters, in order. */
    public List<String> parameters() {
        return segments.stream().filter(ApiRoute::isParameter).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    int literalCount() {
        return (int) segments.stream().filter(s -> !isParameter(s)).count();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /**
     * Raw (still percent-encoded) path parameters of {@code rawPath} (relative to /api/v1,
     * starting with '/'), or null when the path does not fit this template.
     */
    RawParameters matchPath(String rawPath) {
        if (!rawPath.startsWith("/")) return null;
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (keyIndex < 0) {
            if (raw.length != segments.size()) return null;
            return matchSegments(segments, Arrays.asList(raw), names, values) ? new RawParameters(names, values) : null;
        }
        int after = segments.size() - keyIndex - 1; // literal segments after {key}
        if (raw.length < segments.size()) return null;
        List<String> rawList = Arrays.asList(raw);
        if (!matchSegments(segments.subList(0, keyIndex), rawList.subList(0, keyIndex), names, values)) return null;
        if (!matchSegments(segments.subList(keyIndex + 1, segments.size()), rawList.subList(raw.length - after, raw.length), names, values)) {
            return null;
        }
        String key = String.join("/", rawList.subList(keyIndex, raw.length - after));
        if (key.isEmpty()) return null;
        names.add(KEY);
        values.add(key);
        return new RawParameters(names, values);
    }

    private static boolean matchSegments(List<String> template, List<String> raw, List<String> names, List<String> values) {
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            if (isParameter(segment)) {
                if (raw.get(i).isEmpty()) return false;
                names.add(segment.substring(1, segment.length() - 1));
                values.add(raw.get(i));
            } else if (!segment.equals(raw.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a request with this Content-Type may be this route's body. */
    boolean accepts(String contentType) {
        boolean multipart = contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("multipart/form-data");
        return switch (body) {
            case NONE -> true;
            case JSON -> !multipart;
            case MULTIPART -> multipart;
        };
    }

    /** Path parameters before decoding, in template order. */
    record RawParameters(List<String> names, List<String> values) {}
}
