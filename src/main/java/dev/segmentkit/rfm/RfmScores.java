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
    /** Group codes: three score digits of 1 to 5, in base 6. */
    private static final int GROUPS = 6 * 6 * 6;

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
        private int[] belowRecency;
        private int[] belowFrequency;
        private int[] belowValue;

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

        int[] belowRecency() {
            if (belowRecency == null) {
                long[] keys = epochNanos(recency);
                belowRecency = keys != null ? belowFromKeys(keys)
                        : belowFromComparator(ids.length,
                                (i, j) -> recency[i].compareTo(recency[j]));
            }
            return belowRecency;
        }

        int[] belowFrequency() {
            if (belowFrequency == null) {
                belowFrequency = belowFromKeys(frequency);
            }
            return belowFrequency;
        }

        int[] belowValue() {
            if (belowValue == null) {
                long[] keys = scaledLongs(value);
                belowValue = keys != null ? belowFromKeys(keys)
                        : belowFromComparator(ids.length,
                                (i, j) -> value[i].compareTo(value[j]));
            }
            return belowValue;
        }

        /** Frees the ranks once the scores are computed; they are not needed afterwards. */
        void releaseRanks() {
            belowRecency = null;
            belowFrequency = null;
            belowValue = null;
        }

        Instant latestRecency() {
            Instant latest = recency[0];
            for (Instant r : recency) {
                latest = r.isAfter(latest) ? r : latest;
            }
            return latest;
        }

        long highestFrequency() {
            long highest = frequency[0];
            for (long f : frequency) {
                highest = Math.max(highest, f);
            }
            return highest;
        }

        BigDecimal highestValue() {
            BigDecimal highest = value[0];
            for (BigDecimal v : value) {
                highest = highest.max(v);
            }
            return highest;
        }

        /** Instants as nanoseconds since the epoch, or null when one does not fit a long. */
        private static long[] epochNanos(Instant[] times) {
            long[] keys = new long[times.length];
            try {
                for (int i = 0; i < times.length; i++) {
                    keys[i] = Math.addExact(Math.multiplyExact(times[i].getEpochSecond(),
                            1_000_000_000L), times[i].getNano());
                }
            } catch (ArithmeticException tooFar) {
                return null;
            }
            return keys;
        }

        /** Decimals as unscaled longs at one common scale, or null when one does not fit. */
        private static long[] scaledLongs(BigDecimal[] values) {
            int scale = 0;
            for (BigDecimal v : values) {
                scale = Math.max(scale, v.scale());
            }
            long[] keys = new long[values.length];
            try {
                for (int i = 0; i < values.length; i++) {
                    keys[i] = values[i].setScale(scale).unscaledValue().longValueExact();
                }
            } catch (ArithmeticException tooLarge) {
                return null;
            }
            return keys;
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
        rfm.releaseRanks();
        rfe.releaseRanks();
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
        List<Long> recencyCuts = new ArrayList<>(k - 1);
        List<BigDecimal> frequencyCuts = new ArrayList<>(k - 1);
        List<BigDecimal> valueCuts = new ArrayList<>(k - 1);
        int[][] below = {pop.belowRecency(), pop.belowFrequency(), pop.belowValue()};
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                out[i * 3 + d] = (byte) dataDerived(below[d][i], k, n);
            }
        }
        if (n > 0) {
            // suggestions: the extreme raw value among the members earning at least s
            for (int s = k; s >= 2; s--) {
                int earliest = -1;
                for (int i = 0; i < n; i++) {
                    if (out[i * 3] >= s && (earliest < 0
                            || pop.recency[i].isBefore(pop.recency[earliest]))) {
                        earliest = i;
                    }
                }
                recencyCuts.add(earliest >= 0 ? days(pop.recency[earliest])
                        : Math.max(0, days(pop.latestRecency()) - 1));
            }
            for (int s = 2; s <= k; s++) {
                int lowestF = -1;
                int lowestV = -1;
                for (int i = 0; i < n; i++) {
                    if (out[i * 3 + 1] >= s && (lowestF < 0
                            || pop.frequency[i] < pop.frequency[lowestF])) {
                        lowestF = i;
                    }
                    if (out[i * 3 + 2] >= s && (lowestV < 0
                            || pop.value[i].compareTo(pop.value[lowestV]) < 0)) {
                        lowestV = i;
                    }
                }
                frequencyCuts.add(BigDecimal.valueOf(lowestF >= 0 ? pop.frequency[lowestF]
                        : pop.highestFrequency() + 1));
                valueCuts.add((lowestV >= 0 ? pop.value[lowestV]
                        : pop.highestValue().add(BigDecimal.ONE)).max(BigDecimal.ZERO));
            }
            suggestions.put(model, new Thresholds(model, recencyCuts, frequencyCuts,
                    valueCuts));
        }
        if (configured.isPresent()) {
            Thresholds t = configured.get();
            for (int i = 0; i < n; i++) {
                out[i * 3] = (byte) t.scoreRecency(days(pop.recency[i]));
                out[i * 3 + 1] = (byte) Thresholds.scoreValue(t.frequency(),
                        BigDecimal.valueOf(pop.frequency[i]));
                out[i * 3 + 2] = (byte) Thresholds.scoreValue(t.value(), pop.value[i]);
            }
        }
        scores.put(model, out);
        long[] counts = new long[GROUPS];
        for (int i = 0; i < n; i++) {
            counts[(out[i * 3] * 6 + out[i * 3 + 1]) * 6 + out[i * 3 + 2]]++;
        }
        Map<String, Long> distribution = new TreeMap<>();
        for (int code = 0; code < GROUPS; code++) {
            if (counts[code] > 0) {
                distribution.put("" + code / 36 + code / 6 % 6 + code % 6, counts[code]);
            }
        }
        distributions.put(model, Collections.unmodifiableMap(distribution));
    }

    /** The data-derived score: 1 + floor(k * below / n). */
    private static int dataDerived(int below, int k, int n) {
        return 1 + (int) ((long) k * below / n);
    }

    private long days(Instant recency) {
        return Duration.between(recency, asOf).dividedBy(DAY);
    }

    /** Compares two members of a population by one raw value. */
    private interface IndexComparator {
        int compare(int i, int j);
    }

    /**
     * For each member, the number of members with a strictly lower key, from a sorted copy of
     * primitive keys.
     */
    static int[] belowFromKeys(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int[] below = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < keys[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            below[i] = lo;
        }
        return below;
    }

    /** The same as {@link #belowFromKeys}, by sorting indices with a comparator. */
    static int[] belowFromComparator(int n, IndexComparator order) {
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = i;
        }
        Arrays.sort(sorted, (a, b) -> order.compare(a, b));
        int[] below = new int[n];
        int runStart = 0;
        for (int p = 0; p < n; p++) {
            if (p > 0 && order.compare(sorted[p - 1], sorted[p]) != 0) {
                runStart = p;
            }
            below[sorted[p]] = runStart;
        }
        return below;
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
