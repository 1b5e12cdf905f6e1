/**
 * The JDBC {@link dev.segmentkit.spi.TargetGroupStore}:
 * {@link dev.segmentkit.store.jdbc.JdbcTargetGroupStore}, tested on PostgreSQL 15. It needs only
 * {@code java.sql} and {@code javax.sql}; the host brings the driver and the
 * {@link javax.sql.DataSource}.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.store.jdbc;
