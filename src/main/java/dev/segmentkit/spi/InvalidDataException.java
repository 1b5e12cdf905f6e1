package dev.segmentkit.spi;

/**
 * Thrown for tracked data (a history file) that is malformed: the message names the file, the
 * 1-based line and the field, e.g. {@code events.ndjson:42 at time: not an ISO-8601 instant}.
 * Nothing was changed.
 */
public class InvalidDataException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong, without the location
     * @param location the file or data set name, or null when unknown
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param field the field, e.g. {@code visitor} or {@code properties.revenue}, or null
     * @param cause the underlying failure, or null
     */
    public InvalidDataException(String problem, String location, long line, long column,
            String field, Throwable cause) {
        super(problem, location, line, column, field, cause);
    }
}
