package io.volumegate.storage.multipart;

import io.volumegate.storage.StorageException;
import io.volumegate.storage.StorageException.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S3's limits on multipart uploads, as pure checks: part numbers 1..10,000, parts of at most
 * 5 GiB, every part but the last at least 5 MiB, Complete's list in ascending order and
 * naming parts that exist with the ETags the client was given.
 */
public final class PartRules {
    public static final int MAX_PARTS = 10_000;
    public static final long MAX_PART_SIZE = 5L << 30;
    public static final long MIN_PART_SIZE = 5L << 20;
    /** S3's largest object: 5 TiB. */
    public static final long MAX_OBJECT_SIZE = 5L << 40;

    private PartRules() {}

    /** Whether {@code number} can name a part: 1 to 10,000. */
    public static boolean isPartNumber(long number) {
        return number >= 1 && number <= MAX_PARTS;
    }

    /** Complete's part list: 1..10,000 parts, valid numbers, strictly ascending (no repeats). */
    public static void checkRequested(List<RequestedPart> requested) {
        if (requested.isEmpty()) {
            throw new StorageException(Reason.INVALID_PART_LIST, "A completion needs at least one part.");
        }
        if (requested.size() > MAX_PARTS) {
            throw new StorageException(Reason.INVALID_PART_LIST, "A completion lists at most " + MAX_PARTS + " parts.");
        }
        int previous = 0;
        for (RequestedPart part : requested) {
            if (!isPartNumber(part.number())) {
                throw new StorageException(Reason.INVALID_PART_NUMBER, "Part number must be an integer between 1 and 10000,"
                        + " inclusive").with(StorageException.PART_NUMBER, part.number());
            }
            if (part.number() <= previous) {
                throw new StorageException(Reason.INVALID_PART_ORDER, "The list of parts was not in ascending order. The parts"
                        + " list must be specified in order by part number.");
            }
            previous = part.number();
        }
    }

    /**
     * The staged parts Complete names, in order. Each must exist with the ETag the client
     * lists (InvalidPart) and, where the client lists a checksum we hold, that checksum. An
     * upload created with a COMPOSITE checksum needs every part's checksum listed, as on S3.
     *
     * @param staged the staged part of each requested number that exists
     */
    public static List<PartRecord> match(UploadManifest upload, List<RequestedPart> requested, Map<Integer, PartRecord> staged) {
        List<PartRecord> chosen = new ArrayList<>(requested.size());
        boolean checksumsRequired = upload.checksumRequested() && "COMPOSITE".equals(upload.checksumType());
        for (RequestedPart part : requested) {
            PartRecord record = staged.get(part.number());
            if (record == null || !record.md5Hex().equalsIgnoreCase(part.normalizedEtag())) {
                throw new StorageException(Reason.INVALID_PART, "One or more of the specified parts could not be found. The part"
                        + " might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.");
            }
            for (Map.Entry<String, String> listed : part.checksums().entrySet()) {
                String held = record.checksum(listed.getKey());
                if (held != null && !held.equals(listed.getValue().strip())) {
                    throw new StorageException(Reason.INVALID_PART, "The " + listed.getKey() + " checksum listed for part " + part.number()
                            + " does not match the part's checksum.");
                }
            }
            if (checksumsRequired && !part.checksums().containsKey(upload.checksumAlgorithm())) {
                throw new StorageException(Reason.PART_CHECKSUM_MISSING, "The upload was created using a "
                        + upload.checksumAlgorithm().toLowerCase(Locale.ROOT) + " checksum. The complete request must include "
                        + "the checksum for each part. It was missing for part " + part.number() + " in the request.");
            }
            chosen.add(record);
        }
        return chosen;
    }

    /** Every part but the last at least 5 MiB; the object at most 5 TiB. */
    public static void checkSizes(List<PartRecord> parts) {
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            PartRecord part = parts.get(i);
            if (i < parts.size() - 1 && part.size() < MIN_PART_SIZE) {
                throw new StorageException(Reason.PART_TOO_SMALL, "Your proposed upload is smaller than the minimum allowed object"
                        + " size: part " + part.number() + " has " + part.size() + " bytes, and every part but the last needs at least "
                        + MIN_PART_SIZE + ".").with(StorageException.PART_NUMBER, part.number())
                        .with(StorageException.PROPOSED_SIZE, part.size()).with(StorageException.MIN_SIZE, MIN_PART_SIZE);
            }
            total += part.size();
        }
        if (total > MAX_OBJECT_SIZE) {
            throw new StorageException(Reason.TOO_LARGE, "Your proposed upload exceeds the maximum allowed object size.");
        }
    }
}
