package io.volumegate.http;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Lets requests in while the application serves, and keeps count of those in flight, so a
 * shutdown can close the gate (new requests are refused) and wait for the ones already in to
 * finish. {@link RequestContextFilter} passes every request through it; a request counts as in
 * flight from its arrival to the end of its answer, asynchronous ones included.
 */
@ApplicationScoped
public class RequestGate {
    private final Object lock = new Object();
    private int inFlight;
    private boolean closed;

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

    /** Refuses every request from now on; those in flight go on. */
    public void close() {
        synchronized (lock) {
            closed = true;
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

    /** Waits up to {@code timeout} for the requests in flight to end; returns how many are still in flight. */
    public int awaitIdle(Duration timeout) throws InterruptedException {
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
}
