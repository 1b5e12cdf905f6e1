package dev.segmentkit.history;

import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import java.util.OptionalInt;

/**
 * The model scores of visitors, as the evaluator needs them for {@code score} conditions.
 *
 * <p>Implementations are immutable once built and thread-safe.
 */
public interface ScoreLookup {

    /**
     * Returns a visitor's score in one dimension of a model.
     *
     * @param visitor the visitor id
     * @param model the model
     * @param dimension a dimension of the model
     * @return the score, or empty when the visitor is not in the model's population
     */
    OptionalInt score(String visitor, ScoreModel model, ScoreDimension dimension);

    /**
     * Returns the lookup in which nobody has a score, so every {@code score} condition is false.
     *
     * @return the empty lookup
     */
    static ScoreLookup none() {
        return (visitor, model, dimension) -> OptionalInt.empty();
    }
}
