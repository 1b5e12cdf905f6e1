package dev.segmentkit.spi;

/**
 * Thrown when a member stream breaks the contract: a member id that is empty, too long or holds a
 * control character, members out of ascending order or repeated, or a count that disagrees with
 * the snapshot. Nothing was written.
 */
public class InvalidMembersException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the target group and the position
     */
    public InvalidMembersException(String message) {
        super(message);
    }
}
