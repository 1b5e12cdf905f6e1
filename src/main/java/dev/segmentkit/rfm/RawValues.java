package dev.segmentkit.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The raw values a visitor's scores in one model are computed from.
 *
 * <ul>
 *   <li>RFM and RFM_QUINTILE: the time of the latest order in the lookback, the number of orders
 *       in it, the exact sum of their {@code revenue};
 *   <li>RFE: the time of the latest counted event in the lookback, the number of sessions with a
 *       counted event in it, the number of {@code page_view} events in it.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param recency the time of the latest activity (later is better)
 * @param frequency the number of orders (RFM) or sessions (RFE), at least 1
 * @param value the monetary value (RFM) or the engagement (RFE)
 */
public record RawValues(Instant recency, long frequency, BigDecimal value) {

    /**
     * Validates the values.
     *
     * @param recency the time of the latest activity
     * @param frequency the number of orders or sessions, at least 1
     * @param value the monetary value or the engagement
     * @throws NullPointerException if {@code recency} or {@code value} is null
     * @throws IllegalArgumentException if {@code frequency} is less than 1
     */
    public RawValues {
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(value, "value");
        if (frequency < 1) {
            throw new IllegalArgumentException("frequency must be at least 1, got " + frequency);
        }
    }
}
