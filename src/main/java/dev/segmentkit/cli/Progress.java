package dev.segmentkit.cli;

import java.io.PrintStream;

/**
 * Draws one progress line on stderr, rewritten in place: a count, its rate and the elapsed time.
 * Draws nothing when switched off. Not thread-safe: one command draws at a time.
 */
final class Progress {

    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean dirty;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void update(String what, long count, String unit, boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDrawn < MIN_INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        err.printf("\r%s: %,d %s, %,.0f %s/s, %.1f s   ", what, count, unit, count / seconds, unit,
                seconds);
        err.flush();
        dirty = true;
    }

    void finish() {
        if (enabled && dirty) {
            err.println();
            dirty = false;
        }
    }
}
