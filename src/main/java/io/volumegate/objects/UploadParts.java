package io.volumegate.objects;

import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.UploadManifest;

import java.util.List;

/** An upload in progress and the parts staged for it so far, by ascending number. */
public record UploadParts(UploadManifest upload, List<PartRecord> parts) {}
