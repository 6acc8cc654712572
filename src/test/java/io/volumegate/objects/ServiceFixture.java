package io.volumegate.objects;

import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.TestVolumes;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;

import java.io.IOException;
import java.nio.file.Path;

/** The object services over a real volume in a test directory, with one bucket "data". */
final class ServiceFixture {
    static final String BUCKET = "data";

    final Path root;
    final ObjectService objects = new ObjectService();
    final CopyService copies = new CopyService();
    final MultipartService multipart = new MultipartService();
    final AccessService access = new AccessService();

    ServiceFixture(Path root) throws IOException {
        this.root = root;
        Volume volume = TestVolumes.at(root);
        volume.createBucket(BUCKET);
        objects.volume = volume;
        access.volume = volume;
        objects.access = access;
        copies.volume = volume;
        copies.objects = objects;
        multipart.volume = volume;
        multipart.objects = objects;
    }

    Path file(String key) {
        return root.resolve(BUCKET).resolve(key);
    }

    StoredObject put(String key, byte[] content, ObjectMetadata metadata) throws IOException {
        ObjectUpload upload = objects.startPut(BUCKET, key, WriteCondition.NONE);
        upload.write(content, 0, content.length);
        return objects.commit(upload, metadata);
    }
}
