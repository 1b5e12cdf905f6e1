package dev.segmentkit.spi;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import java.util.Objects;

/**
 * What a segment source lists of a segment: enough to choose one for import.
 *
 * @param id the segment id
 * @param name the segment's name
 * @param origin predefined or custom
 * @param revision the source's current revision of the segment
 */
public record SegmentSummary(SegmentId id, String name, SegmentOrigin origin, String revision) {

    /**
     * Validates the summary.
     *
     * @param id the segment id
     * @param name the segment's name
     * @param origin predefined or custom
     * @param revision the source's current revision of the segment
     * @throws NullPointerException if a component is null
     */
    public SegmentSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Returns the summary of a segment.
     *
     * @param segment the segment
     * @return its summary
     * @throws NullPointerException if {@code segment} is null
     */
    public static SegmentSummary of(Segment segment) {
        Objects.requireNonNull(segment, "segment");
        return new SegmentSummary(segment.id(), segment.name(), segment.origin(), segment.revision());
    }
}
