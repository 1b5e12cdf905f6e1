package dev.segmentkit.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the generated SQL does differently per database engine: JSON access, the exact numeric
 * type, integer division, string functions, the binary collation that sorts members, and the
 * types of bound parameters. Everything else in a compiled query is plain SQL (common table
 * expressions, {@code CASE}, {@code COALESCE}, {@code COUNT}/{@code SUM}/{@code MAX},
 * {@code RANK()} and {@code ROW_NUMBER()} windows, {@code NOT EXISTS}).
 *
 * <p>Two dialects are implemented and tested: {@link #postgresql()} and {@link #duckdb()}. The
 * README's "SQL engines" section lists what Trino and Spark SQL would need instead; they are not
 * offered, because they are not tested. The set of dialects is closed: this class cannot be
 * extended outside its package.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract class SqlDialect {

    private static final SqlDialect POSTGRESQL = new PostgresDialect();
    private static final SqlDialect DUCKDB = new DuckDbDialect();

    SqlDialect() {
    }

    /**
     * Returns the PostgreSQL dialect (tested on PostgreSQL 15): properties as {@code jsonb},
     * numbers as {@code numeric}, members sorted with {@code COLLATE "C"}.
     *
     * @return the dialect
     */
    public static SqlDialect postgresql() {
        return POSTGRESQL;
    }

    /**
     * Returns the DuckDB dialect (tested on DuckDB 1.4): properties as {@code JSON}, numbers as
     * {@code DECIMAL(38,12)}, members sorted with the {@code binary} collation.
     *
     * @return the dialect
     */
    public static SqlDialect duckdb() {
        return DUCKDB;
    }

    /**
     * Returns the dialect of the given name, case-insensitively: {@code postgresql} (or
     * {@code postgres}) or {@code duckdb}.
     *
     * @param name the name
     * @return the dialect, or empty when there is none of that name
     * @throws NullPointerException if {@code name} is null
     */
    public static Optional<SqlDialect> named(String name) {
        switch (Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT)) {
            case "postgresql":
            case "postgres":
                return Optional.of(POSTGRESQL);
            case "duckdb":
                return Optional.of(DUCKDB);
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns the dialect's name, e.g. {@code postgresql}.
     *
     * @return the name
     */
    public abstract String name();

    @Override
    public String toString() {
        return name();
    }

    // ---- the strategy, package-private

    /** Quotes an identifier that {@link EventsTable} has validated. */
    String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /** The SQL type that parameters of the given Java type are cast to. */
    abstract String typeOf(Object value);

    /** The exact numeric type that property values are compared and summed in. */
    abstract String numericType();

    /** A placeholder for a value, cast to its SQL type so that every engine knows it. */
    Sql param(Object value) {
        Object checked = value;
        if (value instanceof BigDecimal) {
            BigDecimal number = checkNumber((BigDecimal) value);
            // drivers refuse negative scales (2E+1); the value is the same
            checked = number.scale() < 0 ? number.setScale(0) : number;
        }
        return new Sql().placeholder("CAST(", checked, " AS " + typeOf(checked) + ")");
    }

    /** Refuses a number the dialect's numeric type cannot hold exactly. */
    BigDecimal checkNumber(BigDecimal number) {
        return number;
    }

    /** Binds one parameter of a compiled query. */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String) {
            statement.setString(index, (String) value);
        } else if (value instanceof BigDecimal) {
            statement.setBigDecimal(index, (BigDecimal) value);
        } else if (value instanceof Long) {
            statement.setLong(index, (Long) value);
        } else if (value instanceof Instant) {
            statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        } else {
            throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
        }
    }

    /** The properties column, as the dialect's JSON type. */
    abstract Sql json(String quotedColumn);

    /** The JSON value of one member of a JSON object (SQL NULL when absent). */
    abstract Sql jsonMember(Sql object, String key);

    /** The JSON type name of a JSON value, compared by the predicates below. */
    abstract Sql jsonIsScalar(Sql value);

    abstract Sql jsonIsNumber(Sql value);

    abstract Sql jsonIsString(Sql value);

    abstract Sql jsonIsBoolean(Sql value);

    /** The text of a scalar JSON value: a string unquoted, a number or boolean as written. */
    abstract Sql jsonText(Sql value);

    /** Integer division of two non-negative integers, rounding down. */
    abstract Sql divide(Sql dividend, Sql divisor);

    /** True when the text contains the needle (both non-null). */
    Sql contains(Sql text, Sql needle) {
        return new Sql().append("strpos(").append(text).append(", ").append(needle)
                .append(") > 0");
    }

    /** True when the text starts with the prefix (both non-null). */
    Sql startsWith(Sql text, Sql prefix) {
        return new Sql().append("starts_with(").append(text).append(", ").append(prefix)
                .append(")");
    }

    /** The expression in the binary (code point) collation, for ORDER BY. */
    abstract String binary(String expression);
}
