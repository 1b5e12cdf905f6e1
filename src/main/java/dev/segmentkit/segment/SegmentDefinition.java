package dev.segmentkit.segment;

import java.util.Objects;

/**
 * The rule that decides who belongs to a segment: one root {@link Condition}.
 *
 * <p>Instances are immutable and thread-safe. Two definitions are equal when their condition
 * trees are equal; {@link #fingerprint()} is equal whenever they mean the same thing (see
 * {@link Fingerprint}).
 *
 * @param condition the root condition
 */
public record SegmentDefinition(Condition condition) {

    /**
     * Validates the definition.
     *
     * @param condition the root condition
     * @throws NullPointerException if {@code condition} is null
     */
    public SegmentDefinition {
        Objects.requireNonNull(condition, "condition");
    }

    /**
     * Returns a definition with the given root condition.
     *
     * @param condition the root condition
     * @return the definition
     * @throws NullPointerException if {@code condition} is null
     */
    public static SegmentDefinition of(Condition condition) {
        return new SegmentDefinition(condition);
    }

    /**
     * Returns the SHA-256 fingerprint of this definition's canonical form.
     *
     * @return the fingerprint
     */
    public Fingerprint fingerprint() {
        return Fingerprint.of(this);
    }

    /**
     * Returns the canonical rendering of this definition that {@link #fingerprint()} hashes.
     *
     * @return the canonical form, a compact JSON text
     */
    public String canonicalForm() {
        return CanonicalForm.render(this);
    }
}
