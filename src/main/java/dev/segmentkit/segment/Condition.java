package dev.segmentkit.segment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A node of the condition language that segment definitions are written in.
 *
 * <p>The tree is sealed: {@link AllOf}, {@link AnyOf}, {@link Not}, {@link Performed},
 * {@link Abandoned}, {@link Attribute} and {@link Score}. Every node is an immutable record,
 * validated at construction. Code that handles every kind implements {@link Visitor}; adding a
 * kind breaks it at compile time, which is the point.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Condition
        permits Condition.AllOf, Condition.AnyOf, Condition.Not, Condition.Performed,
                Condition.Abandoned, Condition.Attribute, Condition.Score {

    /**
     * Dispatches to the visitor method of this node's kind.
     *
     * @param visitor the visitor
     * @param <R> the visitor's result type
     * @return what the visitor returns
     * @throws NullPointerException if {@code visitor} is null
     */
    <R> R accept(Visitor<R> visitor);

    /**
     * Exhaustive handling of every kind of condition.
     *
     * @param <R> the result type
     */
    interface Visitor<R> {
        /**
         * Handles an {@link AllOf}.
         *
         * @param allOf the node
         * @return the result
         */
        R visitAllOf(AllOf allOf);

        /**
         * Handles an {@link AnyOf}.
         *
         * @param anyOf the node
         * @return the result
         */
        R visitAnyOf(AnyOf anyOf);

        /**
         * Handles a {@link Not}.
         *
         * @param not the node
         * @return the result
         */
        R visitNot(Not not);

        /**
         * Handles a {@link Performed}.
         *
         * @param performed the node
         * @return the result
         */
        R visitPerformed(Performed performed);

        /**
         * Handles an {@link Abandoned}.
         *
         * @param abandoned the node
         * @return the result
         */
        R visitAbandoned(Abandoned abandoned);

        /**
         * Handles an {@link Attribute}.
         *
         * @param attribute the node
         * @return the result
         */
        R visitAttribute(Attribute attribute);

        /**
         * Handles a {@link Score}.
         *
         * @param score the node
         * @return the result
         */
        R visitScore(Score score);
    }

    /**
     * Returns a condition that holds when all of the given conditions hold.
     *
     * @param conditions one or more conditions
     * @return the condition
     * @throws NullPointerException if the array or an element is null
     * @throws IllegalArgumentException if no condition is given
     */
    static Condition allOf(Condition... conditions) {
        return new AllOf(List.of(conditions));
    }

    /**
     * Returns a condition that holds when any of the given conditions holds.
     *
     * @param conditions one or more conditions
     * @return the condition
     * @throws NullPointerException if the array or an element is null
     * @throws IllegalArgumentException if no condition is given
     */
    static Condition anyOf(Condition... conditions) {
        return new AnyOf(List.of(conditions));
    }

    /**
     * Returns the negation of a condition.
     *
     * @param condition the negated condition
     * @return the condition
     * @throws NullPointerException if {@code condition} is null
     */
    static Condition not(Condition condition) {
        return new Not(condition);
    }

    /**
     * Returns a condition on the number of matching events in a window, e.g. "ordered at least
     * twice in the last 90 days".
     *
     * @param event the event filter
     * @param operator a comparison operator ({@code eq ne gt gte lt lte})
     * @param threshold a non-negative threshold
     * @param window the window
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the operator is not a comparison or the threshold is
     *     negative
     */
    static Condition performedCount(EventFilter event, Operator operator, long threshold,
            TimeWindow window) {
        return new Performed(event, Aggregate.count(), operator, BigDecimal.valueOf(threshold),
                window);
    }

    /**
     * Returns a condition that holds when the visitor started something (the start event) in the
     * window without completing it (no completion event at or after the start).
     *
     * @param start the start event filter, e.g. {@code add_to_cart}
     * @param completion the completion event filter, e.g. {@code order}
     * @param window the window the start event must lie in
     * @return the condition
     * @throws NullPointerException if an argument is null
     */
    static Condition abandoned(EventFilter start, EventFilter completion, TimeWindow window) {
        return new Abandoned(start, completion, window);
    }

    /**
     * Returns a condition on a visitor attribute.
     *
     * @param predicate the predicate on the attribute
     * @return the condition
     * @throws NullPointerException if {@code predicate} is null
     */
    static Condition attribute(PropertyPredicate predicate) {
        return new Attribute(predicate);
    }

    /**
     * Returns a condition on a model score.
     *
     * @param model the scoring model
     * @param dimension a dimension of the model
     * @param min the lowest score included, at least 1
     * @param max the highest score included, at most the model's maximum
     * @return the condition
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the dimension is not in the model or the range is
     *     outside the model's scale or empty
     */
    static Condition score(ScoreModel model, ScoreDimension dimension, int min, int max) {
        return new Score(model, dimension, min, max);
    }

    /**
     * All of the conditions hold.
     *
     * @param conditions one or more conditions (an immutable copy)
     */
    record AllOf(List<Condition> conditions) implements Condition {
        /**
         * Validates and copies the conditions.
         *
         * @param conditions one or more conditions (an immutable copy)
         * @throws NullPointerException if the list or an element is null
         * @throws IllegalArgumentException if the list is empty
         */
        public AllOf {
            conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("allOf needs at least one condition");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAllOf(this);
        }
    }

    /**
     * Any of the conditions holds.
     *
     * @param conditions one or more conditions (an immutable copy)
     */
    record AnyOf(List<Condition> conditions) implements Condition {
        /**
         * Validates and copies the conditions.
         *
         * @param conditions one or more conditions (an immutable copy)
         * @throws NullPointerException if the list or an element is null
         * @throws IllegalArgumentException if the list is empty
         */
        public AnyOf {
            conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions"));
            if (conditions.isEmpty()) {
                throw new IllegalArgumentException("anyOf needs at least one condition");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAnyOf(this);
        }
    }

    /**
     * The condition does not hold.
     *
     * @param condition the negated condition
     */
    record Not(Condition condition) implements Condition {
        /**
         * Validates the node.
         *
         * @param condition the negated condition
         * @throws NullPointerException if {@code condition} is null
         */
        public Not {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNot(this);
        }
    }

    /**
     * The aggregate over the visitor's matching events in the window compares true with the
     * threshold, e.g. {@code count(order where category = shoes, last 90 days) >= 2}.
     *
     * @param event the event filter
     * @param aggregate count, or sum of a numeric property
     * @param operator a comparison operator ({@code eq ne gt gte lt lte})
     * @param threshold the non-negative threshold (trailing zeros stripped)
     * @param window the window the events must lie in
     */
    record Performed(EventFilter event, Aggregate aggregate, Operator operator,
            BigDecimal threshold, TimeWindow window) implements Condition {
        /**
         * Validates the node.
         *
         * @param event the event filter
         * @param aggregate count, or sum of a numeric property
         * @param operator a comparison operator ({@code eq ne gt gte lt lte})
         * @param threshold the non-negative threshold (trailing zeros stripped)
         * @param window the window the events must lie in
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the operator is not a comparison, or the threshold
         *     is negative or has more than 100 digits or an exponent beyond ±100
         */
        public Performed {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(aggregate, "aggregate");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(window, "window");
            if (!operator.isComparison()) {
                throw new IllegalArgumentException("performed needs a comparison operator "
                        + "(eq ne gt gte lt lte), got " + operator.symbol());
            }
            if (threshold.signum() < 0) {
                throw new IllegalArgumentException(
                        "performed threshold must not be negative, got " + threshold);
            }
            threshold = Texts.boundedNumber(threshold, "threshold");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPerformed(this);
        }
    }

    /**
     * The visitor has a start event in the window with no completion event at or after its time.
     *
     * @param start the start event filter
     * @param completion the completion event filter
     * @param window the window the start event must lie in
     */
    record Abandoned(EventFilter start, EventFilter completion, TimeWindow window)
            implements Condition {
        /**
         * Validates the node.
         *
         * @param start the start event filter
         * @param completion the completion event filter
         * @param window the window the start event must lie in
         * @throws NullPointerException if a component is null
         */
        public Abandoned {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(completion, "completion");
            Objects.requireNonNull(window, "window");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAbandoned(this);
        }
    }

    /**
     * A visitor attribute (the property's value on the visitor's latest counted event that
     * carries it) satisfies the predicate.
     *
     * @param predicate the predicate
     */
    record Attribute(PropertyPredicate predicate) implements Condition {
        /**
         * Validates the node.
         *
         * @param predicate the predicate
         * @throws NullPointerException if {@code predicate} is null
         */
        public Attribute {
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAttribute(this);
        }
    }

    /**
     * The visitor's score in a model dimension lies in {@code [min, max]}; false when the visitor
     * has no score in that model.
     *
     * @param model the scoring model
     * @param dimension a dimension of the model
     * @param min the lowest score included
     * @param max the highest score included
     */
    record Score(ScoreModel model, ScoreDimension dimension, int min, int max)
            implements Condition {
        /**
         * Validates the node.
         *
         * @param model the scoring model
         * @param dimension a dimension of the model
         * @param min the lowest score included
         * @param max the highest score included
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the dimension is not in the model, or the range is
         *     empty or outside {@code [1, model.maxScore()]}
         */
        public Score {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(dimension, "dimension");
            if (!model.has(dimension)) {
                throw new IllegalArgumentException(
                        "model " + model + " has no dimension " + dimension);
            }
            if (min < 1 || max > model.maxScore() || min > max) {
                throw new IllegalArgumentException("score range [" + min + ", " + max
                        + "] must lie within [1, " + model.maxScore() + "] of model " + model
                        + " with min <= max");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitScore(this);
        }
    }
}
