package dev.segmentkit.segment;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Condition.Performed} condition folds the matching events into one number: their
 * count, or the sum of a numeric property over them.
 *
 * @param function {@link Function#COUNT} or {@link Function#SUM}
 * @param property the summed property; present exactly when the function is SUM
 */
public record Aggregate(Function function, Optional<String> property) {

    /** The aggregate functions. */
    public enum Function {
        /** The number of matching events. */
        COUNT,
        /** The sum of a numeric property over the matching events (absent or non-numeric: 0). */
        SUM
    }

    /**
     * Validates the aggregate.
     *
     * @param function {@link Function#COUNT} or {@link Function#SUM}
     * @param property the summed property; present exactly when the function is SUM
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if SUM has no property, COUNT has one, or the property is
     *     blank
     */
    public Aggregate {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(property, "property");
        if (function == Function.SUM && property.isEmpty()) {
            throw new IllegalArgumentException("aggregate sum needs a property");
        }
        if (function == Function.COUNT && property.isPresent()) {
            throw new IllegalArgumentException("aggregate count takes no property");
        }
        property.ifPresent(p -> Texts.requireNonBlank(p, "property"));
    }

    /**
     * Returns the count aggregate.
     *
     * @return COUNT
     */
    public static Aggregate count() {
        return new Aggregate(Function.COUNT, Optional.empty());
    }

    /**
     * Returns the sum of a numeric property.
     *
     * @param property the property name
     * @return SUM of {@code property}
     * @throws NullPointerException if {@code property} is null
     * @throws IllegalArgumentException if {@code property} is blank
     */
    public static Aggregate sum(String property) {
        return new Aggregate(Function.SUM, Optional.of(Objects.requireNonNull(property, "property")));
    }
}
