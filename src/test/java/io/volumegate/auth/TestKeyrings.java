package io.volumegate.auth;

import io.volumegate.config.Config;
import io.volumegate.config.Setting;

import java.nio.file.Path;

/**
 * A {@link Keyring} outside the container, for tests that manage credentials the way a
 * second node (or an operator's tool) would: straight in the keystore file on the volume.
 * The server notices the changed file on its own.
 */
public final class TestKeyrings {
    private TestKeyrings() {
    }

    /**
     * The keyring of the server whose volume is {@code volume}. Every other setting
     * (keystore path and password) resolves as the server resolves it, from the same
     * environment and defaults; the server's keystore is {@code <volume>/.volumegate/keystore.p12}
     * unless configured otherwise.
     */
    public static Keyring forVolume(Path volume) {
        Keyring keyring = new Keyring();
        keyring.config = new Config() {
            @Override
            public String get(Setting setting) {
                return setting == Setting.VOLUME ? volume.toString() : super.get(setting);
            }
        };
        return keyring;
    }
}
