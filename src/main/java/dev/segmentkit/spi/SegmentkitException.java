package dev.segmentkit.spi;

/**
 * The root of every exception that segmentkit throws for a failure that is not a programming
 * error. Subclasses name the culprit (an id, a file and line, a JSON path).
 */
public class SegmentkitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the culprit
     */
    public SegmentkitException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, naming the culprit
     * @param cause the underlying failure
     */
    public SegmentkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
