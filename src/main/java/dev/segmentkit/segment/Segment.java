package dev.segmentkit.segment;

import java.util.Objects;

/**
 * A segment as a segment source defines it: a named group of people, described by a
 * {@link SegmentDefinition} over their past behaviour.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the source's identifier of the segment
 * @param name the display name, not blank
 * @param description a free description, possibly empty
 * @param origin whether the segment is predefined or custom
 * @param definition the rule that decides membership
 * @param revision the source's opaque revision of the segment (a counter, a last-modified
 *     stamp...); not blank
 */
public record Segment(
        SegmentId id,
        String name,
        String description,
        SegmentOrigin origin,
        SegmentDefinition definition,
        String revision) {

    /**
     * Validates the segment.
     *
     * @param id the source's identifier of the segment
     * @param name the display name, not blank
     * @param description a free description, possibly empty
     * @param origin whether the segment is predefined or custom
     * @param definition the rule that decides membership
     * @param revision the source's opaque revision of the segment (a counter, a last-modified stamp...); not blank
     * @throws NullPointerException if any component is null
     * @throws IllegalArgumentException if {@code name} or {@code revision} is blank
     */
    public Segment {
        Objects.requireNonNull(id, "id");
        Texts.requireNonBlank(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(definition, "definition");
        Texts.requireNonBlank(revision, "revision");
    }

    /**
     * Returns the fingerprint of this segment's definition.
     *
     * @return the definition's fingerprint
     */
    public Fingerprint fingerprint() {
        return definition.fingerprint();
    }
}
