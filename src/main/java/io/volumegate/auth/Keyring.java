package io.volumegate.auth;

import io.volumegate.access.Principal;
import io.volumegate.config.Config;
import io.volumegate.storage.AtomicFiles;
import io.volumegate.storage.FileStamp;
import io.volumegate.storage.LockFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's key material, in one PKCS12 keystore on the shared volume: each S3
 * credential (its secret, and beside it its scope), the share-link key and the JWT key.
 * Every change writes a new keystore file and renames it over the old one, and readers
 * reload when the file changes, so all nodes sharing the volume agree at once.
 * PKCS12 aliases are case-insensitive, so an alias is the lower-cased key id and the
 * exact id is kept in the scope entry.
 */
@ApplicationScoped
public class Keyring implements CredentialLookup {
    private static final Logger LOG = Logger.getLogger(Keyring.class.getName());
    private static final String SECRET_PREFIX = "s3-secret.";
    private static final String SCOPE_PREFIX = "s3-scope.";
    private static final String SHARE_LINK_ALIAS = "share-link-key";
    private static final String JWT_ALIAS = "jwt-key";
    private static final String KEY_ALGORITHM = "HmacSHA256";
    private static final java.time.Duration KEYSTORE_LOCK_WAIT = java.time.Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Config config;

    private final Map<String, DecryptedEntry> decrypted = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong decryptions = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong reloads = new java.util.concurrent.atomic.AtomicLong();
    private volatile Loaded loaded;
    private final Map<String, String> canonicalIds = new java.util.concurrent.ConcurrentHashMap<>();

    /** A credential as shown to operators: never with its secret. */
    public record CredentialInfo(String accessKeyId, Set<String> buckets, boolean readOnly, boolean admin, String description) {}

    /** What {@link #open()} found or made, for the start-up banner. */
    public record Opening(boolean created, Optional<Credential> generatedAdmin) {}

    private record Loaded(FileStamp stamp, Map<String, Credential> credentials, Map<String, String> descriptions,
                          byte[] shareLinkKey, byte[] jwtKey) {}

    /**
     * Loads the keystore, creating it on first start with an admin credential (returned so
     * it can be shown once), and makes sure the configured admin credential exists.
     */
    public synchronized Opening open() throws IOException, GeneralSecurityException {
        Path path = config.keystore();
        boolean created = false;
        Optional<Credential> generated = Optional.empty();
        // Under the lock shared by every node: of nodes starting together, one creates the keystore.
        try (LockFile ignored = lockKeystore(path)) {
            if (!Files.exists(path)) {
                KeyStore store = emptyStore();
                setKey(store, SHARE_LINK_ALIAS, randomBytes(32));
                setKey(store, JWT_ALIAS, randomBytes(32));
                if (configuredAdmin().isEmpty()) {
                    Credential admin = newCredential(Set.of(), false, true);
                    putCredential(store, admin, "administrator (created at first start)");
                    generated = Optional.of(admin);
                }
                save(store);
                created = true;
            }
            Optional<Credential> configured = configuredAdmin();
            if (configured.isPresent() && !configured.get().equals(reload().credentials.get(configured.get().accessKeyId()))) {
                KeyStore store = read();
                putCredential(store, configured.get(), "administrator (from configuration)");
                save(store);
            }
        }
        reload();
        return new Opening(created, generated);
    }

    @Override
    public Optional<Credential> find(String accessKeyId) {
        return Optional.ofNullable(current().credentials.get(accessKeyId));
    }

    /**
     * The access key id of the credential whose canonical user id this is (ACLs and owners
     * name canonical ids; S3 shows them with a display name, ours the access key id).
     */
    public Optional<String> accessKeyIdOf(String canonicalId) {
        for (String accessKeyId : current().credentials.keySet()) {
            // A listing asks once per object: hash each key id once, not once per question.
            if (canonicalIds.computeIfAbsent(accessKeyId, Principal::canonicalIdOf).equals(canonicalId)) return Optional.of(accessKeyId);
        }
        return Optional.empty();
    }

    public List<CredentialInfo> list() {
        Loaded now = current();
        List<CredentialInfo> infos = new ArrayList<>();
        for (Credential credential : now.credentials.values()) {
            infos.add(new CredentialInfo(credential.accessKeyId(), credential.buckets(), credential.readOnly(),
                    credential.admin(), now.descriptions.get(credential.accessKeyId())));
        }
        infos.sort((a, b) -> a.accessKeyId().compareTo(b.accessKeyId()));
        return infos;
    }

    /** Creates a credential; its secret is in the result and nowhere else outside the keystore. */
    public synchronized Credential create(Set<String> buckets, boolean readOnly, boolean admin, String description)
            throws IOException, GeneralSecurityException {
        Credential credential = newCredential(buckets, readOnly, admin);
        try (LockFile ignored = lockKeystore(config.keystore())) {
            KeyStore store = read();
            putCredential(store, credential, description);
            save(store);
        }
        reload();
        return credential;
    }

    /** Deletes a credential; true when it existed. */
    public synchronized boolean delete(String accessKeyId) throws IOException, GeneralSecurityException {
        try (LockFile ignored = lockKeystore(config.keystore())) {
            KeyStore store = read();
            String alias = accessKeyId.toLowerCase(Locale.ROOT);
            if (!store.containsAlias(SCOPE_PREFIX + alias)) return false;
            store.deleteEntry(SECRET_PREFIX + alias);
            store.deleteEntry(SCOPE_PREFIX + alias);
            save(store);
        }
        reload();
        return true;
    }

    public byte[] shareLinkKey() { return current().shareLinkKey.clone(); }

    public byte[] jwtKey() { return current().jwtKey.clone(); }

    /**
     * Changes to the keystore from every node that shares it are serialised by a lock file
     * beside it ({@code keystore.p12.lock}), held while one change reads, changes and renames
     * (milliseconds). Without it two nodes changing credentials at once would each write
     * their change over the other's, and nodes starting together on an empty volume would
     * each create a keystore. Readers take no lock: every version they can see is complete.
     */
    private static LockFile lockKeystore(Path keystore) throws IOException {
        return LockFile.acquire(keystore.resolveSibling(keystore.getFileName() + ".lock"), KEYSTORE_LOCK_WAIT);
    }

    // ---- loading -------------------------------------------------------------------------

    /**
     * The credentials as the keystore file holds them now. One stat per request: a change
     * made by any node (every save renames a new file into place) is seen at once, and only
     * a change costs a reload.
     */
    private Loaded current() {
        Loaded now = loaded;
        try {
            FileStamp stamp = FileStamp.of(config.keystore());
            if (now == null || !stamp.equals(now.stamp)) now = reload();
        } catch (IOException | GeneralSecurityException e) {
            if (now == null) throw new IllegalStateException("the keystore cannot be read", e);
            LOG.warning("keystore reload failed; keeping the credentials loaded before: " + e.getClass().getSimpleName());
        }
        return now;
    }

    private synchronized Loaded reload() throws IOException, GeneralSecurityException {
        FileStamp stamp = FileStamp.of(config.keystore()); // before reading: a later save shows as a change
        KeyStore store = read();
        reloads.incrementAndGet();
        decrypted.keySet().retainAll(Collections.list(store.aliases()));
        Map<String, Credential> credentials = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        for (String alias : Collections.list(store.aliases())) {
            if (!alias.startsWith(SCOPE_PREFIX)) continue;
            String lowerId = alias.substring(SCOPE_PREFIX.length());
            Properties scope = new Properties();
            scope.load(new StringReader(new String(key(store, alias), StandardCharsets.UTF_8)));
            byte[] secret = key(store, SECRET_PREFIX + lowerId);
            if (secret == null) continue;
            String id = scope.getProperty("id");
            Set<String> buckets = new LinkedHashSet<>();
            for (String bucket : scope.getProperty("buckets", "").split(",")) if (!bucket.isBlank()) buckets.add(bucket.trim());
            credentials.put(id, new Credential(id, secret, buckets, Boolean.parseBoolean(scope.getProperty("read-only")),
                    Boolean.parseBoolean(scope.getProperty("admin"))));
            descriptions.put(id, scope.getProperty("description", ""));
        }
        Loaded fresh = new Loaded(stamp, Map.copyOf(credentials), Map.copyOf(descriptions),
                orRandom(key(store, SHARE_LINK_ALIAS)), orRandom(key(store, JWT_ALIAS)));
        loaded = fresh;
        return fresh;
    }

    private KeyStore read() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(config.keystore())) {
            store.load(in, config.keystorePassword());
        }
        return store;
    }

    /** New file, fsync, rename: a reader on any node sees the old keystore or the new one. */
    private void save(KeyStore store) throws IOException, GeneralSecurityException {
        Path path = config.keystore();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, config.keystorePassword());
        AtomicFiles.write(path.getParent(), path, bytes.toByteArray());
    }

    // ---- entries -----------------------------------------------------------------------

    private Optional<Credential> configuredAdmin() {
        String id = config.get(io.volumegate.config.Setting.ADMIN_ACCESS_KEY);
        String secret = config.get(io.volumegate.config.Setting.ADMIN_SECRET_KEY);
        if (id.isBlank() || secret.isBlank()) return Optional.empty();
        return Optional.of(new Credential(id, secret.getBytes(StandardCharsets.UTF_8), Set.of(), false, true));
    }

    private void putCredential(KeyStore store, Credential credential, String description) throws GeneralSecurityException, IOException {
        String alias = credential.accessKeyId().toLowerCase(Locale.ROOT);
        Properties scope = new Properties();
        scope.setProperty("id", credential.accessKeyId());
        scope.setProperty("buckets", String.join(",", credential.buckets()));
        scope.setProperty("read-only", Boolean.toString(credential.readOnly()));
        scope.setProperty("admin", Boolean.toString(credential.admin()));
        scope.setProperty("description", description == null ? "" : description);
        StringWriter text = new StringWriter();
        scope.store(text, null);
        setKey(store, SCOPE_PREFIX + alias, text.toString().getBytes(StandardCharsets.UTF_8));
        setKey(store, SECRET_PREFIX + alias, credential.secret());
    }

    private void setKey(KeyStore store, String alias, byte[] bytes) throws GeneralSecurityException {
        store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(bytes, KEY_ALGORITHM)),
                new KeyStore.PasswordProtection(config.keystorePassword()));
    }

    /**
     * An entry's bytes. Decrypting a PKCS12 entry runs a password-based key derivation (10,000
     * rounds) each time, so a reload after every keystore change would cost that per entry
     * and grow with the number of credentials. Entries are only ever replaced, never edited,
     * and each carries its creation time: an alias whose time is unchanged holds the bytes
     * decrypted before.
     */
    private byte[] key(KeyStore store, String alias) throws GeneralSecurityException {
        if (!store.containsAlias(alias)) return null;
        Date created = store.getCreationDate(alias);
        DecryptedEntry cached = decrypted.get(alias);
        if (cached != null && created != null && cached.created().equals(created)) return cached.value().clone();
        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(config.keystorePassword()));
        decryptions.incrementAndGet();
        byte[] value = entry instanceof KeyStore.SecretKeyEntry secret ? secret.getSecretKey().getEncoded() : null;
        if (value != null && created != null) decrypted.put(alias, new DecryptedEntry(created, value.clone()));
        return value;
    }

    private record DecryptedEntry(Date created, byte[] value) {}

    /**
     * How many times the keystore file was read so far: at start-up, after each change this node
     * made, and whenever another node (or tool) changed the shared file. For the operator's metrics.
     */
    public long reloads() { return reloads.get(); }

    /** How many entries were decrypted so far: lets a test see that reloads reuse them. */
    long decryptions() { return decryptions.get(); }

    private KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, config.keystorePassword());
        return store;
    }

    private static Credential newCredential(Set<String> buckets, boolean readOnly, boolean admin) {
        String id = "VG" + randomText("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 18);
        String secret = randomText("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
        return new Credential(id, secret.getBytes(StandardCharsets.UTF_8), buckets, readOnly, admin);
    }

    private static String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return text.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] orRandom(byte[] key) { return key != null ? key : randomBytes(32); }

}
