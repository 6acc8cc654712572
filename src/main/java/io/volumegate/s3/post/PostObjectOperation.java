package io.volumegate.s3.post;

import io.volumegate.access.AccessControlList;
import io.volumegate.auth.AuthResult;
import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import io.volumegate.auth.PostPolicy;
import io.volumegate.auth.PostPolicyVerifier;
import io.volumegate.config.Config;
import io.volumegate.http.BodySink;
import io.volumegate.http.Exchange;
import io.volumegate.http.MultipartFormParser;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Error;
import io.volumegate.http.UriEncoding;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.ObjectUpload;
import io.volumegate.s3.AclHeaders;
import io.volumegate.s3.NewObjectAcls;
import io.volumegate.s3.S3Authorizer;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.body.ChecksumHeaders;
import io.volumegate.s3.body.UploadBody;
import io.volumegate.s3.object.MetadataHeaders;
import io.volumegate.s3.tagging.TagSets;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * POST Object: a browser form upload to {@code POST /<bucket>}. The form's fields before the
 * file say what to store and prove who may (its policy and the policy's signature); the file
 * streams into the object service's upload like a PutObject body (constant memory, MD5 and a
 * checksum on the way, {@code x-amz-checksum-*} and {@code Content-MD5} fields verified, 5 GiB
 * at most), and is committed like one. Everything is decided when the file part begins: the
 * key (with {@code ${filename}} replaced by the file's name), the signature, the policy's
 * expiration and conditions, the credential's scope; only the size
 * ({@code content-length-range}) waits for the file's end. A refused form stores nothing.
 *
 * <p>The answer: with {@code success_action_redirect} (or the older {@code redirect}), 303
 * to it with {@code bucket}, {@code key} and {@code etag} added to its query; otherwise
 * {@code success_action_status} 200 (empty), 201 (a PostResponse document) or 204, the
 * default (any other value is 204 too, as on S3). ETag and Location headers in each case.
 */
@ApplicationScoped
public class PostObjectOperation {
    private static final String KEY = "key";
    /** A Tagging document: the object's tags, held to S3's rules as PutObjectTagging's. */
    private static final String TAGGING = "tagging";
    private static final String FILENAME = "${filename}";
    private static final String BUCKET = "bucket";
    private static final String STATUS = "success_action_status";
    private static final Set<String> REDIRECTS = Set.of("success_action_redirect", "redirect");
    /** Form fields that would change how the file is read, which a form may not ask for. */
    private static final Set<String> FRAMING = Set.of("content-encoding", "x-amz-decoded-content-length", "x-amz-trailer",
            "x-amz-content-sha256", "transfer-encoding", "content-length");

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    Keyring keyring;
    @Inject
    S3Authorizer authorizer;
    @Inject
    NewObjectAcls acls;

    public void postObject(Exchange exchange, S3Request request) throws IOException {
        HttpServletRequest http = exchange.request();
        String contentType = http.getContentType();
        if (!MultipartFormParser.isFormData(contentType)) throw S3Error.REQUEST_IS_NOT_MULTIPART_CONTENT.exception();
        UploadBody.requireFraming(http::getHeader, http.getContentLengthLong());
        String boundary = MultipartFormParser.boundary(contentType, S3Error.MALFORMED_POST_REQUEST::exception);
        Upload upload = new Upload(request, http);
        PostForm form = new PostForm(upload::start);
        exchange.then(exchange.readBody(form.parser(boundary)), io, upload::abort, done -> {
            if (!form.hasFile()) throw S3Error.INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST.exception();
            upload.finish(exchange);
        });
    }

    /** One form's upload: decided and opened when the file begins, committed when the body has ended. */
    private final class Upload {
        private final S3Request request;
        private final RequestContext context;
        private final HttpServletRequest http;
        private volatile ObjectUpload target;
        private volatile UploadBody body;
        private volatile String key;
        private volatile ObjectMetadata metadata;
        private volatile String status;
        private volatile String redirect;

        Upload(S3Request request, HttpServletRequest http) {
            this.request = request;
            this.http = http;
            this.context = RequestContext.of(http);
        }

        /**
         * The file's sink, once the form so far checks out. Runs on the thread reading the
         * body: the checks are in memory, and opening the upload is one file creation, as
         * short as the writes that follow it on this thread.
         */
        BodySink start(PostForm.FileStart file) {
            Map<String, String> fields = new LinkedHashMap<>(file.fields());
            String rawKey = fields.get(KEY);
            if (rawKey == null || rawKey.isEmpty()) {
                throw S3Error.INVALID_ARGUMENT.exception("Bucket POST must contain a field named 'key'.  If it is specified, "
                        + "please check the order of the fields.").with("ArgumentName", KEY).with("ArgumentValue", "");
            }
            // A form without a policy signature is anonymous (or signed in its headers): its bucket's ACL or policy decides.
            boolean signedForm = PostPolicyVerifier.isSigned(fields);
            Credential credential = signedForm
                    ? new PostPolicyVerifier(keyring, config.region(), config.enforceRegion()).verify(fields)
                    : request.credential();
            if (!credential.isAnonymous()) context.principal(credential.accessKeyId());
            key = rawKey.replace(FILENAME, baseName(file.filename()));
            fields.put(KEY, key);
            fields.put(BUCKET, request.bucket()); // the bucket posted to, whatever a field said
            PostPolicy policy = signedForm ? PostPolicy.parse(fields.get(PostPolicyVerifier.POLICY)) : null;
            if (policy != null) policy.check(fields, Instant.now());
            authorizer.requireWrite(http, credential, request.bucket(), key);

            metadata = MetadataHeaders.from(name -> fields.get(name.toLowerCase(Locale.ROOT)), fields.keySet());
            String tagging = fields.get(TAGGING);
            if (tagging != null) {
                metadata = metadata.toBuilder()
                        .tags(TagSets.fromDocument(tagging.getBytes(StandardCharsets.UTF_8), TagSets.MAX_OBJECT_TAGS)).build();
            }
            status = fields.get(STATUS);
            redirect = REDIRECTS.stream().map(fields::get).filter(r -> r != null).findFirst().orElse(null);
            long maxSize = config.maxObjectSize();
            SizeRange size = new SizeRange(policy == null ? null : policy.contentLengthRange().orElse(null));
            try {
                // A form names its canned ACL in the field "acl", where a request has the header x-amz-acl.
                AccessControlList acl = acls.of(request.bucket(), credential,
                        name -> fields.get(name.equals(AclHeaders.CANNED) ? "acl" : name));
                metadata = AccessService.stamp(metadata.toBuilder(), acl).build();
                target = objects.startPut(request.bucket(), key, WriteCondition.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body = UploadBody.assemble(name -> formHeader(fields, name), -1, maxSize, AuthResult.ANONYMOUS, target::write);
            return size.before(body.sink());
        }

        void finish(Exchange exchange) throws IOException {
            StoredObject object = objects.commit(target, metadata.toBuilder()
                    .md5Hex(body.md5Hex())
                    .putChecksum(body.checksumAlgorithm().name(), body.checksum())
                    .build());
            String location = location(exchange.request(), key);
            var response = exchange.response();
            response.setHeader("ETag", object.etag());
            response.setHeader("Location", location);
            response.setHeader(ChecksumHeaders.of(body.checksumAlgorithm()), body.checksum());
            URI redirectTo = redirectUri(redirect);
            if (redirectTo != null) {
                response.setStatus(303);
                response.setHeader("Location", redirectTo + (redirectTo.getRawQuery() == null ? "?" : "&")
                        + "bucket=" + UriEncoding.segment(request.bucket()) + "&key=" + UriEncoding.segment(key)
                        + "&etag=" + UriEncoding.segment(object.etag()));
                exchange.finishEmpty();
            } else if ("201".equals(status)) {
                PostResponse document = new PostResponse();
                document.Location = location;
                document.Bucket = request.bucket();
                document.Key = key;
                document.ETag = object.etag();
                response.setStatus(201);
                exchange.finishWith(S3Xml.write(document, PostResponse.CONTEXT), S3Xml.CONTENT_TYPE);
            } else {
                response.setStatus("200".equals(status) ? 200 : 204);
                exchange.finishEmpty();
            }
        }

        /** Removes what was written, when anything was; harmless when nothing was. */
        void abort() {
            ObjectUpload opened = target;
            if (opened != null) opened.abort();
        }
    }

    /**
     * A form field as the upload pipeline's "header": the checksum fields and Content-MD5 are
     * verified against the file as on a PUT; fields that would change the body's framing are
     * not the form's to set.
     */
    private static String formHeader(Map<String, String> fields, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return FRAMING.contains(lower) ? null : fields.get(lower);
    }

    /** A browser sends the file's name; some old ones its whole path: only the name counts. */
    private static String baseName(String filename) {
        if (filename == null) return "";
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        return filename.substring(slash + 1);
    }

    /** The object's URL: the bucket's URL the form was posted to, and the key. */
    private static String location(HttpServletRequest request, String key) {
        String bucketUrl = request.getRequestURL().toString();
        if (bucketUrl.endsWith("/")) bucketUrl = bucketUrl.substring(0, bucketUrl.length() - 1);
        return bucketUrl + "/" + UriEncoding.path(key);
    }

    /** The redirect, when it is an absolute http(s) URL; S3 ignores anything else. */
    private static URI redirectUri(String redirect) {
        if (redirect == null || redirect.isBlank()) return null;
        try {
            URI uri = new URI(redirect.strip());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) return null;
            scheme = scheme.toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
