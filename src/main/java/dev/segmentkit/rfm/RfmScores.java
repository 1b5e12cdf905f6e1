package dev.segmentkit.rfm;

import dev.segmentkit.history.ScoreLookup;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The RFM, RFE and quintile RFM scores of one evaluation: per visitor, per model, per dimension,
 * with the groups (e.g. {@code "332"}), their distribution, the population sizes, and the
 * data-derived thresholds a host can suggest to its users.
 *
 * <p>Scores follow the README's "RFM and RFE" rules. Data-derived: with {@code n} the
 * population size, {@code below(v)} the number of members whose raw value is strictly lower (for
 * recency: strictly earlier), and {@code k} the model's highest score,
 * {@code score = 1 + floor(k * below(v) / n)}; equal values share a score. A model with
 * {@linkplain ScoringConfig#thresholds(ScoreModel) configured thresholds} is scored by them
 * instead. The result does not depend on the order the events came in.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RfmScores implements ScoreLookup {

    private static final Duration DAY = Duration.ofDays(1);

    private final ScoringConfig config;
    private final Instant asOf;
    private final Population rfm;
    private final Population rfe;
    private final Map<ScoreModel, byte[]> scores = new EnumMap<>(ScoreModel.class);
    private final Map<ScoreModel, Map<String, Long>> distributions =
            new EnumMap<>(ScoreModel.class);
    private final Map<ScoreModel, Thresholds> suggestions = new EnumMap<>(ScoreModel.class);

    /** One population's visitors, sorted by id, with their raw values. */
    private static final class Population {
        final String[] ids;
        final Instant[] recency;
        final long[] frequency;
        final BigDecimal[] value;

        Population(int n) {
            ids = new String[n];
            recency = new Instant[n];
            frequency = new long[n];
            value = new BigDecimal[n];
        }

        int indexOf(String visitor) {
            int i = Arrays.binarySearch(ids, visitor);
            return i < 0 ? -1 : i;
        }
    }

    private RfmScores(ScoringConfig config, Instant asOf, Population rfm, Population rfe) {
        this.config = config;
        this.asOf = asOf;
        this.rfm = rfm;
        this.rfe = rfe;
        for (ScoreModel model : ScoreModel.values()) {
            scoreModel(model);
        }
    }

    /** Computes the scores of the tallies a pass collected. */
    static RfmScores compute(ScoringConfig config, Instant asOf, Map<String, Tally> tallies) {
        List<String> rfmIds = new ArrayList<>();
        List<String> rfeIds = new ArrayList<>();
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            if (entry.getValue().orders > 0) {
                rfmIds.add(entry.getKey());
            }
            if (entry.getValue().sessionCount() > 0) {
                rfeIds.add(entry.getKey());
            }
        }
        Collections.sort(rfmIds);
        Collections.sort(rfeIds);
        Population rfm = new Population(rfmIds.size());
        for (int i = 0; i < rfmIds.size(); i++) {
            Tally tally = tallies.get(rfmIds.get(i));
            rfm.ids[i] = rfmIds.get(i);
            rfm.recency[i] = tally.lastOrder;
            rfm.frequency[i] = tally.orders;
            rfm.value[i] = tally.revenue;
        }
        Population rfe = new Population(rfeIds.size());
        for (int i = 0; i < rfeIds.size(); i++) {
            Tally tally = tallies.get(rfeIds.get(i));
            rfe.ids[i] = rfeIds.get(i);
            rfe.recency[i] = tally.lastEvent;
            rfe.frequency[i] = tally.sessionCount();
            rfe.value[i] = BigDecimal.valueOf(tally.pageViews);
        }
        return new RfmScores(config, asOf, rfm, rfe);
    }

    private Population population(ScoreModel model) {
        return model == ScoreModel.RFE ? rfe : rfm;
    }

    private void scoreModel(ScoreModel model) {
        Population pop = population(model);
        int n = pop.ids.length;
        int k = model.maxScore();
        Optional<Thresholds> configured = config.thresholds(model);
        byte[] out = new byte[n * 3];

        IndexComparator recencyOrder = (i, j) -> pop.recency[i].compareTo(pop.recency[j]);
        Integer[] byRecency = sortedIndices(n, recencyOrder);
        int[] derived = dataDerived(byRecency, recencyOrder, k);
        for (int i = 0; i < n; i++) {
            out[i * 3] = (byte) (configured.isPresent()
                    ? configured.get().scoreRecency(days(pop.recency[i])) : derived[i]);
        }
        List<Long> recencyCuts = new ArrayList<>(k - 1);
        for (int s = k; s >= 2; s--) {
            int p = firstAtLeast(byRecency, derived, s);
            recencyCuts.add(p >= 0 ? days(pop.recency[byRecency[p]])
                    : n == 0 ? 0 : Math.max(0, days(pop.recency[byRecency[n - 1]]) - 1));
        }

        IndexComparator frequencyOrder = (i, j) -> Long.compare(pop.frequency[i],
                pop.frequency[j]);
        Integer[] byFrequency = sortedIndices(n, frequencyOrder);
        derived = dataDerived(byFrequency, frequencyOrder, k);
        for (int i = 0; i < n; i++) {
            out[i * 3 + 1] = (byte) (configured.isPresent()
                    ? Thresholds.scoreValue(configured.get().frequency(),
                            BigDecimal.valueOf(pop.frequency[i]))
                    : derived[i]);
        }
        List<BigDecimal> frequencyCuts = new ArrayList<>(k - 1);
        for (int s = 2; s <= k; s++) {
            int p = firstAtLeast(byFrequency, derived, s);
            frequencyCuts.add(BigDecimal.valueOf(p >= 0 ? pop.frequency[byFrequency[p]]
                    : n == 0 ? 0 : pop.frequency[byFrequency[n - 1]] + 1));
        }

        IndexComparator valueOrder = (i, j) -> pop.value[i].compareTo(pop.value[j]);
        Integer[] byValue = sortedIndices(n, valueOrder);
        derived = dataDerived(byValue, valueOrder, k);
        for (int i = 0; i < n; i++) {
            out[i * 3 + 2] = (byte) (configured.isPresent()
                    ? Thresholds.scoreValue(configured.get().value(), pop.value[i])
                    : derived[i]);
        }
        List<BigDecimal> valueCuts = new ArrayList<>(k - 1);
        for (int s = 2; s <= k; s++) {
            int p = firstAtLeast(byValue, derived, s);
            valueCuts.add(p >= 0 ? pop.value[byValue[p]]
                    : n == 0 ? BigDecimal.ZERO
                    : pop.value[byValue[n - 1]].max(BigDecimal.ZERO).add(BigDecimal.ONE));
        }

        scores.put(model, out);
        if (n > 0) {
            suggestions.put(model, new Thresholds(model, recencyCuts, frequencyCuts,
                    clampNonNegative(valueCuts)));
        }
        Map<String, Long> distribution = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            distribution.merge(group(out, i), 1L, Long::sum);
        }
        distributions.put(model, Collections.unmodifiableMap(distribution));
    }

    private static List<BigDecimal> clampNonNegative(List<BigDecimal> cuts) {
        List<BigDecimal> out = new ArrayList<>(cuts.size());
        for (BigDecimal cut : cuts) {
            out.add(cut.max(BigDecimal.ZERO));
        }
        return out;
    }

    private long days(Instant recency) {
        return Duration.between(recency, asOf).dividedBy(DAY);
    }

    private interface IndexComparator {
        int compare(int i, int j);
    }

    private static Integer[] sortedIndices(int n, IndexComparator order) {
        Integer[] indices = new Integer[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        Arrays.sort(indices, (Comparator<Integer>) order::compare);
        return indices;
    }

    /** Scores every member from its rank: 1 + floor(k * below / n), ties sharing a score. */
    private static int[] dataDerived(Integer[] sorted, IndexComparator order, int k) {
        int n = sorted.length;
        int[] score = new int[n];
        int below = 0;
        for (int p = 0; p < n; p++) {
            if (p > 0 && order.compare(sorted[p - 1], sorted[p]) != 0) {
                below = p;
            }
            score[sorted[p]] = 1 + (int) ((long) k * below / n);
        }
        return score;
    }

    /** The first position in sorted order whose data-derived score is at least s, or -1. */
    private static int firstAtLeast(Integer[] sorted, int[] derived, int s) {
        for (int p = 0; p < sorted.length; p++) {
            if (derived[sorted[p]] >= s) {
                return p;
            }
        }
        return -1;
    }

    private static String group(byte[] out, int i) {
        return new String(new char[] {(char) ('0' + out[i * 3]), (char) ('0' + out[i * 3 + 1]),
            (char) ('0' + out[i * 3 + 2])});
    }

    /**
     * Returns a visitor's score in one dimension of a model.
     *
     * @param visitor the visitor id
     * @param model the model
     * @param dimension a dimension of the model
     * @return the score, 1 to {@code model.maxScore()}, or empty when the visitor is not in the
     *     model's population
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the model has no such dimension
     */
    @Override
    public OptionalInt score(String visitor, ScoreModel model, ScoreDimension dimension) {
        Objects.requireNonNull(visitor, "visitor");
        int column = column(model, dimension);
        int i = population(model).indexOf(visitor);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(scores.get(model)[i * 3 + column]);
    }

    /**
     * Returns a visitor's group in a model: the scores of its dimensions in the order R, F, then
     * M (RFM, RFM_QUINTILE) or E (RFE), e.g. {@code "332"}.
     *
     * @param visitor the visitor id
     * @param model the model
     * @return the group, or empty when the visitor is not in the model's population
     * @throws NullPointerException if an argument is null
     */
    public Optional<String> group(String visitor, ScoreModel model) {
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(model, "model");
        int i = population(model).indexOf(visitor);
        return i < 0 ? Optional.empty() : Optional.of(group(scores.get(model), i));
    }

    /**
     * Returns the raw values a visitor's scores in a model come from.
     *
     * @param visitor the visitor id
     * @param model the model
     * @return the raw values, or empty when the visitor is not in the model's population
     * @throws NullPointerException if an argument is null
     */
    public Optional<RawValues> rawValues(String visitor, ScoreModel model) {
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(model, "model");
        Population pop = population(model);
        int i = pop.indexOf(visitor);
        return i < 0 ? Optional.empty()
                : Optional.of(new RawValues(pop.recency[i], pop.frequency[i], pop.value[i]));
    }

    /**
     * Returns how many visitors of a model's population fall in each group.
     *
     * @param model the model
     * @return group to visitor count, ordered by group, only groups with members (immutable)
     * @throws NullPointerException if {@code model} is null
     */
    public Map<String, Long> distribution(ScoreModel model) {
        return distributions.get(Objects.requireNonNull(model, "model"));
    }

    /**
     * Returns the size of a model's population (RFM and RFM_QUINTILE share theirs).
     *
     * @param model the model
     * @return the number of visitors with a score in the model
     * @throws NullPointerException if {@code model} is null
     */
    public int populationSize(ScoreModel model) {
        return population(Objects.requireNonNull(model, "model")).ids.length;
    }

    /**
     * Returns the ids of a model's population.
     *
     * @param model the model
     * @return the visitor ids, sorted and unique (an immutable list)
     * @throws NullPointerException if {@code model} is null
     */
    public List<String> visitors(ScoreModel model) {
        return List.of(population(Objects.requireNonNull(model, "model")).ids);
    }

    /**
     * Returns the data-derived cut points of a model in the configured form, as suggestions a
     * host can show and adopt; computed from the data even when the model has configured
     * thresholds.
     *
     * <p>Frequency, monetary and engagement cut {@code c_s} (for each score {@code s} from 2 up)
     * is the lowest raw value that earns at least {@code s}; adopting them reproduces the
     * data-derived scores exactly. When nobody earns {@code s}, the cut is one above the highest
     * value. Recency cuts (from the best score down) are the most days since the latest activity
     * of a visitor earning at least that score; because they are rounded to whole days, a visitor
     * active on the same day as a cut may score higher once they are adopted. When nobody earns a
     * recency score, its cut is one day less than the most recent activity's (never below 0).
     *
     * @param model the model
     * @return the suggested thresholds, or empty when the model's population is empty
     * @throws NullPointerException if {@code model} is null
     */
    public Optional<Thresholds> suggestedThresholds(ScoreModel model) {
        return Optional.ofNullable(suggestions.get(Objects.requireNonNull(model, "model")));
    }

    /**
     * Returns the instant these scores were computed as of.
     *
     * @return the evaluation instant
     */
    public Instant asOf() {
        return asOf;
    }

    /**
     * Returns the configuration these scores were computed with.
     *
     * @return the configuration
     */
    public ScoringConfig config() {
        return config;
    }

    private static int column(ScoreModel model, ScoreDimension dimension) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dimension, "dimension");
        if (!model.has(dimension)) {
            throw new IllegalArgumentException("model " + model + " has no dimension "
                    + dimension);
        }
        switch (dimension) {
            case R:
                return 0;
            case F:
                return 1;
            default:
                return 2;
        }
    }
}
