/**
 * Shared parts of the {@link dev.segmentkit.spi.SegmentSource} adapters in the sub-packages:
 * {@link dev.segmentkit.source.DefinitionCatalogs}, the catalogs of segment definitions that the
 * historical and the SQL source evaluate.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.source;
