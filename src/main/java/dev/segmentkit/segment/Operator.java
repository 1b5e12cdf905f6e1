package dev.segmentkit.segment;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The operators of property predicates, attributes and aggregate comparisons.
 *
 * <p>Semantics (for the evaluator): a property that is absent makes every operator false,
 * {@link #NE} included; {@link #EXISTS} tests presence. Numbers compare numerically, strings
 * exactly; a string never equals a number; {@link #GT}, {@link #GTE}, {@link #LT} and
 * {@link #LTE} are false unless both sides are numbers; {@link #CONTAINS} and
 * {@link #STARTS_WITH} apply to strings only; {@link #IN} is {@link #EQ} against any operand.
 */
public enum Operator {
    /** Equal. */
    EQ("eq"),
    /** Not equal (false when the property is absent). */
    NE("ne"),
    /** Greater than. */
    GT("gt"),
    /** Greater than or equal. */
    GTE("gte"),
    /** Less than. */
    LT("lt"),
    /** Less than or equal. */
    LTE("lte"),
    /** Equal to any of one or more operands. */
    IN("in"),
    /** String containment. */
    CONTAINS("contains"),
    /** String prefix. */
    STARTS_WITH("startsWith"),
    /** The property is present; takes no operand. */
    EXISTS("exists");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /**
     * Returns the name of this operator in the JSON catalog format, e.g. {@code startsWith}.
     *
     * @return the operator's symbol
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Tells whether this operator compares two values ({@code eq ne gt gte lt lte}), the only
     * operators allowed on aggregates.
     *
     * @return true for the six comparison operators
     */
    public boolean isComparison() {
        return ordinal() <= LTE.ordinal();
    }

    /**
     * Returns the operator with the given JSON symbol.
     *
     * @param symbol the symbol, e.g. {@code gte}
     * @return the operator, or empty when no operator has that symbol
     * @throws NullPointerException if {@code symbol} is null
     */
    public static Optional<Operator> ofSymbol(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
