/**
 * The pure segment model: {@link dev.segmentkit.segment.Segment}, its
 * {@link dev.segmentkit.segment.SegmentDefinition} and the sealed
 * {@link dev.segmentkit.segment.Condition} tree that definitions are written in.
 *
 * <p>Every type here is an immutable value: records validated at construction, collections
 * copied with {@code List.copyOf}. Nothing here performs I/O, logs or knows about JSON.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.segment;
