package io.volumegate.access.policy;

/**
 * How a condition treats a key with several values in the request (IAM's "condition set
 * operators"). For each request value the operator asks "does it match one of the policy's
 * values?" (for a negated operator: "none of them?"); the qualifier combines those answers.
 */
enum SetQualifier {
    /** No qualifier: some request value answers yes. A key without values: no (a negated operator: yes). */
    NONE(""),
    /** Some request value answers yes; a key without values: no. */
    FOR_ANY_VALUE("ForAnyValue:"),
    /** Every request value answers yes; a key without values: yes, vacuously (IAM documents this). */
    FOR_ALL_VALUES("ForAllValues:");

    final String prefix;

    SetQualifier(String prefix) {
        this.prefix = prefix;
    }
}
