package io.volumegate.it;

import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import io.volumegate.config.Config;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Credentials with a scope (some buckets, read-only or not) for ITs. There is no management
 * API yet, so this adds them to the server's keystore file directly, with the server's own
 * {@link Keyring} code: the server reloads a keystore that changed on disk within a second,
 * as every node sharing a volume does.
 */
final class ScopedCredentials {
    private ScopedCredentials() {}

    /** A new credential, already known to the server, and a client for it (close it). */
    static S3Client client(TestServer server, Set<String> buckets, boolean readOnly) throws Exception {
        Credential credential = credential(server, buckets, readOnly);
        return server.s3(credential.accessKeyId(), new String(credential.secret(), StandardCharsets.UTF_8));
    }

    /** A new credential, already known to the server: for tests that sign by hand, too. */
    static Credential credential(TestServer server, Set<String> buckets, boolean readOnly) throws Exception {
        Credential credential = keyring(server).create(buckets, readOnly, false, "IT credential");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (S3Client client = server.s3(credential.accessKeyId(), new String(credential.secret(), StandardCharsets.UTF_8))) {
                client.listBuckets();
                return credential;
            } catch (S3Exception notYet) {
                if (!"InvalidAccessKeyId".equals(notYet.awsErrorDetails().errorCode()) || System.nanoTime() > deadline) throw notYet;
                Thread.sleep(100);
            }
        }
    }

    /** The server's keyring code on the server's keystore (default location and password). */
    private static Keyring keyring(TestServer server) throws ReflectiveOperationException {
        Path keystore = server.volume().resolve(".volumegate/keystore.p12");
        Config config = new Config() {
            @Override
            public Path keystore() {
                return keystore;
            }
        };
        Keyring keyring = new Keyring();
        Field injected = Keyring.class.getDeclaredField("config"); // CDI injects it in the server
        injected.setAccessible(true);
        injected.set(keyring, config);
        return keyring;
    }
}
