package dev.segmentkit.sql;

import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.rfm.Thresholds;
import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random histories and definitions for the equivalence tests: small alphabets so that
 * conditions often hold and often fail, instants on the boundaries that matter (as-of, the
 * session timeout, window and lookback edges), ties in time (the line decides), numbers that are
 * equal in value but not in scale, strings that look like numbers, visitors whose ids order
 * differently in UTF-16 and in code points.
 */
final class RandomCases {

    static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration S = Duration.ofMinutes(30);

    static final List<String> VISITORS = List.of("a", "b", "c", "d", "ü", "日",
            "\uFF21x", "\uD83D\uDE00", "\uD83D\uDE00\uFF21", "\uFF21");
    private static final List<String> EVENTS = List.of("page_view", "add_to_cart", "order");
    private static final List<Value> VALUES = List.of(Value.of(0), Value.of(2),
            Value.of(new BigDecimal("1.5")), Value.of(new BigDecimal("2.0")),
            Value.of(new BigDecimal("59.90")), Value.of("2"), Value.of(true), Value.of(false),
            Value.of("shoes"), Value.of("shirts"), Value.of("sh"), Value.of(""),
            Value.of("it's \"quoted\""));
    private static final List<String> PROPERTIES = List.of("revenue", "category", "missing");

    private final Random random;

    RandomCases(long seed) {
        this.random = new Random(seed);
    }

    private <X> X pick(List<X> values) {
        return values.get(random.nextInt(values.size()));
    }

    List<TrackedEvent> history() {
        int n = random.nextInt(40);
        List<Instant> special = List.of(T, T.minus(S), T.minus(S).plusSeconds(1),
                T.minusSeconds(1), T.plusSeconds(1), T.minus(Duration.ofHours(1)),
                T.minus(Duration.ofDays(1)), T.minus(Duration.ofDays(2)),
                T.minus(Duration.ofDays(1)).plusMillis(1), T.minus(Duration.ofDays(2)).minusMillis(1));
        // some histories are dense: few visitors, times on a coarse grid, so ties are common
        boolean dense = random.nextInt(3) == 0;
        List<String> visitors = dense ? VISITORS.subList(0, 1 + random.nextInt(3)) : VISITORS;
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant time = random.nextInt(3) == 0 ? pick(special)
                    : dense ? T.minus(Duration.ofHours(1 + random.nextInt(3)))
                    : T.minusSeconds(60L * (random.nextInt(4 * 24 * 60 / 7) * 7 - 30));
            Map<String, Value> properties = new HashMap<>();
            if (random.nextInt(10) < 6) {
                properties.put("revenue", pick(VALUES));
            }
            if (random.nextInt(10) < 6) {
                properties.put("category", pick(VALUES));
            }
            TrackedEvent event = new TrackedEvent(pick(visitors), "s" + (1 + random.nextInt(3)),
                    time, pick(EVENTS), properties);
            events.add(event);
            if (random.nextInt(4) == 0) {
                // a twin at the same instant with other values: only the line breaks the tie
                events.add(new TrackedEvent(event.visitor(), event.session(), time, pick(EVENTS),
                        Map.of("category", pick(VALUES), "revenue", pick(VALUES))));
            }
        }
        return events;
    }

    HistoryPolicy policy() {
        return random.nextBoolean() ? HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS
                : HistoryPolicy.EXCLUDE_ACTIVE_VISITORS;
    }

    Duration timeout() {
        return random.nextInt(4) == 0 ? Duration.ofHours(2) : S;
    }

    /** Short lookbacks so that the random histories straddle them; sometimes thresholds. */
    ScoringConfig scoring() {
        ScoringConfig.Builder b = ScoringConfig.builder()
                .rfmLookback(pick(List.of(Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3))))
                .rfeLookback(pick(List.of(Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2))));
        if (random.nextInt(3) == 0) {
            long a = random.nextInt(2);
            b.thresholds(Thresholds.rfm(a, a + random.nextInt(2), 1 + random.nextInt(2),
                    2 + random.nextInt(2), new BigDecimal(pick(List.of("0", "1.5", "2"))),
                    new BigDecimal(pick(List.of("2", "3.5", "59.9")))));
        }
        if (random.nextInt(3) == 0) {
            b.thresholds(Thresholds.rfe(0, random.nextInt(2), 1, 1 + random.nextInt(2),
                    random.nextInt(2), 1 + random.nextInt(3)));
        }
        if (random.nextInt(4) == 0) {
            b.thresholds(new Thresholds(ScoreModel.RFM_QUINTILE, List.of(0L, 0L, 1L, 2L),
                    List.of(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal(2), new BigDecimal(3)),
                    List.of(BigDecimal.ZERO, new BigDecimal("1.5"), new BigDecimal(2),
                            new BigDecimal("59.9"))));
        }
        return b.build();
    }

    Condition condition(int depth) {
        int choice = random.nextInt(depth == 0 ? 4 : 7);
        switch (choice) {
            case 0:
                return performed();
            case 1:
                return Condition.abandoned(filter(), filter(), window());
            case 2:
                return Condition.attribute(predicate());
            case 3:
                return score();
            case 4:
                return Condition.not(condition(depth - 1));
            case 5:
                return new Condition.AllOf(children(depth));
            default:
                return new Condition.AnyOf(children(depth));
        }
    }

    private List<Condition> children(int depth) {
        List<Condition> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(condition(depth - 1));
        }
        return out;
    }

    private TimeWindow window() {
        return pick(List.of(TimeWindow.ever(), TimeWindow.last(Duration.ofMinutes(30)),
                TimeWindow.last(Duration.ofHours(2)), TimeWindow.last(Duration.ofDays(1)),
                TimeWindow.between(T.minus(Duration.ofHours(3)), T.minus(Duration.ofMinutes(45))),
                TimeWindow.between(T.minus(Duration.ofDays(1)), T.plus(Duration.ofHours(1))),
                TimeWindow.between(T.minus(Duration.ofDays(1)).plusMillis(1), T),
                TimeWindow.last(TimeWindow.Last.MAX_DURATION)));
    }

    private PropertyPredicate predicate() {
        String property = pick(PROPERTIES);
        Operator op = pick(List.of(Operator.values()));
        switch (op) {
            case EXISTS:
                return new PropertyPredicate(property, op, List.of());
            case IN:
                return new PropertyPredicate(property, op, List.of(pick(VALUES), pick(VALUES)));
            case CONTAINS:
            case STARTS_WITH:
                return new PropertyPredicate(property, op, List.of(pick(List.of(Value.of("sh"),
                        Value.of("shoes"), Value.of("2"), Value.of(""), Value.of("\"")))));
            default:
                return new PropertyPredicate(property, op, List.of(pick(VALUES)));
        }
    }

    private EventFilter filter() {
        List<PropertyPredicate> where = new ArrayList<>();
        int n = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < n; i++) {
            where.add(predicate());
        }
        return new EventFilter(pick(EVENTS), where);
    }

    private Condition performed() {
        Aggregate aggregate = pick(List.of(Aggregate.count(), Aggregate.sum("revenue"),
                Aggregate.sum("category")));
        Operator op = pick(List.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GTE,
                Operator.LT, Operator.LTE));
        BigDecimal threshold = new BigDecimal(pick(List.of("0", "1", "2", "1.5", "3.5", "61.4")));
        return new Condition.Performed(filter(), aggregate, op, threshold, window());
    }

    private Condition score() {
        ScoreModel model = pick(List.of(ScoreModel.values()));
        List<ScoreDimension> dims = model == ScoreModel.RFE
                ? List.of(ScoreDimension.R, ScoreDimension.F, ScoreDimension.E)
                : List.of(ScoreDimension.R, ScoreDimension.F, ScoreDimension.M);
        int min = 1 + random.nextInt(model.maxScore());
        int max = min + random.nextInt(model.maxScore() - min + 1);
        return new Condition.Score(model, pick(dims), min, max);
    }
}
