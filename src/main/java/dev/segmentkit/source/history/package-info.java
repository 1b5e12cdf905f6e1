/**
 * The {@link dev.segmentkit.spi.SegmentSource} over tracked data:
 * {@link dev.segmentkit.source.history.HistoricalSegmentSource} takes its segment definitions from
 * one or more catalogs and computes their members from a
 * {@link dev.segmentkit.history.HistoricalData} as of an instant.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.source.history;
