package io.volumegate.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;


import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigTest {
    @AfterEach
    void clear() {
        System.clearProperty(Setting.REGION.property());
    }

    @Test
    void systemPropertyBeatsContextParameterWhichBeatsTheDefault() {
        Config config = new Config();
        assertEquals("us-east-1", config.region(), "the default");

        config.useContextParameters(context(Map.of("volumegate.region", "eu-central-1")));
        assertEquals("eu-central-1", config.region(), "a context parameter from web.xml");

        System.setProperty("volumegate.region", "ap-south-1");
        assertEquals("ap-south-1", config.region(), "a system property wins");
    }

    @Test
    void environmentVariableNamesFollowTheProperty() {
        assertEquals("VOLUMEGATE_KEYSTORE_PASSWORD", Setting.KEYSTORE_PASSWORD.environmentVariable());
        assertEquals("VOLUMEGATE_ADMIN_ACCESS_KEY", Setting.ADMIN_ACCESS_KEY.environmentVariable());
        assertEquals("VOLUMEGATE_CLOCK_SKEW_SECONDS", Setting.CLOCK_SKEW_SECONDS.environmentVariable());
    }

    @Test
    void theKeystoreDefaultsToTheVolume() {
        Config config = new Config();
        config.useContextParameters(context(Map.of("volumegate.volume", "/srv/volume")));
        assertEquals(Path.of("/srv/volume/.volumegate/keystore.p12"), config.keystore());
    }

    @Test
    void bucketBindingsMapNamesToDirectories() {
        Config config = new Config();
        config.useContextParameters(context(Map.of("volumegate.buckets", "share=/mnt/share, logs=/var/log/app")));
        assertEquals(Map.of("share", Path.of("/mnt/share"), "logs", Path.of("/var/log/app")), config.bucketBindings());
    }

    private static java.util.function.Function<String, String> context(Map<String, String> parameters) {
        return parameters::get;
    }
}
