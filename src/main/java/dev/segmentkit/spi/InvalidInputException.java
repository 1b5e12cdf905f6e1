package dev.segmentkit.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Thrown for bad input from a file or a JSON document: the message names what was wrong and
 * where (the file, the line and column, the JSON path or field). Nothing was changed.
 */
public class InvalidInputException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    /** The file or document name, or null. */

    private final String location;
    /** The 1-based line, or 0. */
    private final long line;
    /** The 1-based column, or 0. */
    private final long column;
    /** The JSON path or field, or null. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong, without the location
     * @param location the file or document name, or null when unknown
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param field the JSON path or field name, or null when unknown
     * @param cause the underlying failure, or null
     */
    public InvalidInputException(String problem, String location, long line, long column,
            String field, Throwable cause) {
        super(format(Objects.requireNonNull(problem, "problem"), location, line, column, field), cause);
        this.location = location;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    private static String format(String problem, String location, long line, long column,
            String field) {
        StringBuilder out = new StringBuilder();
        if (location != null) {
            out.append(location);
        }
        if (line > 0) {
            out.append(out.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        if (field != null) {
            out.append(out.length() > 0 ? " " : "").append("at ").append(field);
        }
        return out.length() > 0 ? out.append(": ").append(problem).toString() : problem;
    }

    /**
     * Returns the file or document name.
     *
     * @return the location, when known
     */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /**
     * Returns the 1-based line.
     *
     * @return the line, when known
     */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /**
     * Returns the 1-based column.
     *
     * @return the column, when known
     */
    public OptionalLong column() {
        return column > 0 ? OptionalLong.of(column) : OptionalLong.empty();
    }

    /**
     * Returns the JSON path or field name.
     *
     * @return the field, when known
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
