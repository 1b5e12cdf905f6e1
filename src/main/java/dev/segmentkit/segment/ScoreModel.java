package dev.segmentkit.segment;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The scoring models that {@link Condition.Score} conditions refer to. */
public enum ScoreModel {
    /** Recency, frequency, monetary value, each scored 1 (bad) to 3 (good). */
    RFM(3, EnumSet.of(ScoreDimension.R, ScoreDimension.F, ScoreDimension.M)),
    /** Recency, frequency, engagement (page impressions), each scored 1 to 3. */
    RFE(3, EnumSet.of(ScoreDimension.R, ScoreDimension.F, ScoreDimension.E)),
    /** The classic quintile RFM: recency, frequency, monetary value, each scored 1 to 5. */
    RFM_QUINTILE(5, EnumSet.of(ScoreDimension.R, ScoreDimension.F, ScoreDimension.M));

    private final int maxScore;
    private final Set<ScoreDimension> dimensions;

    ScoreModel(int maxScore, Set<ScoreDimension> dimensions) {
        this.maxScore = maxScore;
        this.dimensions = dimensions;
    }

    /**
     * Returns the highest score of this model's scale; the lowest is always 1.
     *
     * @return 3 or 5
     */
    public int maxScore() {
        return maxScore;
    }

    /**
     * Tells whether this model scores the given dimension.
     *
     * @param dimension the dimension
     * @return true when the model has it
     * @throws NullPointerException if {@code dimension} is null
     */
    public boolean has(ScoreDimension dimension) {
        return dimensions.contains(Objects.requireNonNull(dimension, "dimension"));
    }
}
