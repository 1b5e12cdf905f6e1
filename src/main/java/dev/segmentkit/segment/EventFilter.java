package dev.segmentkit.segment;

import java.util.List;
import java.util.Objects;

/**
 * Selects tracked events: by event name, and by predicates that all must hold on the event's
 * properties.
 *
 * @param name the event name, e.g. {@code order}; not blank
 * @param where predicates on the event's properties, all of which must hold (an immutable copy)
 */
public record EventFilter(String name, List<PropertyPredicate> where) {

    /**
     * Validates the filter and copies its predicates.
     *
     * @param name the event name, e.g. {@code order}; not blank
     * @param where predicates on the event's properties, all of which must hold (an immutable copy)
     * @throws NullPointerException if a component or a predicate is null
     * @throws IllegalArgumentException if the name is blank
     */
    public EventFilter {
        Texts.requireNonBlank(name, "name");
        where = List.copyOf(Objects.requireNonNull(where, "where"));
    }

    /**
     * Returns a filter on the event name alone.
     *
     * @param name the event name
     * @return the filter
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static EventFilter named(String name) {
        return new EventFilter(name, List.of());
    }

    /**
     * Returns a filter on the event name and property predicates.
     *
     * @param name the event name
     * @param where the predicates, all of which must hold
     * @return the filter
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static EventFilter named(String name, PropertyPredicate... where) {
        return new EventFilter(name, List.of(where));
    }
}
