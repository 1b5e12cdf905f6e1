package dev.segmentkit.history;

import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Computes segment membership from tracked data, as of an instant {@code T}, from completed
 * behaviour only.
 *
 * <p>The historical rule: events with {@code time > T} do not exist; a session (visitor,
 * session) is open when its latest event at or before {@code T} is later than
 * {@code T - timeout}, and every event of an open session is excluded, wherever it lies in time;
 * with {@link HistoryPolicy#EXCLUDE_ACTIVE_VISITORS} every event of a visitor with an open
 * session is excluded. The remaining events are the <em>counted</em> events; the population is
 * every visitor with at least one of them.
 *
 * <p>An evaluation reads the data twice: the first pass collects the open sessions (those with an
 * event in {@code (T - timeout, T]}, a small set), the second folds every counted event into
 * O(1) state per visitor and distinct condition leaf, for all definitions at once, and feeds the
 * {@link ScoringPass}es. Memory therefore grows with the number of visitors (and of open
 * sessions), never with the number of events. Sums are exact ({@link java.math.BigDecimal}).
 *
 * <p>Instances are immutable and thread-safe; concurrent evaluations are independent. The
 * scoring pass factories are called once per evaluation that has a {@code score} condition.
 */
public final class SegmentEvaluator {

    /** The default session timeout: 30 minutes. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);

    private final Duration sessionTimeout;
    private final HistoryPolicy policy;
    private final List<Function<Instant, ? extends ScoringPass>> scoring;
    private final EvaluationListener listener;

    private SegmentEvaluator(Builder builder) {
        this.sessionTimeout = builder.sessionTimeout == null ? DEFAULT_SESSION_TIMEOUT
                : builder.sessionTimeout;
        this.policy = builder.policy == null ? HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS
                : builder.policy;
        this.scoring = List.copyOf(builder.scoring);
        this.listener = builder.listener == null ? EvaluationListener.none() : builder.listener;
    }

    /**
     * Returns a builder; every option has a default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns an evaluator with the default timeout and policy, no scoring and no listener.
     *
     * @return the evaluator
     */
    public static SegmentEvaluator defaults() {
        return builder().build();
    }

    /**
     * Returns the session timeout.
     *
     * @return the timeout
     */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /**
     * Returns the policy for active visitors.
     *
     * @return the policy
     */
    public HistoryPolicy policy() {
        return policy;
    }

    /**
     * Evaluates one definition.
     *
     * @param data the tracked data
     * @param asOf the evaluation instant {@code T}
     * @param definition the definition
     * @return the members, sorted ascending in {@link String#compareTo} order and unique
     * @throws NullPointerException if an argument is null
     * @throws dev.segmentkit.spi.InvalidDataException if the data is malformed
     * @throws dev.segmentkit.spi.SourceUnavailableException if the data cannot be read
     * @throws IllegalStateException if a definition uses a {@code score} condition and no scoring
     *     pass is configured
     */
    public List<String> members(HistoricalData data, Instant asOf, SegmentDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        SegmentId id = SegmentId.of("definition");
        return evaluate(data, asOf, Map.of(id, definition)).members(id);
    }

    /**
     * Evaluates many definitions in one evaluation (two reads of the data, whatever their
     * number).
     *
     * @param data the tracked data
     * @param asOf the evaluation instant {@code T}
     * @param definitions the definitions, each under an id of the caller's choosing
     * @return the members of every definition and what the passes saw
     * @throws NullPointerException if an argument, key or definition is null
     * @throws dev.segmentkit.spi.InvalidDataException if the data is malformed; nothing is
     *     returned
     * @throws dev.segmentkit.spi.SourceUnavailableException if the data cannot be read
     * @throws IllegalStateException if a definition uses a {@code score} condition and no scoring
     *     pass is configured
     */
    public Evaluation evaluate(HistoricalData data, Instant asOf,
            Map<SegmentId, SegmentDefinition> definitions) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(definitions, "definitions");
        Plan plan = new Plan(asOf);
        Map<SegmentId, Plan.Node> roots = new LinkedHashMap<>();
        definitions.forEach((id, definition) -> roots.put(Objects.requireNonNull(id, "id"),
                plan.compile(Objects.requireNonNull(definition, "definition").condition())));
        OptionalLong size = data.sizeInBytes();

        // Pass 1: the sessions open at asOf are exactly those with an event in (T - S, T].
        Instant openAfter = asOf.minus(sessionTimeout);
        Set<SessionKey> open = new HashSet<>();
        Consumer<TrackedEvent> openSink = event -> {
            Instant time = event.time();
            if (time.isAfter(openAfter) && !time.isAfter(asOf)) {
                open.add(new SessionKey(event.visitor(), event.session()));
            }
        };
        ReadProgress openProgress = (lines, bytes) -> listener.progress(new EvaluationProgress(
                EvaluationProgress.Phase.OPEN_SESSIONS, data.name(), lines, bytes, size, 0,
                false));
        ReadReport first = data instanceof NdjsonHistory
                ? ((NdjsonHistory) data).readWindow(openAfter, asOf, openSink, openProgress)
                : data.read(openSink, openProgress);
        listener.progress(new EvaluationProgress(EvaluationProgress.Phase.OPEN_SESSIONS,
                data.name(), first.lines(), first.bytes(), size, 0, true));
        Set<String> active = new HashSet<>();
        open.forEach(key -> active.add(key.visitor()));

        // Pass 2: fold the counted events into per-visitor state.
        List<ScoringPass> passes = new ArrayList<>();
        if (plan.usesScores() && scoring.isEmpty()) {
            // without a pass every score condition would be silently false: refuse instead
            throw new IllegalStateException("a definition uses a score condition but no scoring "
                    + "pass is configured; add one, e.g. scoring(RfmScoringPass.factory(config))");
        }
        if (plan.usesScores()) {
            for (Function<Instant, ? extends ScoringPass> factory : scoring) {
                passes.add(Objects.requireNonNull(factory.apply(asOf), "scoring pass"));
            }
        }
        ScoringPass[] passArray = passes.toArray(new ScoringPass[0]);
        Map<String, Plan.State> states = new HashMap<>();
        Fold fold = new Fold();
        boolean wholeVisitors = policy == HistoryPolicy.EXCLUDE_ACTIVE_VISITORS;
        ReadReport second = data.read(event -> {
            if (event.time().isAfter(asOf)) {
                return;
            }
            String visitor = event.visitor();
            if (!visitor.equals(fold.visitor)) {
                fold.visitor = visitor;
                fold.active = active.contains(visitor);
                fold.state = null;
            }
            if (fold.active && (wholeVisitors
                    || open.contains(new SessionKey(visitor, event.session())))) {
                return;
            }
            fold.counted++;
            for (ScoringPass pass : passArray) {
                pass.accept(event);
            }
            Plan.State state = fold.state;
            if (state == null) {
                state = states.computeIfAbsent(visitor, v -> plan.newState());
                fold.state = state;
            }
            plan.apply(event, state);
        }, (lines, bytes) -> listener.progress(new EvaluationProgress(
                EvaluationProgress.Phase.EVALUATION, data.name(), lines, bytes, size,
                states.size(), false)));
        listener.progress(new EvaluationProgress(EvaluationProgress.Phase.EVALUATION,
                data.name(), second.lines(), second.bytes(), size, states.size(), true));
        long[] counted = {fold.counted};
        if (!wholeVisitors) {
            active.clear();
        }

        ScoreLookup scores = combine(passes, asOf);
        String[] visitors = states.keySet().toArray(new String[0]);
        Arrays.sort(visitors);
        SegmentId[] ids = roots.keySet().toArray(new SegmentId[0]);
        Plan.Node[] nodes = roots.values().toArray(new Plan.Node[0]);
        List<List<String>> lists = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            lists.add(new ArrayList<>());
        }
        VisitorScores memo = new VisitorScores(scores);
        for (String visitor : visitors) {
            Plan.State state = states.get(visitor);
            memo.visitor = visitor;
            memo.clear();
            for (int k = 0; k < nodes.length; k++) {
                if (nodes[k].test(visitor, state, memo)) {
                    lists.get(k).add(visitor);
                }
            }
        }
        Map<SegmentId, List<String>> members = new HashMap<>();
        for (int k = 0; k < ids.length; k++) {
            members.put(ids[k], lists.get(k));
        }
        return new Evaluation(asOf, members, visitors.length, counted[0], open.size(),
                active.size(), second);
    }

    private static ScoreLookup combine(List<ScoringPass> passes, Instant asOf) {
        if (passes.isEmpty()) {
            return ScoreLookup.none();
        }
        List<ScoreLookup> lookups = new ArrayList<>();
        for (ScoringPass pass : passes) {
            lookups.add(Objects.requireNonNull(pass.finish(asOf), "score lookup"));
        }
        return (String visitor, ScoreModel model, ScoreDimension dimension) -> {
            for (ScoreLookup lookup : lookups) {
                OptionalInt score = lookup.score(visitor, model, dimension);
                if (score.isPresent()) {
                    return score;
                }
            }
            return OptionalInt.empty();
        };
    }

    @Override
    public String toString() {
        return "SegmentEvaluator[timeout=" + sessionTimeout + ", policy=" + policy
                + ", scoring passes=" + scoring.size() + "]";
    }

    private record SessionKey(String visitor, String session) {
    }

    /**
     * Remembers the scores of one visitor while the definitions are tested on it, so that each
     * (model, dimension) is looked up once per visitor, not once per definition.
     */
    private static final class VisitorScores implements ScoreLookup {
        private static final int DIMENSIONS = ScoreDimension.values().length;
        private static final int UNKNOWN = Integer.MIN_VALUE;
        private static final int ABSENT = Integer.MIN_VALUE + 1;
        private final ScoreLookup scores;
        private final int[] known = new int[ScoreModel.values().length * DIMENSIONS];
        String visitor;

        VisitorScores(ScoreLookup scores) {
            this.scores = scores;
        }

        void clear() {
            Arrays.fill(known, UNKNOWN);
        }

        @Override
        public OptionalInt score(String visitor, ScoreModel model, ScoreDimension dimension) {
            if (!visitor.equals(this.visitor)) {
                return scores.score(visitor, model, dimension);
            }
            int i = model.ordinal() * DIMENSIONS + dimension.ordinal();
            int v = known[i];
            if (v == UNKNOWN) {
                OptionalInt score = scores.score(visitor, model, dimension);
                v = score.isPresent() ? score.getAsInt() : ABSENT;
                known[i] = v;
            }
            return v == ABSENT ? OptionalInt.empty() : OptionalInt.of(v);
        }
    }

    /** What the second pass remembers of the previous event's visitor (files group them). */
    private static final class Fold {
        String visitor;
        boolean active;
        Plan.State state;
        long counted;
    }

    /**
     * Configures a {@link SegmentEvaluator}. Each option may be set once (scoring passes may be
     * added several times). Not thread-safe.
     */
    public static final class Builder {
        private Duration sessionTimeout;
        private HistoryPolicy policy;
        private final List<Function<Instant, ? extends ScoringPass>> scoring = new ArrayList<>();
        private EvaluationListener listener;

        private Builder() {
        }

        /**
         * Sets the session timeout {@code S}; default 30 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws IllegalStateException if the timeout was already set
         */
        public Builder sessionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(
                        "session timeout must be positive, got " + timeout);
            }
            if (sessionTimeout != null) {
                throw new IllegalStateException("session timeout was already set to "
                        + sessionTimeout);
            }
            sessionTimeout = timeout;
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
            Objects.requireNonNull(policy, "policy");
            if (this.policy != null) {
                throw new IllegalStateException("policy was already set to " + this.policy);
            }
            this.policy = policy;
            return this;
        }

        /**
         * Adds a scoring computation, fed every counted event of an evaluation that has a
         * {@code score} condition. When several passes score a visitor in the same model, the
         * one added first wins.
         *
         * @param factory makes a fresh pass for the evaluation instant it is given, once per
         *     evaluation; must be thread-safe if the evaluator is shared
         * @return this builder
         * @throws NullPointerException if {@code factory} is null
         */
        public Builder scoring(Function<Instant, ? extends ScoringPass> factory) {
            scoring.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Sets the progress listener; default none.
         *
         * @param listener the listener, called on the evaluating thread
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         * @throws IllegalStateException if a listener was already set
         */
        public Builder listener(EvaluationListener listener) {
            Objects.requireNonNull(listener, "listener");
            if (this.listener != null) {
                throw new IllegalStateException("listener was already set");
            }
            this.listener = listener;
            return this;
        }

        /**
         * Builds the evaluator.
         *
         * @return the evaluator
         */
        public SegmentEvaluator build() {
            return new SegmentEvaluator(this);
        }
    }
}
