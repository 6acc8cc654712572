package io.volumegate.objects;

import io.volumegate.checksum.ContentDigests;
import io.volumegate.storage.StoredObject;

/** The object a copy made, and the digests of its content (the checksums it now has). */
public record CopiedObject(StoredObject object, ContentDigests digests) {}
