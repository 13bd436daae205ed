package dev.parley.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a timeout passes: the tests' only way to wait. */
public final class Waits {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Waits() {
    }

    public static void until(BooleanSupplier condition, String what) {
        until(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
    }

    public static void until(BooleanSupplier condition, String what, Duration timeout) {
        until(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what, timeout);
    }

    public static <T> T until(Supplier<T> value, String what) {
        return until(value, what, TIMEOUT);
    }

    public static <T> T until(Supplier<T> value, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = value.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
    }
}
