package dev.segmentkit.json;

import dev.segmentkit.segment.SegmentId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A segment catalog as a Segment Manager exports it: the segments, each with its optional list of
 * members. The JSON form is described in the README's "Catalog format" section and read and
 * written by {@link SegmentkitJson}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param segments the segments in document order (an immutable copy), ids unique
 */
public record Catalog(List<CatalogSegment> segments) {

    /** The only catalog {@code schemaVersion} this version reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Validates the catalog and copies its segments.
     *
     * @param segments the segments in document order, ids unique
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if two segments have the same id
     */
    public Catalog {
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        Set<SegmentId> seen = new HashSet<>();
        for (CatalogSegment s : segments) {
            if (!seen.add(s.segment().id())) {
                throw new IllegalArgumentException("segment id " + s.segment().id()
                        + " appears more than once in the catalog");
            }
        }
    }

    /**
     * Finds a segment of the catalog.
     *
     * @param id the segment id
     * @return the entry, or empty when the catalog has no such segment
     * @throws NullPointerException if {@code id} is null
     */
    public Optional<CatalogSegment> find(SegmentId id) {
        Objects.requireNonNull(id, "id");
        return segments.stream().filter(s -> s.segment().id().equals(id)).findFirst();
    }
}
