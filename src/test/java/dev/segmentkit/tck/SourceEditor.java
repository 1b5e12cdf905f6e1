package dev.segmentkit.tck;

import dev.segmentkit.segment.SegmentId;

/**
 * An optional capability of a source under test: changing the backing system's segments while
 * the source is in use, as the Segment Manager would. An adapter that can offer it returns one from
 * {@link SegmentSourceContract#editor}; the kit then checks the rules about change (SRC-3, SRC-5,
 * SRC-6). The source must not be told of the change other than through its backing system.
 */
public interface SourceEditor {

    /**
     * Creates or replaces a segment in the backing system.
     *
     * @param fixture the segment's new state
     */
    void put(SegmentFixture fixture);

    /**
     * Removes a segment from the backing system.
     *
     * @param id the segment id
     */
    void remove(SegmentId id);
}
