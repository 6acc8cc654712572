package io.volumegate.storage.multipart;

/**
 * Points inside Complete where a test can stop the world as a crash would: after the parts
 * are assembled into the temp file, and after the object was renamed into place. Production
 * uses {@link #NONE}.
 */
interface CompletionHooks {
    CompletionHooks NONE = new CompletionHooks() {};

    /** The temp file in {@code .volumegate/tmp/} holds the whole object; nothing is visible yet. */
    default void assembled() {}

    /** The object is in place; the completion record is not written yet. */
    default void committed() {}
}
