package io.volumegate.s3.object;

import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.RetentionMode;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * The object lock headers: the retention and legal hold a write asks for, the ones a read
 * reports, and the request to bypass a GOVERNANCE retention.
 */
public final class ObjectLockHeaders {
    static final String MODE = "x-amz-object-lock-mode";
    static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
    static final String BYPASS_GOVERNANCE = "x-amz-bypass-governance-retention";

    private ObjectLockHeaders() {}

    /** Whether the request asks to remove or shorten a GOVERNANCE retention. */
    public static boolean bypassGovernance(UnaryOperator<String> headers) {
        return "true".equalsIgnoreCase(headers.apply(BYPASS_GOVERNANCE));
    }

    /** Adds the retention and legal hold a write's headers ask for; refuses them when half given or malformed. */
    static void apply(UnaryOperator<String> headers, ObjectMetadata.Builder metadata) {
        String mode = headers.apply(MODE);
        String until = headers.apply(RETAIN_UNTIL);
        if ((mode == null) != (until == null)) {
            throw S3Error.INVALID_ARGUMENT.exception("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        }
        if (mode != null) {
            Instant retainUntil = parseDate(until);
            if (!retainUntil.isAfter(Instant.now())) throw S3Error.INVALID_ARGUMENT.exception("The retain until date must be in the future!");
            metadata.retention(parseMode(mode), retainUntil);
        }
        String legalHold = headers.apply(LEGAL_HOLD);
        if (legalHold != null) {
            if (!legalHold.equals("ON") && !legalHold.equals("OFF")) {
                throw S3Error.INVALID_ARGUMENT.exception("The legal hold status must be ON or OFF.");
            }
            metadata.legalHold(legalHold.equals("ON"));
        }
    }

    /** The lock headers of a read: retention and legal hold, where the version has them. */
    public static void describe(HttpServletResponse response, ObjectMetadata metadata) {
        if (metadata.lockMode() != null) {
            response.setHeader(MODE, metadata.lockMode().name());
            response.setHeader(RETAIN_UNTIL, HttpDates.iso8601(metadata.retainUntil()));
        }
        if (metadata.legalHold()) response.setHeader(LEGAL_HOLD, "ON");
    }

    /** GOVERNANCE or COMPLIANCE, as S3 spells them; anything else is refused by the caller's rules. */
    public static RetentionMode parseMode(String mode) {
        try {
            return RetentionMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_ARGUMENT.exception("Unknown wormMode directive.");
        }
    }

    /** An ISO 8601 date-time with an offset, as S3 takes retain-until dates. */
    public static Instant parseDate(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw S3Error.INVALID_ARGUMENT.exception("The retain until date is not an ISO 8601 date-time: " + value);
        }
    }
}
