package io.volumegate.objects;

import io.volumegate.checksum.ContentDigests;
import io.volumegate.storage.StoredObject;

/**
 * The object a copy made, the digests of its content (the checksums it now has), and the
 * source version it was copied from.
 */
public record CopiedObject(StoredObject object, ContentDigests digests, StoredObject source) {}
