package dev.segmentkit.history;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How far an evaluation has come, as an {@link EvaluationListener} is told.
 *
 * @param phase the pass being read
 * @param data the name of the data being read
 * @param lines the lines read so far in this pass
 * @param bytes the bytes read so far in this pass
 * @param totalBytes the size of the data, when known
 * @param visitors the visitors with a counted event seen so far (0 in the first pass)
 * @param done true for the last report of a pass
 */
public record EvaluationProgress(Phase phase, String data, long lines, long bytes,
        OptionalLong totalBytes, long visitors, boolean done) {

    /**
     * Validates the report.
     *
     * @param phase the pass being read
     * @param data the name of the data
     * @param lines the lines read so far
     * @param bytes the bytes read so far
     * @param totalBytes the size of the data, when known
     * @param visitors the visitors seen so far
     * @param done true for the last report of a pass
     * @throws NullPointerException if a component is null
     */
    public EvaluationProgress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(totalBytes, "totalBytes");
    }

    /** The two passes of an evaluation. */
    public enum Phase {
        /** The first pass, which finds the sessions open at the evaluation instant. */
        OPEN_SESSIONS,
        /** The second pass, which evaluates the definitions over the counted events. */
        EVALUATION
    }
}
