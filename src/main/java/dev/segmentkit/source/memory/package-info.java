/**
 * The in-memory {@link dev.segmentkit.spi.SegmentSource}, with an authoring API for host
 * applications and tests.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.source.memory;
