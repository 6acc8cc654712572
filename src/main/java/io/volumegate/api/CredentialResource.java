package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.Exchange;
import io.volumegate.http.UriEncoding;
import io.volumegate.objects.VolumeOwner;
import io.volumegate.storage.BucketNames;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The caller's own S3 connection details, and S3 credentials' management (admin only):
 * create (the secret is in that answer and never again), list without secrets, delete.
 * Rotation is create-new, switch clients over, delete-old. Changes go to the keystore file
 * on the volume, so every node sharing it sees them within a second.
 */
@ApplicationScoped
public class CredentialResource {
    static final int MAX_DESCRIPTION = 256;

    @Inject
    Config config;
    @Inject
    Keyring keyring;
    @Inject
    IoExecutor io;

    /**
     * A new credential's scope. {@code buckets} null (or absent): every bucket; empty: no bucket
     * by scope, like an S3 account of its own (it creates buckets, which it owns, and reaches
     * others only where their ACLs and policies let it in).
     * The flags are read as JSON booleans only (Object here, because JSON-B would read a
     * string "maybe" as false and "true" as true: not for what a key may do).
     */
    public record CreateRequest(List<String> buckets, Object readOnly, Object admin, String description) {}

    /** The one answer that carries a secret. */
    public record CreatedCredential(String accessKeyId, String secretAccessKey, List<String> buckets, boolean readOnly,
                                    boolean admin, String description, String endpoint, String region) {}

    /** A credential as listed: never its secret. */
    public record CredentialEntry(String accessKeyId, List<String> buckets, boolean readOnly, boolean admin, String description) {}

    public record CredentialList(List<CredentialEntry> credentials) {}

    /**
     * The reference's S3CredentialsResponse: what a script needs to configure an S3 client with
     * the key pair the caller's token was issued to (only that one, never another's). The
     * caller proved the secret to get the token; {@code volumegate.api.credentials.show-secret}
     * false leaves it out all the same.
     *
     * @param secretAccessKey null (left out) when the deployment shows secrets only at creation
     * @param username        the access key id: a credential is its own user here
     * @param tenant          the volume's one owner ({@link VolumeOwner#ID})
     * @param endpoint        ours, as before {@code endpoint_url} was added: the same URL
     * @param buckets         ours: null when the credential may use every bucket
     */
    public record CallerInfo(String accessKeyId, String secretAccessKey, String username, String tenant, String endpointUrl,
                             String endpoint, String region, List<String> buckets, boolean readOnly, boolean admin) {
        static CallerInfo of(Credential credential, PublicEndpoint endpoint, String region, boolean showSecret) {
            String url = endpoint.url("");
            String secret = showSecret ? new String(credential.secret(), StandardCharsets.UTF_8) : null;
            return new CallerInfo(credential.accessKeyId(), secret, credential.accessKeyId(), VolumeOwner.ID, url, url, region,
                    ApiTokens.bucketsOf(credential), credential.readOnly(), credential.admin());
        }
    }

    void caller(Exchange exchange, ApiRequest request) {
        boolean showSecret = Boolean.parseBoolean(config.get(Setting.API_CREDENTIALS_SHOW_SECRET).strip());
        ApiResponses.ok(exchange, CallerInfo.of(request.credential(), request.endpoint(), config.region(), showSecret));
    }

    void create(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<CreateRequest>read(exchange, CreateRequest.class), io, body -> {
            Set<String> buckets = buckets(body.buckets());
            String description = body.description() == null ? "" : body.description().strip();
            if (description.length() > MAX_DESCRIPTION) throw ApiException.badRequest("description is longer than " + MAX_DESCRIPTION + " characters.");
            boolean readOnly = ApiJson.flag(body.readOnly(), "read_only");
            boolean admin = ApiJson.flag(body.admin(), "admin");
            Credential created = keyring.create(buckets, readOnly, admin, description);
            exchange.response().setHeader("Location", ApiRoute.PREFIX + "/credentials/keys/" + UriEncoding.segment(created.accessKeyId()));
            ApiResponses.json(exchange, 201, new CreatedCredential(created.accessKeyId(),
                    new String(created.secret(), StandardCharsets.UTF_8), ApiTokens.bucketsOf(created), readOnly, admin,
                    description, request.endpoint().url(""), config.region()));
        });
    }

    void list(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> ApiResponses.ok(exchange, new CredentialList(keyring.list().stream()
                .map(info -> new CredentialEntry(info.accessKeyId(), ApiTokens.bucketsOf(info.buckets()),
                        info.readOnly(), info.admin(), info.description()))
                .toList())));
    }

    void delete(Exchange exchange, ApiRequest request) {
        String id = request.parameter("id");
        exchange.runOn(io, () -> {
            if (keyring.find(id).isEmpty() || !keyring.delete(id)) {
                throw ApiException.notFound("NoSuchCredential", "No credential has the access key id " + id + ".");
            }
            ApiResponses.noContent(exchange);
        });
    }

    /** Null for every bucket, empty for none ({@link Credential#NO_BUCKET}). */
    private static Set<String> buckets(List<String> given) {
        if (given == null) return Set.of();
        if (given.isEmpty()) return Credential.NO_BUCKET;
        Set<String> buckets = new LinkedHashSet<>();
        for (String bucket : given) {
            if (!BucketNames.isValid(bucket)) throw ApiException.badRequest("Not a valid bucket name: " + bucket);
            buckets.add(bucket);
        }
        return buckets;
    }
}
