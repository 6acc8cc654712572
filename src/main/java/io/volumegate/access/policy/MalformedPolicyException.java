package io.volumegate.access.policy;

/**
 * A policy document S3 refuses with 400 {@code MalformedPolicy}. The message is S3's own text
 * where S3's answer is known (see the constants), fit to send to the client as the error's
 * message; it quotes at most a short excerpt of the document, never the document itself. The
 * exception carries no stack trace: it is an answer, not a fault.
 */
public final class MalformedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The most characters of the document a message quotes. */
    private static final int EXCERPT = 64;

    static final String FIRST_BYTE = "Policies must be valid JSON and the first byte must be '{'";
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String TOO_LARGE = "Normalized policy document exceeds the maximum allowed size of 20480 bytes";
    static final String SYNTAX = "Invalid policy syntax.";
    static final String INVALID_VERSION = "The policy must contain a valid version string";
    static final String MISSING_STATEMENT = "Missing required field Statement";
    static final String EMPTY_STATEMENT = "Could not parse the policy: Statement is empty!";
    static final String INVALID_PRINCIPAL = "Invalid principal in policy";
    static final String NOT_PRINCIPAL_WITH_ALLOW = "NotPrincipal can only be used with \"Effect\": \"Deny\"";
    static final String INVALID_ACTION = "Policy has invalid action";
    static final String INVALID_RESOURCE = "Policy has invalid resource";
    static final String INVALID_CONDITION_KEY = "Policy has an invalid condition key";
    static final String INVALID_IP = "Invalid IP address in Conditions";
    static final String INVALID_NUMBER = "Invalid numeric value in Conditions";
    static final String INVALID_DATE = "Invalid date value in Conditions";
    static final String INVALID_BOOLEAN = "Invalid boolean value in Conditions";

    public MalformedPolicyException(String message) {
        super(message, null, false, false);
    }

    static MalformedPolicyException missingField(String name) {
        return new MalformedPolicyException("Missing required field " + name);
    }

    static MalformedPolicyException unknownField(String name) {
        return new MalformedPolicyException("Unknown field " + excerpt(name));
    }

    static MalformedPolicyException bothFields(String name) {
        return new MalformedPolicyException("Statement cannot contain both " + name + " and Not" + name);
    }

    static MalformedPolicyException invalidEffect(String effect) {
        return new MalformedPolicyException("Invalid effect: " + excerpt(effect));
    }

    static MalformedPolicyException invalidConditionType(String type) {
        return new MalformedPolicyException("Invalid Condition type : " + excerpt(type));
    }

    /** A piece of the document short enough to quote in a message. */
    static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
    }
}
