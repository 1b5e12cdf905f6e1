package dev.segmentkit.history;

import dev.segmentkit.segment.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthand for hand-made histories: times are minutes relative to {@link #T}. */
final class Histories {

    static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration S = Duration.ofMinutes(30);

    private Histories() {
    }

    static Instant at(long minutesFromT) {
        return T.plus(Duration.ofMinutes(minutesFromT));
    }

    static TrackedEvent ev(String visitor, String session, long minutesFromT, String event,
            Object... properties) {
        Map<String, Value> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            Object v = properties[i + 1];
            Value value = v instanceof Value ? (Value) v
                    : v instanceof String ? Value.of((String) v)
                    : v instanceof Boolean ? Value.of((Boolean) v)
                    : v instanceof java.math.BigDecimal ? Value.of((java.math.BigDecimal) v)
                    : Value.of(new java.math.BigDecimal(v.toString()));
            props.put((String) properties[i], value);
        }
        return new TrackedEvent(visitor, session, at(minutesFromT), event, props);
    }
}
