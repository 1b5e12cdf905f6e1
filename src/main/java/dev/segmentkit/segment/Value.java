package dev.segmentkit.segment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A literal that a predicate compares a tracked property with: a string, a number or a boolean.
 *
 * <p>Numbers are held as {@link BigDecimal} with trailing zeros stripped, so {@code 5} and
 * {@code 5.0} are equal values.
 */
public sealed interface Value permits Value.Text, Value.Number, Value.Bool {

    /**
     * Returns a string value.
     *
     * @param text the string
     * @return the value
     * @throws NullPointerException if {@code text} is null
     */
    static Value of(String text) {
        return new Text(text);
    }

    /**
     * Returns a numeric value.
     *
     * @param number the number
     * @return the value
     * @throws NullPointerException if {@code number} is null
     */
    static Value of(BigDecimal number) {
        return new Number(number);
    }

    /**
     * Returns a numeric value.
     *
     * @param number the number
     * @return the value
     */
    static Value of(long number) {
        return new Number(BigDecimal.valueOf(number));
    }

    /**
     * Returns a boolean value.
     *
     * @param bool the boolean
     * @return the value
     */
    static Value of(boolean bool) {
        return new Bool(bool);
    }

    /**
     * A string literal, compared exactly (case-sensitive).
     *
     * @param text the string
     */
    record Text(String text) implements Value {
        /**
         * Validates the value.
         *
         * @param text the string
         * @throws NullPointerException if {@code text} is null
         */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A numeric literal, normalized so that equal numbers are equal records.
     *
     * @param number the number, trailing zeros stripped
     */
    record Number(BigDecimal number) implements Value {
        /**
         * Validates and normalizes the value: trailing zeros stripped, at most
         * {@value Texts#MAX_DIGITS} significant digits and a decimal exponent within
         * ±{@value Texts#MAX_DIGITS}.
         *
         * @param number the number, trailing zeros stripped
         * @throws NullPointerException if {@code number} is null
         * @throws IllegalArgumentException if the number has too many digits or too large an
         *     exponent
         */
        public Number {
            Objects.requireNonNull(number, "number");
            number = Texts.boundedNumber(number, "value");
        }
    }

    /**
     * A boolean literal.
     *
     * @param bool the boolean
     */
    record Bool(boolean bool) implements Value {
    }
}
