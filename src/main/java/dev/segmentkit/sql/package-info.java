/**
 * Segment definitions compiled to SQL, so that a database or warehouse computes the members:
 * {@link dev.segmentkit.sql.SegmentSqlCompiler} turns a
 * {@link dev.segmentkit.segment.SegmentDefinition} into one query (a
 * {@link dev.segmentkit.sql.CompiledQuery}) over an events table described by
 * {@link dev.segmentkit.sql.EventsTable}, in a {@link dev.segmentkit.sql.SqlDialect}. The query
 * applies the historical rule (as-of, open sessions, policy) and the RFM/RFE scoring itself; it
 * returns the same members as {@link dev.segmentkit.history.SegmentEvaluator} on the same events.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.sql;
