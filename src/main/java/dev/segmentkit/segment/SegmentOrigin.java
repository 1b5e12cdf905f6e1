package dev.segmentkit.segment;

/** Where a segment comes from. */
public enum SegmentOrigin {
    /** A segment of the predefined catalog, derived from the RFM and RFE models. */
    PREDEFINED,
    /** A segment that a user defined on any tracked data. */
    CUSTOM
}
