package dev.segmentkit.rfm;

import dev.segmentkit.segment.ScoreModel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration of the RFM and RFE models: their lookbacks and, per model, optional
 * configured {@link Thresholds} that replace the data-derived scores.
 *
 * <p>The RFM lookback (default 360 days) applies to RFM and RFM_QUINTILE, the RFE lookback
 * (default 180 days) to RFE. A model without configured thresholds is scored from the data.
 *
 * <p>Instances are immutable and thread-safe; equal configurations are {@link #equals equal}.
 */
public final class ScoringConfig {

    /** The default RFM and RFM_QUINTILE lookback: 360 days. */
    public static final Duration DEFAULT_RFM_LOOKBACK = Duration.ofDays(360);

    /** The default RFE lookback: 180 days. */
    public static final Duration DEFAULT_RFE_LOOKBACK = Duration.ofDays(180);

    private static final ScoringConfig DEFAULTS = builder().build();

    private final Duration rfmLookback;
    private final Duration rfeLookback;
    private final Map<ScoreModel, Thresholds> thresholds;

    private ScoringConfig(Builder builder) {
        this.rfmLookback = builder.rfmLookback == null ? DEFAULT_RFM_LOOKBACK : builder.rfmLookback;
        this.rfeLookback = builder.rfeLookback == null ? DEFAULT_RFE_LOOKBACK : builder.rfeLookback;
        EnumMap<ScoreModel, Thresholds> copy = new EnumMap<>(ScoreModel.class);
        copy.putAll(builder.thresholds);
        this.thresholds = copy;
    }

    /**
     * Returns the default configuration: lookbacks of 360 days (RFM) and 180 days (RFE), every
     * model scored from the data.
     *
     * @return the default configuration
     */
    public static ScoringConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a new builder, which starts from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the lookback of RFM and RFM_QUINTILE: orders in {@code (T - lookback, T]} count.
     *
     * @return the RFM lookback
     */
    public Duration rfmLookback() {
        return rfmLookback;
    }

    /**
     * Returns the lookback of RFE: events in {@code (T - lookback, T]} count.
     *
     * @return the RFE lookback
     */
    public Duration rfeLookback() {
        return rfeLookback;
    }

    /**
     * Returns the lookback of a model.
     *
     * @param model the model
     * @return the RFE lookback for RFE, else the RFM lookback
     * @throws NullPointerException if {@code model} is null
     */
    public Duration lookback(ScoreModel model) {
        Objects.requireNonNull(model, "model");
        return model == ScoreModel.RFE ? rfeLookback : rfmLookback;
    }

    /**
     * Returns the configured thresholds of a model.
     *
     * @param model the model
     * @return the thresholds, or empty when the model is scored from the data
     * @throws NullPointerException if {@code model} is null
     */
    public Optional<Thresholds> thresholds(ScoreModel model) {
        return Optional.ofNullable(thresholds.get(Objects.requireNonNull(model, "model")));
    }

    /**
     * Returns a stable text of the configuration of the given models (lookback and thresholds),
     * used in the revisions of predefined segments: it changes exactly when that configuration
     * changes.
     *
     * @param models the models to describe
     * @return the canonical text, e.g. {@code RFM:lookback=PT8640H;thresholds=data}
     * @throws NullPointerException if {@code models} or an element is null
     */
    public String canonicalForm(Set<ScoreModel> models) {
        Objects.requireNonNull(models, "models");
        StringBuilder out = new StringBuilder();
        for (ScoreModel model : ScoreModel.values()) {
            if (!models.contains(model)) {
                continue;
            }
            if (out.length() > 0) {
                out.append('|');
            }
            out.append(model).append(":lookback=").append(lookback(model))
                    .append(";thresholds=")
                    .append(thresholds(model).map(Thresholds::canonicalForm).orElse("data"));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoringConfig
                && rfmLookback.equals(((ScoringConfig) other).rfmLookback)
                && rfeLookback.equals(((ScoringConfig) other).rfeLookback)
                && thresholds.equals(((ScoringConfig) other).thresholds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rfmLookback, rfeLookback, thresholds);
    }

    @Override
    public String toString() {
        return "ScoringConfig[" + canonicalForm(Set.of(ScoreModel.values())) + "]";
    }

    /**
     * Builds a {@link ScoringConfig}. Every option may be set at most once; unset options keep
     * their defaults.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        private Duration rfmLookback;
        private Duration rfeLookback;
        private final Map<ScoreModel, Thresholds> thresholds = new EnumMap<>(ScoreModel.class);

        private Builder() {
        }

        /**
         * Sets the lookback of RFM and RFM_QUINTILE.
         *
         * @param lookback a positive duration
         * @return this builder
         * @throws NullPointerException if {@code lookback} is null
         * @throws IllegalArgumentException if {@code lookback} is zero or negative
         * @throws IllegalStateException if the RFM lookback was already set; the builder is
         *     unchanged
         */
        public Builder rfmLookback(Duration lookback) {
            checkLookback(lookback, "rfmLookback");
            if (rfmLookback != null) {
                throw new IllegalStateException(
                        "rfmLookback was already set to " + rfmLookback);
            }
            rfmLookback = lookback;
            return this;
        }

        /**
         * Sets the lookback of RFE.
         *
         * @param lookback a positive duration
         * @return this builder
         * @throws NullPointerException if {@code lookback} is null
         * @throws IllegalArgumentException if {@code lookback} is zero or negative
         * @throws IllegalStateException if the RFE lookback was already set; the builder is
         *     unchanged
         */
        public Builder rfeLookback(Duration lookback) {
            checkLookback(lookback, "rfeLookback");
            if (rfeLookback != null) {
                throw new IllegalStateException(
                        "rfeLookback was already set to " + rfeLookback);
            }
            rfeLookback = lookback;
            return this;
        }

        /**
         * Configures the thresholds of the model they name, replacing its data-derived scores.
         *
         * @param modelThresholds the thresholds
         * @return this builder
         * @throws NullPointerException if {@code modelThresholds} is null
         * @throws IllegalStateException if thresholds of that model were already set; the
         *     builder is unchanged
         */
        public Builder thresholds(Thresholds modelThresholds) {
            Objects.requireNonNull(modelThresholds, "modelThresholds");
            ScoreModel model = modelThresholds.model();
            if (thresholds.containsKey(model)) {
                throw new IllegalStateException("thresholds of model " + model
                        + " were already set to " + thresholds.get(model).canonicalForm());
            }
            thresholds.put(model, modelThresholds);
            return this;
        }

        /**
         * Builds the configuration. The builder may be used again afterwards.
         *
         * @return the configuration
         */
        public ScoringConfig build() {
            return new ScoringConfig(this);
        }

        private static void checkLookback(Duration lookback, String name) {
            Objects.requireNonNull(lookback, name);
            if (lookback.isZero() || lookback.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + lookback);
            }
        }
    }
}
