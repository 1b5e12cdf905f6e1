package dev.segmentkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL text with the values of its {@code ?} placeholders, in text order. Appending
 * text and fragments keeps the values in the order of their placeholders, so a query is bound
 * correctly by construction. Mutable; confined to one compilation.
 */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    static Sql of(String text) {
        return new Sql().append(text);
    }

    Sql append(String sql) {
        if (sql.indexOf('?') >= 0) {
            throw new IllegalArgumentException("SQL text must not hold a placeholder: " + sql);
        }
        text.append(sql);
        return this;
    }

    Sql append(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    /** Appends a placeholder for a value that the dialect has already wrapped in a cast. */
    Sql placeholder(String before, Object value, String after) {
        text.append(before).append('?').append(after);
        params.add(value);
        return this;
    }

    /** Joins fragments with a separator into a new fragment. */
    static Sql join(String separator, List<Sql> parts) {
        Sql out = new Sql();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(parts.get(i));
        }
        return out;
    }

    /** A parenthesized copy. */
    Sql parens() {
        return new Sql().append("(").append(this).append(")");
    }

    String text() {
        return text.toString();
    }

    List<Object> params() {
        return params;
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
