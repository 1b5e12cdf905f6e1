package dev.segmentkit.spi;

import dev.segmentkit.segment.SegmentId;
import java.util.Objects;

/** Thrown when a segment source has no segment with the requested id. */
public class SegmentNotFoundException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    private final transient SegmentId segmentId;

    /**
     * Creates the exception.
     *
     * @param segmentId the id that was not found
     */
    public SegmentNotFoundException(SegmentId segmentId) {
        super("segment not found: " + Objects.requireNonNull(segmentId, "segmentId"));
        this.segmentId = segmentId;
    }

    /**
     * Creates the exception with a message that gives context.
     *
     * @param segmentId the id that was not found
     * @param message what could not be done, naming the segment
     */
    public SegmentNotFoundException(SegmentId segmentId, String message) {
        super(message);
        this.segmentId = Objects.requireNonNull(segmentId, "segmentId");
    }

    /**
     * Returns the id that was not found.
     *
     * @return the segment id
     */
    public SegmentId segmentId() {
        return segmentId;
    }
}
