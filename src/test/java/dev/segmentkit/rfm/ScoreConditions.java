package dev.segmentkit.rfm;

import dev.segmentkit.history.ScoreLookup;
import dev.segmentkit.segment.Condition;
import java.util.OptionalInt;

/**
 * A tiny test-side interpreter of {@code allOf} and {@code score} conditions over a
 * {@link ScoreLookup}, standing in for the evaluator (which lives on another branch) in the
 * catalog tests. Every other kind of condition is refused.
 */
final class ScoreConditions {

    private ScoreConditions() {
    }

    static boolean holds(Condition condition, ScoreLookup lookup, String visitor) {
        if (condition instanceof Condition.AllOf) {
            for (Condition c : ((Condition.AllOf) condition).conditions()) {
                if (!holds(c, lookup, visitor)) {
                    return false;
                }
            }
            return true;
        }
        if (condition instanceof Condition.Score) {
            Condition.Score s = (Condition.Score) condition;
            OptionalInt score = lookup.score(visitor, s.model(), s.dimension());
            return score.isPresent() && score.getAsInt() >= s.min()
                    && score.getAsInt() <= s.max();
        }
        throw new UnsupportedOperationException("test interpreter handles allOf and score only, "
                + "got " + condition);
    }
}
