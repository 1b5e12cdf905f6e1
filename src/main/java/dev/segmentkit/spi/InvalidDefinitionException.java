package dev.segmentkit.spi;

/**
 * Thrown for a segment definition, catalog or target group document that is malformed or breaks
 * a rule of the condition language; the message names the JSON path and the line.
 */
public class InvalidDefinitionException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong, without the location
     * @param location the file or document name, or null when unknown
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param jsonPath the JSON path, e.g. {@code $.segments[0].definition.condition}, or null
     * @param cause the underlying failure, or null
     */
    public InvalidDefinitionException(String problem, String location, long line, long column,
            String jsonPath, Throwable cause) {
        super(problem, location, line, column, jsonPath, cause);
    }
}
