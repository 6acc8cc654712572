package io.volumegate.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's settings table is what operators read: it must name every setting there is. */
class ReadmeSettingsTest {
    @Test
    void readmeListsEverySettingWithItsEnvironmentVariable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting setting : Setting.values()) {
            assertTrue(readme.contains("| `" + setting.property() + "` | `" + setting.environmentVariable() + "` |"),
                    "README.md's settings table misses " + setting.property());
        }
    }
}
