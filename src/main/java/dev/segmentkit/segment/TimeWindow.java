package dev.segmentkit.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The span of time, relative to the evaluation instant {@code T}, in which events are counted.
 *
 * <ul>
 *   <li>{@link #last(Duration) last(D)}: the half-open interval {@code (T - D, T]};
 *   <li>{@link #between(Instant, Instant) between(from, to)}: {@code [from, to)} (and never
 *       after {@code T});
 *   <li>{@link #ever()}: all of history up to {@code T}.
 * </ul>
 */
public sealed interface TimeWindow permits TimeWindow.Last, TimeWindow.Between, TimeWindow.Ever {

    /**
     * Returns the window of the last {@code duration} before the evaluation instant.
     *
     * @param duration a positive duration
     * @return the window
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is zero or negative
     */
    static TimeWindow last(Duration duration) {
        return new Last(duration);
    }

    /**
     * Returns the window {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded, after {@code from}
     * @return the window
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    static TimeWindow between(Instant from, Instant to) {
        return new Between(from, to);
    }

    /**
     * Returns the window that covers all of history.
     *
     * @return the window
     */
    static TimeWindow ever() {
        return Ever.INSTANCE;
    }

    /**
     * Tells whether an instant lies in this window, evaluated as of {@code asOf}. Instants after
     * {@code asOf} never lie in a window.
     *
     * @param time the instant to test
     * @param asOf the evaluation instant
     * @return true when {@code time} is in the window
     */
    boolean contains(Instant time, Instant asOf);

    /**
     * The last {@code duration} before the evaluation instant: {@code (T - duration, T]}.
     *
     * @param duration a positive duration
     */
    record Last(Duration duration) implements TimeWindow {

        /** The longest window, 100,000 days: longer ones are {@link TimeWindow#ever()}. */
        public static final Duration MAX_DURATION = Duration.ofDays(100_000);

        /**
         * Validates the window.
         *
         * @param duration a positive duration
         * @throws NullPointerException if {@code duration} is null
         * @throws IllegalArgumentException if {@code duration} is zero, negative or longer than
         *     {@link #MAX_DURATION}
         */
        public Last {
            Objects.requireNonNull(duration, "duration");
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(
                        "window duration must be positive, got " + duration);
            }
            if (duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("window duration must be at most "
                        + MAX_DURATION.toDays() + " days (use ever), got " + duration);
            }
        }

        @Override
        public boolean contains(Instant time, Instant asOf) {
            return !time.isAfter(asOf) && time.isAfter(asOf.minus(duration));
        }
    }

    /**
     * A fixed interval {@code [from, to)}.
     *
     * @param from the first instant included
     * @param to the first instant excluded
     */
    record Between(Instant from, Instant to) implements TimeWindow {
        /**
         * Validates the window.
         *
         * @param from the first instant included
         * @param to the first instant excluded
         * @throws NullPointerException if {@code from} or {@code to} is null
         * @throws IllegalArgumentException if {@code to} is not after {@code from}
         */
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException(
                        "window 'to' (" + to + ") must be after 'from' (" + from + ")");
            }
        }

        @Override
        public boolean contains(Instant time, Instant asOf) {
            return !time.isAfter(asOf) && !time.isBefore(from) && time.isBefore(to);
        }
    }

    /** All of history up to the evaluation instant. */
    final class Ever implements TimeWindow {
        private static final Ever INSTANCE = new Ever();

        private Ever() {
        }

        @Override
        public boolean contains(Instant time, Instant asOf) {
            return !time.isAfter(asOf);
        }

        @Override
        public String toString() {
            return "Ever";
        }
    }
}
