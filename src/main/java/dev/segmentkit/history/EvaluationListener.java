package dev.segmentkit.history;

/**
 * Receives progress reports of an evaluation, for a host or the CLI to draw. Called on the
 * evaluating thread, every few thousand lines and at the end of each pass; it should return
 * quickly.
 */
@FunctionalInterface
public interface EvaluationListener {

    /**
     * Receives one progress report.
     *
     * @param progress the report
     */
    void progress(EvaluationProgress progress);

    /**
     * Returns a listener that ignores progress.
     *
     * @return the no-op listener
     */
    static EvaluationListener none() {
        return progress -> { };
    }
}
