package io.volumegate.objects;

/** The outcome of an access decision, with why a refusal was made (for the error message). */
public enum AccessDecision {
    ALLOWED("allowed"),
    READ_ONLY("This access key is read-only."),
    DENIED_BY_POLICY("The bucket policy denies this request."),
    NOT_GRANTED("Access Denied");

    private final String message;

    AccessDecision(String message) {
        this.message = message;
    }

    public boolean allowed() {
        return this == ALLOWED;
    }

    public String message() {
        return message;
    }
}
