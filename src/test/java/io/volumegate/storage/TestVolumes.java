package io.volumegate.storage;

import io.volumegate.config.Config;
import io.volumegate.config.Setting;

import java.nio.file.Path;

/** A real {@link Volume} over a test directory, for tests of the layers above storage. */
public final class TestVolumes {
    private TestVolumes() {}

    public static Volume at(Path root) {
        Volume volume = new Volume();
        volume.config = new Config() {
            @Override
            public String get(Setting setting) {
                return setting == Setting.VOLUME ? root.toString() : super.get(setting);
            }
        };
        IoExecutor io = new IoExecutor();
        io.config = volume.config;
        io.start();
        volume.io = io;
        volume.open();
        return volume;
    }
}
