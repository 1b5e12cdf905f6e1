/**
 * The JSON codec for every persisted or exchanged type: {@link dev.segmentkit.json.SegmentkitJson}
 * reads and writes segment definitions, segments, catalogs ({@link dev.segmentkit.json.Catalog})
 * and target groups. No Jackson type appears in this package's API, and the domain types carry no
 * Jackson annotation.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.json;
