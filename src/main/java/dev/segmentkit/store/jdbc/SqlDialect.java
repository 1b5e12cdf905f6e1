package dev.segmentkit.store.jdbc;

import java.sql.SQLException;

/**
 * Everything the JDBC store does differently per database, in one place. The store's statements
 * are otherwise portable SQL (multi-row {@code INSERT ... VALUES}, {@code UPDATE ... WHERE},
 * {@code DELETE}, {@code SELECT ... ORDER BY}); the schema's DDL is a resource per dialect.
 */
enum SqlDialect {

    /** PostgreSQL 15 (the tested one); other versions from 9.5 on should work too. */
    POSTGRESQL("schema-postgresql.sql", 32_767) {
        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    };

    private final String schemaResource;
    private final int maxBindParameters;

    SqlDialect(String schemaResource, int maxBindParameters) {
        this.schemaResource = schemaResource;
        this.maxBindParameters = maxBindParameters;
    }

    /** The DDL resource, next to this class, with {@code {prefix}} for the table prefix. */
    String schemaResource() {
        return schemaResource;
    }

    /** The most bind parameters one statement may carry (PostgreSQL's wire protocol: 32,767). */
    int maxBindParameters() {
        return maxBindParameters;
    }

    /** Tells whether a failure (or any exception chained to it) is a primary key violation. */
    abstract boolean isUniqueViolation(SQLException e);
}
