package io.volumegate.s3;

import java.util.OptionalInt;

/**
 * The counts and markers S3 requests carry (max-parts, part-number-marker, x-amz-max-parts,
 * ...): a non-negative decimal integer, or nothing. Each operation says what it refuses and
 * how; this only reads the number.
 */
public final class IntegerArguments {
    private IntegerArguments() {}

    /** The value as a non-negative int, surrounding white space ignored; empty for anything else. */
    public static OptionalInt nonNegative(String value) {
        try {
            int parsed = Integer.parseInt(value.strip());
            return parsed >= 0 ? OptionalInt.of(parsed) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
