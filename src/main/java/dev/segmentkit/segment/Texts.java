package dev.segmentkit.segment;

import java.math.BigDecimal;
import java.util.Objects;

/** Small text checks shared by the domain packages. Not part of the API. */
final class Texts {

    private Texts() {
    }

    static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** The most significant digits, and the largest decimal exponent, of a number literal. */
    static final int MAX_DIGITS = 100;

    /**
     * Normalizes a number literal (trailing zeros stripped) and refuses one whose digits or
     * exponent exceed {@link #MAX_DIGITS}: such a number cannot be rendered, stored or compared in
     * bounded memory.
     */
    static BigDecimal boundedNumber(BigDecimal number, String name) {
        if (number.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal n = number.stripTrailingZeros();
        long exponent = (long) n.precision() - n.scale() - 1;
        if (n.precision() > MAX_DIGITS || Math.abs(exponent) > MAX_DIGITS) {
            throw new IllegalArgumentException(name + " must have at most " + MAX_DIGITS
                    + " digits and a decimal exponent within +-" + MAX_DIGITS + ", got "
                    + abbreviate(n.toString()));
        }
        return n;
    }

    static String abbreviate(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
