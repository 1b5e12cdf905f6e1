package dev.segmentkit.source.history;

import dev.segmentkit.history.EvaluationListener;
import dev.segmentkit.history.Evaluation;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.history.ScoringPass;
import dev.segmentkit.history.SegmentEvaluator;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.RfmScoringPass;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.DefinitionCatalogs;
import dev.segmentkit.spi.InvalidDataException;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SourceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segment source whose members are computed from tracked data: the definitions come from one
 * or more catalogs (other segment sources, whose members are ignored, or suppliers of segment
 * lists), and an export evaluates the segment's definition over a {@link HistoricalData} as of a
 * fixed instant or the clock's current one, with a {@link SegmentEvaluator} (session timeout,
 * {@link HistoryPolicy}, optional scoring passes for {@code score} conditions).
 *
 * <p>Segment ids must be unique across catalogs: an id that two catalogs define makes
 * {@link #list()}, {@link #find(SegmentId)} and {@link #export(SegmentId)} fail with an
 * {@link InvalidDefinitionException} naming both.
 *
 * <p>Thread-safe: the source is immutable, catalogs are read on every call (so it reflects their
 * changes), and every export evaluates independently. Supplier catalogs must be thread-safe.
 */
public final class HistoricalSegmentSource implements SegmentSource {

    private static final Logger LOG = LoggerFactory.getLogger(HistoricalSegmentSource.class);

    private final HistoricalData data;
    private final DefinitionCatalogs catalogs;
    private final Instant fixedAsOf;
    private final Clock clock;
    private final SegmentEvaluator evaluator;

    private HistoricalSegmentSource(Builder b) {
        this.data = b.data;
        this.catalogs = b.catalogs.build();
        this.fixedAsOf = b.asOf;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.evaluator = b.evaluator.build();
    }

    /**
     * Returns a builder over the given data.
     *
     * @param data the tracked data
     * @return a new builder
     * @throws NullPointerException if {@code data} is null
     */
    public static Builder builder(HistoricalData data) {
        return new Builder(Objects.requireNonNull(data, "data"));
    }

    /**
     * Returns the evaluator this source uses (its timeout and policy).
     *
     * @return the evaluator
     */
    public SegmentEvaluator evaluator() {
        return evaluator;
    }

    /**
     * Returns the instant an evaluation started now refers to: the fixed as-of instant, or the
     * clock's current instant.
     *
     * @return the evaluation instant
     */
    public Instant asOf() {
        return fixedAsOf != null ? fixedAsOf : clock.instant();
    }

    @Override
    public List<SegmentSummary> list() {
        return catalogs.list();
    }

    @Override
    public Optional<Segment> find(SegmentId id) {
        return catalogs.find(id);
    }

    /**
     * Exports a segment: evaluates its definition over the data as of {@link #asOf()} (two reads
     * of the data) and streams the members sorted ascending and unique.
     *
     * @param id the segment id
     * @return the export, dated with the evaluation instant
     * @throws NullPointerException if {@code id} is null
     * @throws SegmentNotFoundException if no catalog has the segment
     * @throws InvalidDefinitionException if two catalogs define the id
     * @throws SourceUnavailableException if a catalog or the data cannot be read, or the data is
     *     malformed (the cause is then the {@link InvalidDataException} naming file and line)
     */
    @Override
    public SegmentExport export(SegmentId id) {
        Segment segment = find(id).orElseThrow(() -> new SegmentNotFoundException(id));
        Instant asOf = asOf();
        Evaluation evaluation = evaluate(asOf, Map.of(id, segment.definition()), id.toString());
        List<String> members = evaluation.members(id);
        LOG.debug("evaluated segment {} as of {}: {} of {} visitors", id, asOf, members.size(),
                evaluation.population());
        return SegmentExport.of(segment, asOf, members.stream());
    }

    /**
     * Evaluates every segment of every catalog in one evaluation (two reads of the data), as of
     * {@link #asOf()}.
     *
     * @return the members of every segment, by segment id
     * @throws InvalidDefinitionException if two catalogs define the same id
     * @throws SourceUnavailableException if a catalog or the data cannot be read, or the data is
     *     malformed (the cause is then the {@link InvalidDataException} naming file and line)
     */
    public Evaluation evaluateAll() {
        Map<SegmentId, SegmentDefinition> definitions = new LinkedHashMap<>();
        catalogs.segments().forEach((id, segment) -> definitions.put(id, segment.definition()));
        return evaluate(asOf(), definitions, "all segments");
    }

    private Evaluation evaluate(Instant asOf, Map<SegmentId, SegmentDefinition> definitions,
            String what) {
        try {
            return evaluator.evaluate(data, asOf, definitions);
        } catch (InvalidDataException e) {
            throw new SourceUnavailableException("cannot evaluate " + what + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "HistoricalSegmentSource[" + data.name() + ", " + catalogs + ", "
                + evaluator + "]";
    }

    /**
     * Configures a {@link HistoricalSegmentSource}. At least one catalog is required; each
     * option may be set once; a fixed as-of instant and a clock exclude each other (neither:
     * the system UTC clock). Not thread-safe.
     */
    public static final class Builder {
        private final HistoricalData data;
        private final DefinitionCatalogs.Builder catalogs = DefinitionCatalogs.builder();
        /** The evaluation options are the evaluator's own, checked by its builder. */
        private final SegmentEvaluator.Builder evaluator = SegmentEvaluator.builder();
        private Instant asOf;
        private Clock clock;

        private Builder(HistoricalData data) {
            this.data = data;
        }

        /**
         * Adds a catalog that is another segment source; only its definitions are used, its
         * members are ignored.
         *
         * @param catalog the source of definitions
         * @return this builder
         * @throws NullPointerException if {@code catalog} is null
         * @throws IllegalArgumentException if the same source was already added
         */
        public Builder catalog(SegmentSource catalog) {
            catalogs.add(catalog);
            return this;
        }

        /**
         * Adds a catalog given as a supplier of segments, called on every list, find and export
         * (so it may change between calls).
         *
         * @param name the catalog's name, used in messages
         * @param catalog supplies the segments; must be thread-safe
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or already used
         */
        public Builder catalog(String name, Supplier<? extends List<Segment>> catalog) {
            catalogs.add(name, catalog);
            return this;
        }

        /**
         * Evaluates as of a fixed instant.
         *
         * @param asOf the evaluation instant
         * @return this builder
         * @throws NullPointerException if {@code asOf} is null
         * @throws IllegalStateException if an instant or a clock was already set
         */
        public Builder asOf(Instant asOf) {
            Objects.requireNonNull(asOf, "asOf");
            requireNoInstant();
            this.asOf = asOf;
            return this;
        }

        /**
         * Evaluates as of the clock's current instant at each export.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         * @throws IllegalStateException if an instant or a clock was already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            requireNoInstant();
            this.clock = clock;
            return this;
        }

        private void requireNoInstant() {
            if (asOf != null || clock != null) {
                throw new IllegalStateException("the evaluation instant was already set ("
                        + (asOf != null ? "as of " + asOf : "clock " + clock)
                        + "); set either a fixed instant or a clock, once");
            }
        }

        /**
         * Sets the session timeout; default 30 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws IllegalStateException if the timeout was already set
         */
        public Builder sessionTimeout(Duration timeout) {
            evaluator.sessionTimeout(timeout);
            return this;
        }

        /**
         * Sets the policy for active visitors; default
         * {@link HistoryPolicy#EXCLUDE_OPEN_SESSION_EVENTS}.
         *
         * @param policy the policy
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         * @throws IllegalStateException if the policy was already set
         */
        public Builder policy(HistoryPolicy policy) {
            evaluator.policy(policy);
            return this;
        }

        /**
         * Adds a scoring computation (e.g. RFM) for {@code score} conditions; see
         * {@link SegmentEvaluator.Builder#scoring(Function)}; e.g.
         * {@code scoring(RfmScoringPass.factory(config))}.
         *
         * @param factory makes a fresh pass for the evaluation instant it is given; must be
         *     thread-safe
         * @return this builder
         * @throws NullPointerException if {@code factory} is null
         */
        public Builder scoring(Function<Instant, ? extends ScoringPass> factory) {
            evaluator.scoring(factory);
            return this;
        }

        /**
         * Sets the progress listener of evaluations; default none.
         *
         * @param listener the listener, called on the exporting thread
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         * @throws IllegalStateException if a listener was already set
         */
        public Builder listener(EvaluationListener listener) {
            evaluator.listener(listener);
            return this;
        }

        /**
         * Adds the predefined RFM/RFE catalog and the scoring pass its {@code score} conditions
         * need, both from one configuration, so that the segments' revisions and their scores
         * always agree; the same as {@code catalog("predefined", () ->
         * PredefinedCatalog.segments(config)).scoring(RfmScoringPass.factory(config))}.
         *
         * @param config the scoring configuration (lookbacks, thresholds)
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         * @throws IllegalArgumentException if the predefined catalog was already added
         */
        public Builder predefined(ScoringConfig config) {
            Objects.requireNonNull(config, "config");
            catalog("predefined", () -> PredefinedCatalog.segments(config));
            return scoring(RfmScoringPass.factory(config));
        }

        /**
         * Builds the source.
         *
         * @return the source
         * @throws IllegalStateException if no catalog was added
         */
        public HistoricalSegmentSource build() {
            if (catalogs.isEmpty()) {
                throw new IllegalStateException("a historical segment source needs at least "
                        + "one catalog of segment definitions");
            }
            return new HistoricalSegmentSource(this);
        }
    }
}
