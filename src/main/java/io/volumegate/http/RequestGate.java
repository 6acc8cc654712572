package io.volumegate.http;

import jakarta.servlet.ServletContext;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.logging.Level;

/**
 * Lets requests in while the application serves, counts those in flight, and ends them well
 * when the application ends (undeploy, or the container stopping on SIGTERM): {@link #drain()}
 * closes the gate (new requests are answered 503 by {@link RequestContextFilter}), waits for
 * the requests in flight up to the grace period, then cuts off what still runs (the cut-off the
 * application gave, which removes unfinished uploads' temp files) and waits a moment for those
 * to answer.
 *
 * <p>A plain object kept in the servlet context, not a CDI bean: containers end an application
 * in different orders, and on Tomcat Weld is gone before our listeners hear of the end. The
 * drain starts at the first of the filter's {@code destroy} (Tomcat, and Payara built on its
 * Catalina, destroy filters before listeners, while every bean still serves the requests in
 * flight) and the start-up
 * listener's {@code contextDestroyed}; the second call finds it done.
 */
public final class RequestGate {
    private static final String ATTRIBUTE = RequestGate.class.getName();
    private static final ShutdownSafeLog LOG = new ShutdownSafeLog(RequestGate.class.getName());
    /** After the cut-off, how long the requests cut off get to send their 503 and end. */
    static final Duration AFTER_CUT_OFF = Duration.ofSeconds(1);

    private final Duration grace;
    private final String graceSetting;
    private final IntSupplier cutOff;
    private final Object lock = new Object();
    private int inFlight;
    private boolean closed;
    private boolean drained;

    /**
     * @param grace        how long requests in flight may take to finish once the gate closed
     * @param graceSetting the setting that chose it, named in the log
     * @param cutOff       ends what still runs after the grace period; returns how many uploads it removed
     */
    public RequestGate(Duration grace, String graceSetting, IntSupplier cutOff) {
        this.grace = grace;
        this.graceSetting = graceSetting;
        this.cutOff = cutOff;
    }

    /** Makes {@code gate} the application's gate, for the filter to find. */
    public static void install(ServletContext context, RequestGate gate) {
        context.setAttribute(ATTRIBUTE, gate);
    }

    /** The application's gate, as the start-up installed it. */
    public static RequestGate of(ServletContext context) {
        RequestGate gate = (RequestGate) context.getAttribute(ATTRIBUTE);
        if (gate == null) throw new IllegalStateException("the application did not start: no request gate");
        return gate;
    }

    /** True, and the request is counted, while the gate is open; false once it is closed. */
    public boolean enter() {
        synchronized (lock) {
            if (closed) return false;
            inFlight++;
            return true;
        }
    }

    /** A request that {@link #enter() entered} has ended. */
    public void leave() {
        synchronized (lock) {
            inFlight--;
            if (inFlight <= 0) lock.notifyAll();
        }
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /**
     * Closes the gate, waits up to the grace period for the requests in flight, and cuts off
     * what still runs. Blocks until done; a second call returns at once.
     */
    public void drain() {
        int waitingFor;
        synchronized (lock) {
            if (drained) return;
            drained = true;
            closed = true;
            waitingFor = inFlight;
        }
        if (waitingFor > 0) {
            LOG.log(Level.INFO, "shutting down: new requests are refused; waiting up to " + seconds(grace) + " for the "
                    + waitingFor + " in flight");
        }
        try {
            int left = awaitIdle(grace);
            if (left == 0) {
                if (waitingFor > 0) LOG.log(Level.INFO, "shutting down: every request in flight finished");
                return;
            }
            int removed = cutOff.getAsInt();
            LOG.log(Level.WARNING, "shutting down: " + left + " requests still in flight after the grace period of "
                    + seconds(grace) + " (" + graceSetting + ") are cut off; unfinished uploads removed, nothing of them kept: "
                    + removed);
            awaitIdle(AFTER_CUT_OFF);
        } catch (InterruptedException e) {
            cutOff.getAsInt();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code timeout} for the requests in flight to end; returns how many are still in flight. */
    int awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return inFlight;
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }
}
