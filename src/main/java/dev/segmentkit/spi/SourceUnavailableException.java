package dev.segmentkit.spi;

/**
 * Thrown when a segment source cannot answer: its backing system failed, or an export broke off.
 * Adapters wrap their own failures in it.
 */
public class SourceUnavailableException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the segment where there is one
     * @param cause the underlying failure
     */
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed, naming the segment where there is one
     */
    public SourceUnavailableException(String message) {
        super(message);
    }
}
