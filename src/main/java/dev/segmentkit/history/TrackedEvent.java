package dev.segmentkit.history;

import dev.segmentkit.segment.Value;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One tracked event: something a visitor did at an instant, within a session.
 *
 * <p>A session is identified by the pair (visitor, session). Well-known events: {@code page_view}
 * (a page impression), {@code product_view}, {@code add_to_cart}, {@code order} (whose
 * {@code revenue} property is the order value, 0 when absent).
 *
 * @param visitor the visitor id, not empty
 * @param session the session id, unique per visitor, not empty
 * @param time when it happened
 * @param event the event name, not empty
 * @param properties the event's properties: strings, numbers, booleans (an immutable copy)
 */
public record TrackedEvent(String visitor, String session, Instant time, String event,
        Map<String, Value> properties) {

    /**
     * Validates the event and copies its properties.
     *
     * @param visitor the visitor id, not empty
     * @param session the session id, unique per visitor, not empty
     * @param time when it happened
     * @param event the event name, not empty
     * @param properties the event's properties: strings, numbers, booleans (an immutable copy)
     * @throws NullPointerException if a component, a property name or value is null
     * @throws IllegalArgumentException if visitor, session or event is empty
     */
    public TrackedEvent {
        requireNonEmpty(visitor, "visitor");
        requireNonEmpty(session, "session");
        Objects.requireNonNull(time, "time");
        requireNonEmpty(event, "event");
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
    }

    private static void requireNonEmpty(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
