package dev.segmentkit.segment;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier a segment source gives a segment: 1 to 128 characters of {@code [A-Za-z0-9._-]}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the identifier text
 */
public record SegmentId(String value) implements Comparable<SegmentId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * Validates the identifier.
     *
     * @param value the identifier text
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not 1 to 128 characters of
     *     {@code [A-Za-z0-9._-]}
     */
    public SegmentId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "segment id must be 1 to 128 characters of [A-Za-z0-9._-], got '"
                            + Texts.abbreviate(value) + "'");
        }
    }

    /**
     * Returns the segment id for the given text.
     *
     * @param value the identifier text
     * @return the id
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a valid segment id
     */
    public static SegmentId of(String value) {
        return new SegmentId(value);
    }

    @Override
    public int compareTo(SegmentId other) {
        return value.compareTo(other.value);
    }

    /** Returns the identifier text. */
    @Override
    public String toString() {
        return value;
    }
}
