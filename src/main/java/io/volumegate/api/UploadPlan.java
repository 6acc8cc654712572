package io.volumegate.api;

import io.volumegate.storage.multipart.PartRules;

/**
 * How a file is cut: {@code part_size} bytes per part, the last one shorter. Sizes S3
 * could never accept, and a missing or empty file_size (the reference asks for more than 0),
 * are 422; a plan that needs more parts than S3 allows is 400, since a larger part size would
 * do.
 */
record UploadPlan(long partSize, int totalParts) {
    static UploadPlan of(Long fileSize, long partSize) {
        if (fileSize == null || fileSize <= 0 || fileSize > PartRules.MAX_OBJECT_SIZE) {
            throw unprocessable("file_size is required: 1 to " + PartRules.MAX_OBJECT_SIZE + " bytes (5 TiB); upload an empty file"
                    + " with POST .../objects/{key}.");
        }
        if (partSize < PartRules.MIN_PART_SIZE || partSize > PartRules.MAX_PART_SIZE) {
            throw unprocessable("part_size must be " + PartRules.MIN_PART_SIZE + " (5 MiB) to " + PartRules.MAX_PART_SIZE
                    + " (5 GiB) bytes.");
        }
        long parts = (fileSize + partSize - 1) / partSize;
        if (parts > PartRules.MAX_PARTS) {
            throw new ApiException(400, "TooManyParts", "A file of " + fileSize + " bytes in parts of " + partSize
                    + " bytes needs " + parts + " parts; at most " + PartRules.MAX_PARTS
                    + " are allowed. Use a part size of at least " + ((fileSize + PartRules.MAX_PARTS - 1) / PartRules.MAX_PARTS)
                    + " bytes.");
        }
        return new UploadPlan(partSize, (int) parts);
    }

    private static ApiException unprocessable(String message) {
        return new ApiException(422, "InvalidSize", message);
    }
}
