package dev.segmentkit.history;

import static dev.segmentkit.history.Histories.S;
import static dev.segmentkit.history.Histories.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Compares the evaluator with a naive reference implementation, written here from the rules in
 * the README, on random small histories and random condition trees.
 */
class EvaluatorPropertyTest {

    private static final List<Value> VALUES = List.of(Value.of(0), Value.of(2),
            Value.of(new BigDecimal("1.5")), Value.of(new BigDecimal("2.0")), Value.of("2"),
            Value.of(true), Value.of("shoes"), Value.of("shirts"), Value.of("sh"));
    private static final List<String> PROPERTIES = List.of("revenue", "category", "missing");

    @Property(tries = 400)
    void evaluatorAgreesWithTheReference(@ForAll("histories") List<TrackedEvent> events,
            @ForAll("conditionLists") List<Condition> conditions,
            @ForAll HistoryPolicy policy) {
        SegmentEvaluator evaluator = SegmentEvaluator.builder().policy(policy)
                .scoring(asOf -> new FrequencyPass()).build();
        Map<SegmentId, SegmentDefinition> definitions = new LinkedHashMap<>();
        for (int i = 0; i < conditions.size(); i++) {
            definitions.put(SegmentId.of("d" + i), SegmentDefinition.of(conditions.get(i)));
        }

        Evaluation evaluation = evaluator.evaluate(HistoricalData.of("random", events), T,
                definitions);

        Reference reference = new Reference(events, policy);
        for (int i = 0; i < conditions.size(); i++) {
            assertThat(evaluation.members(SegmentId.of("d" + i)))
                    .as("definition %s", conditions.get(i))
                    .isEqualTo(reference.members(conditions.get(i)));
        }
        assertThat(evaluation.population()).isEqualTo(reference.population.size());
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<TrackedEvent>> histories() {
        Arbitrary<String> visitor = Arbitraries.of("a", "b", "c", "ü", "日");
        Arbitrary<String> session = Arbitraries.of("s1", "s2", "s3");
        Arbitrary<Instant> time = Arbitraries.oneOf(
                Arbitraries.of(T, T.minus(S), T.minus(S).plusSeconds(1), T.minusSeconds(1),
                        T.plusSeconds(1), T.minus(Duration.ofHours(1))),
                Arbitraries.integers().between(-26 * 60, 30).map(m -> T.plusSeconds(60L * m)));
        Arbitrary<String> name = Arbitraries.of("page_view", "add_to_cart", "order");
        Arbitrary<Value> value = Arbitraries.of(VALUES).injectNull(0.4);
        Arbitrary<Map<String, Value>> properties = Combinators.combine(value, value)
                .as((revenue, category) -> {
                    Map<String, Value> map = new HashMap<>();
                    if (revenue != null) {
                        map.put("revenue", revenue);
                    }
                    if (category != null) {
                        map.put("category", category);
                    }
                    return map;
                });
        return Combinators.combine(visitor, session, time, name, properties)
                .as(TrackedEvent::new).list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Condition>> conditionLists() {
        return condition(3).list().ofMinSize(1).ofMaxSize(4);
    }

    private Arbitrary<Condition> condition(int depth) {
        Arbitrary<Condition> leaf = Arbitraries.oneOf(performed(), abandoned(), attribute(),
                score());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Condition> inner = Arbitraries.lazy(() -> condition(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf),
                net.jqwik.api.Tuple.of(1, inner.map(Condition::not)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3)
                        .map(Condition.AllOf::new)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3)
                        .map(Condition.AnyOf::new)));
    }

    private Arbitrary<TimeWindow> windows() {
        return Arbitraries.of(TimeWindow.ever(), TimeWindow.last(Duration.ofMinutes(30)),
                TimeWindow.last(Duration.ofHours(2)), TimeWindow.last(Duration.ofDays(1)),
                TimeWindow.between(T.minus(Duration.ofHours(3)), T.minus(Duration.ofMinutes(45))),
                TimeWindow.between(T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(1))));
    }

    private Arbitrary<PropertyPredicate> predicates() {
        Arbitrary<String> property = Arbitraries.of(PROPERTIES);
        Arbitrary<Operator> operator = Arbitraries.of(Operator.class);
        Arbitrary<Value> value = Arbitraries.of(VALUES);
        Arbitrary<Value> text = Arbitraries.of(Value.of("sh"), Value.of("shoes"), Value.of("2"),
                Value.of("x"));
        return Combinators.combine(property, operator, value, value, text)
                .as((p, op, v1, v2, t) -> {
                    switch (op) {
                        case EXISTS:
                            return new PropertyPredicate(p, op, List.of());
                        case IN:
                            return new PropertyPredicate(p, op, List.of(v1, v2));
                        case CONTAINS:
                        case STARTS_WITH:
                            return new PropertyPredicate(p, op, List.of(t));
                        default:
                            return new PropertyPredicate(p, op, List.of(v1));
                    }
                });
    }

    private Arbitrary<EventFilter> filters() {
        return Combinators.combine(Arbitraries.of("page_view", "add_to_cart", "order"),
                predicates().list().ofMaxSize(1)).as(EventFilter::new);
    }

    private Arbitrary<Condition> performed() {
        Arbitrary<Aggregate> aggregate = Arbitraries.of(Aggregate.count(),
                Aggregate.sum("revenue"), Aggregate.sum("category"));
        Arbitrary<Operator> comparison = Arbitraries.of(Operator.EQ, Operator.NE, Operator.GT,
                Operator.GTE, Operator.LT, Operator.LTE);
        Arbitrary<BigDecimal> threshold = Arbitraries.of(BigDecimal.ZERO, BigDecimal.ONE,
                new BigDecimal("2"), new BigDecimal("1.5"), new BigDecimal("3.5"));
        return Combinators.combine(filters(), aggregate, comparison, threshold, windows())
                .as(Condition.Performed::new);
    }

    private Arbitrary<Condition> abandoned() {
        return Combinators.combine(filters(), filters(), windows()).as(Condition.Abandoned::new);
    }

    private Arbitrary<Condition> attribute() {
        return predicates().map(Condition.Attribute::new);
    }

    private Arbitrary<Condition> score() {
        return Combinators.combine(Arbitraries.of(ScoreModel.RFM, ScoreModel.RFE),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2))
                .as((model, min, span) -> new Condition.Score(model, ScoreDimension.R, min,
                        Math.min(3, min + span)));
    }

    /** Scores R in RFM only: 1 + (number of counted events mod 3). */
    static final class FrequencyPass implements ScoringPass {
        private final Map<String, Integer> counts = new HashMap<>();

        @Override
        public void accept(TrackedEvent event) {
            counts.merge(event.visitor(), 1, Integer::sum);
        }

        @Override
        public ScoreLookup finish(Instant asOf) {
            Map<String, Integer> copy = Map.copyOf(counts);
            return (visitor, model, dimension) -> model == ScoreModel.RFM
                    && dimension == ScoreDimension.R && copy.containsKey(visitor)
                    ? OptionalInt.of(1 + copy.get(visitor) % 3) : OptionalInt.empty();
        }
    }

    // ---- the naive reference ----

    /** Materializes the counted events and evaluates each condition directly on them. */
    static final class Reference {
        private final List<TrackedEvent> counted = new ArrayList<>();
        private final List<Integer> lineOf = new ArrayList<>();
        final Set<String> population = new TreeSet<>();

        Reference(List<TrackedEvent> events, HistoryPolicy policy) {
            Map<List<String>, Instant> latest = new HashMap<>();
            for (TrackedEvent e : events) {
                if (e.time().compareTo(T) <= 0) {
                    latest.merge(List.of(e.visitor(), e.session()), e.time(),
                            (x, y) -> x.compareTo(y) >= 0 ? x : y);
                }
            }
            Set<List<String>> openSessions = new HashSet<>();
            Set<String> activeVisitors = new HashSet<>();
            latest.forEach((key, time) -> {
                if (time.compareTo(T.minus(S)) > 0) {
                    openSessions.add(key);
                    activeVisitors.add(key.get(0));
                }
            });
            for (int line = 0; line < events.size(); line++) {
                TrackedEvent e = events.get(line);
                boolean exists = e.time().compareTo(T) <= 0;
                boolean excluded = policy == HistoryPolicy.EXCLUDE_ACTIVE_VISITORS
                        ? activeVisitors.contains(e.visitor())
                        : openSessions.contains(List.of(e.visitor(), e.session()));
                if (exists && !excluded) {
                    counted.add(e);
                    lineOf.add(line);
                    population.add(e.visitor());
                }
            }
        }

        List<String> members(Condition condition) {
            FrequencyPass pass = new FrequencyPass();
            counted.forEach(pass::accept);
            ScoreLookup scores = pass.finish(T);
            List<String> out = new ArrayList<>();
            for (String visitor : population) {
                if (holds(condition, visitor, scores)) {
                    out.add(visitor);
                }
            }
            return out;
        }

        private List<Integer> of(String visitor) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < counted.size(); i++) {
                if (counted.get(i).visitor().equals(visitor)) {
                    indexes.add(i);
                }
            }
            return indexes;
        }

        private boolean holds(Condition c, String visitor, ScoreLookup scores) {
            if (c instanceof Condition.AllOf) {
                return ((Condition.AllOf) c).conditions().stream()
                        .allMatch(x -> holds(x, visitor, scores));
            }
            if (c instanceof Condition.AnyOf) {
                return ((Condition.AnyOf) c).conditions().stream()
                        .anyMatch(x -> holds(x, visitor, scores));
            }
            if (c instanceof Condition.Not) {
                return !holds(((Condition.Not) c).condition(), visitor, scores);
            }
            if (c instanceof Condition.Performed) {
                Condition.Performed p = (Condition.Performed) c;
                BigDecimal total = BigDecimal.ZERO;
                for (int i : of(visitor)) {
                    TrackedEvent e = counted.get(i);
                    if (matches(p.event(), e) && inWindow(p.window(), e.time())) {
                        if (p.aggregate().function() == Aggregate.Function.COUNT) {
                            total = total.add(BigDecimal.ONE);
                        } else {
                            Value v = e.properties().get(p.aggregate().property().get());
                            if (v instanceof Value.Number) {
                                total = total.add(((Value.Number) v).number());
                            }
                        }
                    }
                }
                int cmp = total.compareTo(p.threshold());
                switch (p.operator()) {
                    case EQ: return cmp == 0;
                    case NE: return cmp != 0;
                    case GT: return cmp > 0;
                    case GTE: return cmp >= 0;
                    case LT: return cmp < 0;
                    default: return cmp <= 0;
                }
            }
            if (c instanceof Condition.Abandoned) {
                Condition.Abandoned a = (Condition.Abandoned) c;
                for (int i : of(visitor)) {
                    TrackedEvent start = counted.get(i);
                    if (!matches(a.start(), start) || !inWindow(a.window(), start.time())) {
                        continue;
                    }
                    boolean completed = false;
                    for (int j : of(visitor)) {
                        TrackedEvent done = counted.get(j);
                        if (matches(a.completion(), done)
                                && done.time().compareTo(start.time()) >= 0) {
                            completed = true;
                        }
                    }
                    if (!completed) {
                        return true;
                    }
                }
                return false;
            }
            if (c instanceof Condition.Attribute) {
                PropertyPredicate predicate = ((Condition.Attribute) c).predicate();
                Value latest = null;
                Instant latestTime = null;
                int latestLine = -1;
                for (int i : of(visitor)) {
                    TrackedEvent e = counted.get(i);
                    Value v = e.properties().get(predicate.property());
                    if (v == null) {
                        continue;
                    }
                    int cmp = latestTime == null ? 1 : e.time().compareTo(latestTime);
                    if (cmp > 0 || (cmp == 0 && lineOf.get(i) > latestLine)) {
                        latest = v;
                        latestTime = e.time();
                        latestLine = lineOf.get(i);
                    }
                }
                return test(predicate, latest);
            }
            Condition.Score s = (Condition.Score) c;
            OptionalInt score = scores.score(visitor, s.model(), s.dimension());
            return score.isPresent() && s.min() <= score.getAsInt()
                    && score.getAsInt() <= s.max();
        }

        private static boolean inWindow(TimeWindow window, Instant time) {
            if (window instanceof TimeWindow.Last) {
                Duration d = ((TimeWindow.Last) window).duration();
                return time.compareTo(T) <= 0 && time.compareTo(T.minus(d)) > 0;
            }
            if (window instanceof TimeWindow.Between) {
                TimeWindow.Between b = (TimeWindow.Between) window;
                return time.compareTo(T) <= 0 && time.compareTo(b.from()) >= 0
                        && time.compareTo(b.to()) < 0;
            }
            return time.compareTo(T) <= 0;
        }

        private static boolean matches(EventFilter filter, TrackedEvent e) {
            return e.event().equals(filter.name()) && filter.where().stream()
                    .allMatch(p -> test(p, e.properties().get(p.property())));
        }

        private static Object plain(Value v) {
            if (v instanceof Value.Number) {
                return ((Value.Number) v).number().stripTrailingZeros();
            }
            return v instanceof Value.Text ? ((Value.Text) v).text() : ((Value.Bool) v).bool();
        }

        private static boolean same(Value a, Value b) {
            Object x = plain(a);
            Object y = plain(b);
            if (x instanceof BigDecimal && y instanceof BigDecimal) {
                return ((BigDecimal) x).compareTo((BigDecimal) y) == 0;
            }
            return x.getClass() == y.getClass() && x.equals(y);
        }

        private static boolean test(PropertyPredicate p, Value actual) {
            if (actual == null) {
                return false;
            }
            List<Value> ops = p.operands();
            Object x = plain(actual);
            switch (p.operator()) {
                case EXISTS: return true;
                case EQ: return same(actual, ops.get(0));
                case NE: return !same(actual, ops.get(0));
                case IN: return ops.stream().anyMatch(o -> same(actual, o));
                case CONTAINS:
                    return x instanceof String && ((String) x).contains((String) plain(ops.get(0)));
                case STARTS_WITH:
                    return x instanceof String
                            && ((String) x).startsWith((String) plain(ops.get(0)));
                default:
                    Object y = plain(ops.get(0));
                    if (!(x instanceof BigDecimal) || !(y instanceof BigDecimal)) {
                        return false;
                    }
                    int cmp = ((BigDecimal) x).compareTo((BigDecimal) y);
                    switch (p.operator()) {
                        case GT: return cmp > 0;
                        case GTE: return cmp >= 0;
                        case LT: return cmp < 0;
                        default: return cmp <= 0;
                    }
            }
        }
    }
}
