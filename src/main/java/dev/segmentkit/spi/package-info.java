/**
 * The service provider interfaces that adapters implement: {@link dev.segmentkit.spi.SegmentSource}
 * (read-only access to the segments of a Segment Manager) and
 * {@link dev.segmentkit.spi.TargetGroupStore} (where target groups and their members live), their
 * value types, and the {@link dev.segmentkit.spi.SegmentkitException} hierarchy.
 *
 * <p>The numbered contract rules (SRC-n, TGS-n) are in the README's "Writing an adapter" section.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.spi;
