package io.volumegate.http;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A java.util.logging logger whose lines outlive the JVM's shutdown. On SIGTERM the JDK's own
 * shutdown hook resets java.util.logging, removing every handler, while the container's hook
 * is still undeploying the application (Payara Micro does exactly this): a line logged then
 * would be lost, such as the grace period's outcome or the access-log line of an upload that
 * finished within it. Once no handler is left, lines go to the console instead, which the
 * container's log still captures.
 */
public final class ShutdownSafeLog {
    private final Logger logger;

    public ShutdownSafeLog(String name) {
        this.logger = Logger.getLogger(name);
    }

    public void log(Level level, String message) {
        if (hasHandlers(logger)) {
            logger.logp(level, logger.getName(), null, message); // named by the logger, not by this class
        } else if (logger.isLoggable(level)) {
            (level.intValue() >= Level.WARNING.intValue() ? System.err : System.out)
                    .println(level + " " + logger.getName() + ": " + message);
        }
    }

    private static boolean hasHandlers(Logger logger) {
        for (Logger l = logger; l != null; l = l.getUseParentHandlers() ? l.getParent() : null) {
            if (l.getHandlers().length > 0) return true;
        }
        return false;
    }
}
