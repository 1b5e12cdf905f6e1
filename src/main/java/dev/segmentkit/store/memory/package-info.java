/**
 * The in-memory {@link dev.segmentkit.spi.TargetGroupStore}.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.store.memory;
