package io.volumegate.s3;

import io.volumegate.http.S3Error;
import io.volumegate.storage.multipart.PartRules;

/** The {@code partNumber} query parameter of UploadPart, UploadPartCopy and GET/HEAD {@code ?partNumber}. */
public final class PartNumbers {
    private PartNumbers() {}

    /** @throws io.volumegate.http.S3Exception InvalidArgument unless it is an integer from 1 to 10,000 */
    public static int parse(String text) {
        try {
            int number = Integer.parseInt(text.strip());
            if (PartRules.isPartNumber(number)) return number;
        } catch (NumberFormatException | NullPointerException e) {
            // refused below
        }
        throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                .with("ArgumentName", "partNumber").with("ArgumentValue", text == null ? "" : text);
    }
}
