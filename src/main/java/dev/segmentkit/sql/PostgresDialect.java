package dev.segmentkit.sql;

import java.math.BigDecimal;
import java.time.Instant;

/** PostgreSQL: {@code jsonb}, {@code numeric}, {@code COLLATE "C"}. */
final class PostgresDialect extends SqlDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    String typeOf(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof BigDecimal) {
            return "numeric";
        }
        if (value instanceof Long) {
            return "bigint";
        }
        if (value instanceof Instant) {
            return "timestamptz";
        }
        throw new IllegalArgumentException("no SQL type for a " + value.getClass().getName());
    }

    @Override
    String numericType() {
        return "numeric";
    }

    @Override
    Sql json(String quotedColumn) {
        return Sql.of("CAST(" + quotedColumn + " AS jsonb)");
    }

    @Override
    Sql jsonMember(Sql object, String key) {
        return new Sql().append("(").append(object).append(" -> ").append(param(key))
                .append(")");
    }

    @Override
    Sql jsonIsScalar(Sql value) {
        return new Sql().append("jsonb_typeof(").append(value)
                .append(") IN ('string', 'number', 'boolean')");
    }

    @Override
    Sql jsonIsNumber(Sql value) {
        return new Sql().append("jsonb_typeof(").append(value).append(") = 'number'");
    }

    @Override
    Sql jsonIsString(Sql value) {
        return new Sql().append("jsonb_typeof(").append(value).append(") = 'string'");
    }

    @Override
    Sql jsonIsBoolean(Sql value) {
        return new Sql().append("jsonb_typeof(").append(value).append(") = 'boolean'");
    }

    @Override
    Sql jsonText(Sql value) {
        return new Sql().append("(").append(value).append(" #>> '{}')");
    }

    @Override
    Sql divide(Sql dividend, Sql divisor) {
        // both operands are bigint: PostgreSQL's integer division truncates, which is floor here
        return new Sql().append("(").append(dividend).append(") / (").append(divisor)
                .append(")");
    }

    @Override
    String binary(String expression) {
        return expression + " COLLATE \"C\"";
    }
}
