package dev.segmentkit.spi;

/**
 * Thrown when a target group store fails (I/O, database, corrupt data). Adapters wrap their own
 * failures in it. The store is left as it was before the failed operation.
 */
public class StoreException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the target group where there is one
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed, naming the target group where there is one
     */
    public StoreException(String message) {
        super(message);
    }
}
