/**
 * The pure target group model: a {@link dev.segmentkit.targetgroup.TargetGroup} holds a frozen
 * {@link dev.segmentkit.targetgroup.SegmentSnapshot} of the segment it was imported from and the
 * history of its imports, with no live link back to the segment.
 *
 * <p>Every type here is an immutable value. Nothing here performs I/O, logs or knows about JSON.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.targetgroup;
