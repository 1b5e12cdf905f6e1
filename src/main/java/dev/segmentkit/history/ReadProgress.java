package dev.segmentkit.history;

/** Receives how far a read of {@link HistoricalData} has come. */
@FunctionalInterface
public interface ReadProgress {

    /**
     * Tells how much has been read so far.
     *
     * @param lines the lines (or in-memory events) read so far
     * @param bytes the bytes of the underlying data read so far (0 for in-memory data)
     */
    void progress(long lines, long bytes);

    /**
     * Returns a receiver that ignores progress.
     *
     * @return the no-op receiver
     */
    static ReadProgress none() {
        return (lines, bytes) -> { };
    }
}
