package dev.segmentkit.sql;

import java.math.BigDecimal;
import java.time.Instant;

/** DuckDB: {@code JSON} with JSON-pointer member access, {@code DECIMAL(38,12)}, binary order. */
final class DuckDbDialect extends SqlDialect {

    /** Digits after the decimal point of the numeric type. */
    static final int SCALE = 12;
    /** Digits of the numeric type. */
    static final int PRECISION = 38;

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    String typeOf(Object value) {
        if (value instanceof String) {
            return "VARCHAR";
        }
        if (value instanceof BigDecimal) {
            return numericType();
        }
        if (value instanceof Long) {
            return "BIGINT";
        }
        if (value instanceof Instant) {
            return "TIMESTAMPTZ";
        }
        throw new IllegalArgumentException("no SQL type for a " + value.getClass().getName());
    }

    @Override
    String numericType() {
        return "DECIMAL(" + PRECISION + "," + SCALE + ")";
    }

    @Override
    BigDecimal checkNumber(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > SCALE || stripped.precision() - stripped.scale() > PRECISION - SCALE) {
            throw new IllegalArgumentException("the number " + number.toPlainString()
                    + " does not fit DuckDB's " + numericType() + " exactly (at most "
                    + (PRECISION - SCALE) + " digits before and " + SCALE
                    + " after the decimal point)");
        }
        return number;
    }

    @Override
    Sql json(String quotedColumn) {
        return Sql.of("CAST(" + quotedColumn + " AS JSON)");
    }

    @Override
    Sql jsonMember(Sql object, String key) {
        // a JSON pointer (RFC 6901) names the key literally, whatever characters it holds
        String pointer = "/" + key.replace("~", "~0").replace("/", "~1");
        return new Sql().append("(").append(object).append(" -> ").append(param(pointer))
                .append(")");
    }

    @Override
    Sql jsonIsScalar(Sql value) {
        return new Sql().append("json_type(").append(value).append(") IN ('VARCHAR', 'BOOLEAN', "
                + "'BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT', 'DOUBLE')");
    }

    @Override
    Sql jsonIsNumber(Sql value) {
        return new Sql().append("json_type(").append(value)
                .append(") IN ('BIGINT', 'UBIGINT', 'HUGEINT', 'UHUGEINT', 'DOUBLE')");
    }

    @Override
    Sql jsonIsString(Sql value) {
        return new Sql().append("json_type(").append(value).append(") = 'VARCHAR'");
    }

    @Override
    Sql jsonIsBoolean(Sql value) {
        return new Sql().append("json_type(").append(value).append(") = 'BOOLEAN'");
    }

    @Override
    Sql jsonText(Sql value) {
        return new Sql().append("(").append(value).append(" ->> '$')");
    }

    @Override
    Sql divide(Sql dividend, Sql divisor) {
        return new Sql().append("(").append(dividend).append(") // (").append(divisor)
                .append(")");
    }

    @Override
    String binary(String expression) {
        return expression + " COLLATE \"binary\"";
    }
}
