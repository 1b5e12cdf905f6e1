package dev.segmentkit.segment;

import java.util.List;
import java.util.Objects;

/**
 * A test of one named property against literal operands, as used in event filters
 * ({@code where}) and in {@link Condition.Attribute} conditions.
 *
 * <p>Operand count: none for {@link Operator#EXISTS}, one or more for {@link Operator#IN},
 * exactly one otherwise. {@link Operator#CONTAINS} and {@link Operator#STARTS_WITH} take a string.
 *
 * @param property the property name, not blank
 * @param operator the operator
 * @param operands the literal operands (an immutable copy)
 */
public record PropertyPredicate(String property, Operator operator, List<Value> operands) {

    /**
     * Validates the predicate and copies its operands.
     *
     * @param property the property name, not blank
     * @param operator the operator
     * @param operands the literal operands (an immutable copy)
     * @throws NullPointerException if any component or operand is null
     * @throws IllegalArgumentException if the property is blank or the operand count or type
     *     does not fit the operator
     */
    public PropertyPredicate {
        Texts.requireNonBlank(property, "property");
        Objects.requireNonNull(operator, "operator");
        operands = List.copyOf(Objects.requireNonNull(operands, "operands"));
        switch (operator) {
            case EXISTS:
                if (!operands.isEmpty()) {
                    throw new IllegalArgumentException(
                            "operator exists takes no value (property '" + property + "')");
                }
                break;
            case IN:
                if (operands.isEmpty()) {
                    throw new IllegalArgumentException(
                            "operator in needs at least one value (property '" + property + "')");
                }
                break;
            default:
                if (operands.size() != 1) {
                    throw new IllegalArgumentException("operator " + operator.symbol()
                            + " takes exactly one value (property '" + property + "'), got "
                            + operands.size());
                }
                if ((operator == Operator.CONTAINS || operator == Operator.STARTS_WITH)
                        && !(operands.get(0) instanceof Value.Text)) {
                    throw new IllegalArgumentException("operator " + operator.symbol()
                            + " takes a string value (property '" + property + "')");
                }
                break;
        }
    }

    /**
     * Returns a predicate with one operand.
     *
     * @param property the property name
     * @param operator any operator but {@link Operator#EXISTS}
     * @param operand the operand
     * @return the predicate
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the operand does not fit the operator
     */
    public static PropertyPredicate of(String property, Operator operator, Value operand) {
        Objects.requireNonNull(operand, "operand");
        return new PropertyPredicate(property, operator, List.of(operand));
    }

    /**
     * Returns a predicate that is true when the property is equal to the string.
     *
     * @param property the property name
     * @param text the string
     * @return the predicate
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the property is blank
     */
    public static PropertyPredicate eq(String property, String text) {
        return of(property, Operator.EQ, Value.of(text));
    }

    /**
     * Returns a predicate that is true when the property is present.
     *
     * @param property the property name
     * @return the predicate
     * @throws NullPointerException if {@code property} is null
     * @throws IllegalArgumentException if the property is blank
     */
    public static PropertyPredicate exists(String property) {
        return new PropertyPredicate(property, Operator.EXISTS, List.of());
    }

    /**
     * Returns a predicate that is true when the property equals any of the operands.
     *
     * @param property the property name
     * @param operands one or more operands
     * @return the predicate
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the property is blank or no operand is given
     */
    public static PropertyPredicate in(String property, List<Value> operands) {
        return new PropertyPredicate(property, Operator.IN, operands);
    }
}
