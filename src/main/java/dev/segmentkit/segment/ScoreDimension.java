package dev.segmentkit.segment;

/** A dimension of a scoring model. */
public enum ScoreDimension {
    /** Recency: how recently the visitor was active (later is better). */
    R,
    /** Frequency: how often the visitor ordered (RFM) or visited (RFE). */
    F,
    /** Monetary value: the sum of the visitor's order revenue (RFM models only). */
    M,
    /** Engagement: the visitor's page impressions (RFE only). */
    E
}
