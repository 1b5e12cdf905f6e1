package dev.segmentkit.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One segment definition compiled to SQL: a query text with {@code ?} placeholders, the values
 * to bind to them in order, the dialect it is written in and the as-of instant it evaluates at.
 * The query returns one column, the member ids, unique and sorted in the binary (code point)
 * order of their UTF-8 text.
 *
 * <p>Every value that comes from a definition, the configuration or the as-of instant is a
 * parameter, never part of the text; the text holds only validated, quoted identifiers and
 * fixed SQL. Parameter values are {@link String}, {@link BigDecimal}, {@link Long} or
 * {@link Instant}, each cast in the text to its SQL type.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CompiledQuery {

    private final String sql;
    private final List<Object> parameters;
    private final SqlDialect dialect;
    private final Instant asOf;

    CompiledQuery(String sql, List<Object> parameters, SqlDialect dialect, Instant asOf) {
        this.sql = sql;
        this.parameters = List.copyOf(parameters);
        this.dialect = dialect;
        this.asOf = asOf;
    }

    /**
     * Returns the query text.
     *
     * @return the SQL, with one {@code ?} per parameter
     */
    public String sql() {
        return sql;
    }

    /**
     * Returns the parameter values, in placeholder order.
     *
     * @return the values: strings, decimals, longs and instants (an immutable list)
     */
    public List<Object> parameters() {
        return parameters;
    }

    /**
     * Returns the dialect the query is written in.
     *
     * @return the dialect
     */
    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Returns the instant the query evaluates the definition as of.
     *
     * @return the as-of instant
     */
    public Instant asOf() {
        return asOf;
    }

    /**
     * Returns the SQL type a parameter is cast to in the text, e.g. {@code timestamptz}.
     *
     * @param index the 0-based parameter index
     * @return the SQL type name
     * @throws IndexOutOfBoundsException if there is no such parameter
     */
    public String parameterType(int index) {
        return dialect.typeOf(parameters.get(index));
    }

    /**
     * Binds the parameters to a statement prepared from {@link #sql()}.
     *
     * @param statement the statement
     * @throws NullPointerException if {@code statement} is null
     * @throws SQLException if the driver refuses a value
     */
    public void bind(PreparedStatement statement) throws SQLException {
        Objects.requireNonNull(statement, "statement");
        for (int i = 0; i < parameters.size(); i++) {
            dialect.bind(statement, i + 1, parameters.get(i));
        }
    }

    /**
     * Returns the query text followed by one SQL comment line per parameter ({@code -- $1
     * timestamptz = 2026-12-01T00:00:00Z}), for people to read; string values are shown in
     * single quotes with quotes doubled. Bind {@link #parameters()} to run it.
     *
     * @return the annotated query
     */
    public String describe() {
        StringBuilder out = new StringBuilder(sql).append('\n');
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            String shown = value instanceof String
                    ? "'" + ((String) value).replace("'", "''") + "'"
                    : value instanceof BigDecimal ? ((BigDecimal) value).toPlainString()
                    : value.toString();
            out.append("-- $").append(i + 1).append(' ').append(parameterType(i)).append(" = ")
                    .append(shown.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
