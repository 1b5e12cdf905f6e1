/**
 * The {@link dev.segmentkit.spi.SegmentSource} over a SQL database or warehouse:
 * {@link dev.segmentkit.source.sql.SqlSegmentSource} takes its segment definitions from one or
 * more catalogs and lets the engine compute their members with the queries of
 * {@link dev.segmentkit.sql.SegmentSqlCompiler}, streaming them through JDBC.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.source.sql;
