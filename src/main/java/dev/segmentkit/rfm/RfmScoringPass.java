package dev.segmentkit.rfm;

import dev.segmentkit.history.ScoringPass;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The RFM and RFE scoring that rides along one evaluation pass: it is offered the counted
 * events, keeps a few fields per visitor, and {@linkplain #finish(Instant) finishes} into
 * {@link RfmScores}.
 *
 * <p>The lookback windows are relative to the evaluation instant, so a pass is created for one
 * instant ({@link #create(ScoringConfig, Instant)}, or {@link #factory(ScoringConfig)} for an
 * evaluator that creates one pass per evaluation). Events outside both windows, and events after
 * the instant, are ignored. Memory grows with the visitors active in the lookbacks and their
 * sessions in the RFE lookback, never with events.
 *
 * <p>Not thread-safe: one pass is fed from one thread.
 */
public final class RfmScoringPass implements ScoringPass {

    /** The event whose occurrences RFM counts. */
    public static final String ORDER = "order";
    /** The property of an order that holds its value. */
    public static final String REVENUE = "revenue";
    /** The event RFE's engagement counts (a page impression). */
    public static final String PAGE_VIEW = "page_view";

    private final ScoringConfig config;
    private final Instant asOf;
    private final Instant rfmStart;
    private final Instant rfeStart;
    private final Map<String, Tally> tallies = new HashMap<>();
    private boolean finished;
    private String lastVisitor;
    private Tally lastTally;

    private RfmScoringPass(ScoringConfig config, Instant asOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.rfmStart = asOf.minus(config.rfmLookback());
        this.rfeStart = asOf.minus(config.rfeLookback());
    }

    /**
     * Returns a new pass for an evaluation as of the given instant.
     *
     * @param config the scoring configuration
     * @param asOf the evaluation instant
     * @return the pass
     * @throws NullPointerException if an argument is null
     */
    public static RfmScoringPass create(ScoringConfig config, Instant asOf) {
        return new RfmScoringPass(config, asOf);
    }

    /**
     * Returns a factory of passes with the given configuration, one per evaluation instant, as an
     * evaluator takes it.
     *
     * @param config the scoring configuration
     * @return the factory
     * @throws NullPointerException if {@code config} is null
     */
    public static Function<Instant, RfmScoringPass> factory(ScoringConfig config) {
        Objects.requireNonNull(config, "config");
        return asOf -> new RfmScoringPass(config, asOf);
    }

    /**
     * Scores counted events in one call: creates a pass, offers every event, finishes.
     *
     * @param config the scoring configuration
     * @param asOf the evaluation instant
     * @param countedEvents the counted events (the historical rules already applied), any order
     * @return the scores
     * @throws NullPointerException if an argument or an event is null
     */
    public static RfmScores score(ScoringConfig config, Instant asOf,
            Iterable<TrackedEvent> countedEvents) {
        Objects.requireNonNull(countedEvents, "countedEvents");
        RfmScoringPass pass = create(config, asOf);
        for (TrackedEvent event : countedEvents) {
            pass.accept(event);
        }
        return pass.finish(asOf);
    }

    /**
     * Returns the instant this pass evaluates as of.
     *
     * @return the evaluation instant
     */
    public Instant asOf() {
        return asOf;
    }

    /**
     * Offers one counted event.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is null
     * @throws IllegalStateException if the pass is finished
     */
    @Override
    public void accept(TrackedEvent event) {
        Objects.requireNonNull(event, "event");
        if (finished) {
            throw new IllegalStateException("the scoring pass is finished");
        }
        Instant time = event.time();
        if (time.isAfter(asOf)) {
            return;
        }
        boolean inRfm = time.isAfter(rfmStart) && ORDER.equals(event.event());
        boolean inRfe = time.isAfter(rfeStart);
        if (!inRfm && !inRfe) {
            return;
        }
        Tally tally = lastTally;
        if (tally == null || !event.visitor().equals(lastVisitor)) {
            // events come grouped by visitor in most files: one lookup per run of them
            tally = tallies.computeIfAbsent(event.visitor(), v -> new Tally());
            lastVisitor = event.visitor();
            lastTally = tally;
        }
        if (inRfm) {
            Value revenue = event.properties().get(REVENUE);
            tally.order(time, revenue instanceof Value.Number
                    ? ((Value.Number) revenue).number() : BigDecimal.ZERO);
        }
        if (inRfe) {
            tally.activity(time, event.session(), PAGE_VIEW.equals(event.event()));
        }
    }

    /**
     * Ends the pass and computes the scores.
     *
     * @param asOf the evaluation instant, the one this pass was created for
     * @return the scores
     * @throws NullPointerException if {@code asOf} is null
     * @throws IllegalArgumentException if {@code asOf} is not the pass's instant
     * @throws IllegalStateException if the pass is already finished
     */
    @Override
    public RfmScores finish(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        if (!asOf.equals(this.asOf)) {
            throw new IllegalArgumentException("this scoring pass was created for " + this.asOf
                    + ", not " + asOf);
        }
        if (finished) {
            throw new IllegalStateException("the scoring pass is already finished");
        }
        finished = true;
        RfmScores scores = RfmScores.compute(config, asOf, tallies);
        tallies.clear();
        lastVisitor = null;
        lastTally = null;
        return scores;
    }
}
