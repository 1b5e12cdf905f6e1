package dev.segmentkit.json;

/**
 * A problem found while walking a document: what is wrong, the JSON path it is reported at, and
 * the path of the node whose position locates it (the same, or the enclosing object for a missing
 * field). Internal: {@link SegmentkitJson} turns it into an
 * {@link dev.segmentkit.spi.InvalidDefinitionException} with line and column.
 */
final class Failure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String locatePath;

    Failure(String problem, String path, String locatePath, Throwable cause) {
        super(problem, cause, false, false);
        this.path = path;
        this.locatePath = locatePath;
    }

    Failure(String problem, String path) {
        this(problem, path, path, null);
    }

    String path() {
        return path;
    }

    String locatePath() {
        return locatePath;
    }
}
