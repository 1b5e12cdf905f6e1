/**
 * The JSON catalog {@link dev.segmentkit.spi.SegmentSource}: segments (and optionally their
 * members) read from a catalog file that a Segment Manager exports.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.source.catalog;
