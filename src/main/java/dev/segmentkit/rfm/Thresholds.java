package dev.segmentkit.rfm;

import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configured cut points of one scoring model, in the form Mapp lets an account configure them.
 * They replace the data-derived scores of that model.
 *
 * <p>With {@code k} the model's {@linkplain ScoreModel#maxScore() highest score}, every list holds
 * {@code k - 1} cut points in non-decreasing order. For RFM and RFE ({@code k = 3}):
 * <ul>
 *   <li>recency {@code [a, b]} in whole days since the latest activity,
 *       {@code floor((T - R) / 24h)}: score 3 when {@code days <= a}, 2 when {@code days <= b},
 *       else 1;
 *   <li>frequency, monetary value, engagement {@code [c, d]}: score 1 when {@code v < c}, 2 when
 *       {@code v < d}, else 3.
 * </ul>
 * For RFM_QUINTILE ({@code k = 5}) the same rules extend to four cut points: the recency score is
 * {@code 1 +} the number of cut points {@code a_i} with {@code days <= a_i}, any other score is
 * {@code 1 +} the number of cut points {@code c_i} with {@code v >= c_i}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param model the model these thresholds score
 * @param recencyDays the recency cut points in whole days, non-negative and non-decreasing, the
 *     one of the best score first (an immutable copy)
 * @param frequency the frequency cut points, non-negative and non-decreasing (an immutable
 *     copy, trailing zeros of the fraction stripped)
 * @param value the cut points of the model's third dimension: monetary value for RFM and
 *     RFM_QUINTILE, engagement (page impressions) for RFE; non-negative and non-decreasing (an
 *     immutable copy, trailing zeros of the fraction stripped)
 */
public record Thresholds(ScoreModel model, List<Long> recencyDays, List<BigDecimal> frequency,
        List<BigDecimal> value) {

    /**
     * Validates and copies the cut points.
     *
     * @param model the model these thresholds score
     * @param recencyDays the recency cut points in whole days, the best score's first
     * @param frequency the frequency cut points
     * @param value the monetary (RFM, RFM_QUINTILE) or engagement (RFE) cut points
     * @throws NullPointerException if a component or a cut point is null
     * @throws IllegalArgumentException if a list does not hold {@code model.maxScore() - 1} cut
     *     points, or a cut point is negative, or a list decreases
     */
    public Thresholds {
        Objects.requireNonNull(model, "model");
        recencyDays = List.copyOf(Objects.requireNonNull(recencyDays, "recencyDays"));
        frequency = normalize(Objects.requireNonNull(frequency, "frequency"));
        value = normalize(Objects.requireNonNull(value, "value"));
        int expected = model.maxScore() - 1;
        String third = thirdDimension(model) == ScoreDimension.M ? "monetary" : "engagement";
        checkSize(model, "recency", recencyDays, expected);
        checkSize(model, "frequency", frequency, expected);
        checkSize(model, third, value, expected);
        for (int i = 0; i < recencyDays.size(); i++) {
            if (recencyDays.get(i) < 0) {
                throw new IllegalArgumentException(model + " recency threshold must not be "
                        + "negative, got " + recencyDays);
            }
            if (i > 0 && recencyDays.get(i - 1) > recencyDays.get(i)) {
                throw new IllegalArgumentException(model + " recency thresholds must be "
                        + "non-decreasing (a <= b: the best score needs the most recent "
                        + "activity), got " + recencyDays);
            }
        }
        checkCuts(model, "frequency", frequency);
        checkCuts(model, third, value);
    }

    /**
     * Returns RFM thresholds in Mapp's form.
     *
     * @param recencyA days since the latest order up to which recency scores 3
     * @param recencyB days since the latest order up to which recency scores 2
     * @param frequencyC the number of orders from which frequency scores 2
     * @param frequencyD the number of orders from which frequency scores 3
     * @param monetaryC the revenue from which monetary value scores 2
     * @param monetaryD the revenue from which monetary value scores 3
     * @return the thresholds
     * @throws NullPointerException if a monetary cut point is null
     * @throws IllegalArgumentException if a value is negative, {@code recencyA > recencyB},
     *     {@code frequencyC > frequencyD} or {@code monetaryC > monetaryD}
     */
    public static Thresholds rfm(long recencyA, long recencyB, long frequencyC, long frequencyD,
            BigDecimal monetaryC, BigDecimal monetaryD) {
        Objects.requireNonNull(monetaryC, "monetaryC");
        Objects.requireNonNull(monetaryD, "monetaryD");
        return new Thresholds(ScoreModel.RFM, List.of(recencyA, recencyB),
                List.of(BigDecimal.valueOf(frequencyC), BigDecimal.valueOf(frequencyD)),
                List.of(monetaryC, monetaryD));
    }

    /**
     * Returns RFE thresholds in Mapp's form.
     *
     * @param recencyA days since the latest activity up to which recency scores 3
     * @param recencyB days since the latest activity up to which recency scores 2
     * @param frequencyC the number of sessions from which frequency scores 2
     * @param frequencyD the number of sessions from which frequency scores 3
     * @param engagementC the number of page impressions from which engagement scores 2
     * @param engagementD the number of page impressions from which engagement scores 3
     * @return the thresholds
     * @throws IllegalArgumentException if a value is negative, {@code recencyA > recencyB},
     *     {@code frequencyC > frequencyD} or {@code engagementC > engagementD}
     */
    public static Thresholds rfe(long recencyA, long recencyB, long frequencyC, long frequencyD,
            long engagementC, long engagementD) {
        return new Thresholds(ScoreModel.RFE, List.of(recencyA, recencyB),
                List.of(BigDecimal.valueOf(frequencyC), BigDecimal.valueOf(frequencyD)),
                List.of(BigDecimal.valueOf(engagementC), BigDecimal.valueOf(engagementD)));
    }

    /**
     * Returns the cut points of a non-recency dimension of this model.
     *
     * @param dimension {@link ScoreDimension#F}, or the model's third dimension ({@code M} or
     *     {@code E})
     * @return the cut points
     * @throws NullPointerException if {@code dimension} is null
     * @throws IllegalArgumentException if the dimension is recency or not in the model
     */
    public List<BigDecimal> cuts(ScoreDimension dimension) {
        Objects.requireNonNull(dimension, "dimension");
        if (dimension == ScoreDimension.F) {
            return frequency;
        }
        if (dimension == thirdDimension(model)) {
            return value;
        }
        throw new IllegalArgumentException("model " + model + " has no value cut points for "
                + "dimension " + dimension + " (recency uses recencyDays)");
    }

    /**
     * Scores a recency, given in whole days since the latest activity.
     *
     * @param days the whole days, not negative
     * @return the score, 1 to {@code model.maxScore()}
     */
    int scoreRecency(long days) {
        int score = 1;
        for (long cut : recencyDays) {
            if (days <= cut) {
                score++;
            }
        }
        return score;
    }

    /**
     * Scores a frequency, monetary or engagement value against the given cut points.
     *
     * @param cuts the cut points
     * @param v the raw value
     * @return the score, 1 to {@code model.maxScore()}
     */
    static int scoreValue(List<BigDecimal> cuts, BigDecimal v) {
        int score = 1;
        for (BigDecimal cut : cuts) {
            if (v.compareTo(cut) >= 0) {
                score++;
            }
        }
        return score;
    }

    /** Renders these thresholds for the scoring configuration's canonical form. */
    String canonicalForm() {
        return "R" + recencyDays + "F" + plain(frequency) + thirdDimension(model) + plain(value);
    }

    static ScoreDimension thirdDimension(ScoreModel model) {
        return model == ScoreModel.RFE ? ScoreDimension.E : ScoreDimension.M;
    }

    private static List<String> plain(List<BigDecimal> values) {
        List<String> out = new ArrayList<>(values.size());
        for (BigDecimal v : values) {
            out.add(v.toPlainString());
        }
        return out;
    }

    private static List<BigDecimal> normalize(List<BigDecimal> values) {
        List<BigDecimal> out = new ArrayList<>(values.size());
        for (BigDecimal v : values) {
            Objects.requireNonNull(v, "cut point");
            BigDecimal stripped = v.stripTrailingZeros();
            out.add(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
        }
        return List.copyOf(out);
    }

    private static void checkSize(ScoreModel model, String name, List<?> values, int expected) {
        if (values.size() != expected) {
            throw new IllegalArgumentException(model + " " + name + " thresholds need "
                    + expected + " cut points (the model scores 1 to " + model.maxScore()
                    + "), got " + values.size());
        }
    }

    private static void checkCuts(ScoreModel model, String name, List<BigDecimal> cuts) {
        for (int i = 0; i < cuts.size(); i++) {
            if (cuts.get(i).signum() < 0) {
                throw new IllegalArgumentException(model + " " + name + " threshold must not be "
                        + "negative, got " + plain(cuts));
            }
            if (i > 0 && cuts.get(i - 1).compareTo(cuts.get(i)) > 0) {
                throw new IllegalArgumentException(model + " " + name + " thresholds must be "
                        + "non-decreasing (c <= d), got " + plain(cuts));
            }
        }
    }
}
