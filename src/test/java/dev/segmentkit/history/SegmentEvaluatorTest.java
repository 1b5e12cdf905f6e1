package dev.segmentkit.history;

import static dev.segmentkit.history.Histories.S;
import static dev.segmentkit.history.Histories.T;
import static dev.segmentkit.history.Histories.at;
import static dev.segmentkit.history.Histories.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentEvaluatorTest {

    private static final Condition ORDERED_EVER =
            Condition.performedCount(EventFilter.named("order"), Operator.GTE, 1, TimeWindow.ever());
    private static final Condition ANY_PAGE_VIEW =
            Condition.performedCount(EventFilter.named("page_view"), Operator.GTE, 1, TimeWindow.ever());

    private static List<String> members(Condition condition, TrackedEvent... events) {
        return SegmentEvaluator.defaults().members(HistoricalData.of("test", List.of(events)), T,
                SegmentDefinition.of(condition));
    }

    private static List<String> members(SegmentEvaluator evaluator, Condition condition,
            TrackedEvent... events) {
        return evaluator.members(HistoricalData.of("test", List.of(events)), T,
                SegmentDefinition.of(condition));
    }

    private static Condition performed(EventFilter filter, Aggregate aggregate, Operator op,
            String threshold, TimeWindow window) {
        return new Condition.Performed(filter, aggregate, op, new BigDecimal(threshold), window);
    }

    @Nested
    class Performed {

        @Test
        void countsMatchingEventsInTheWindow() {
            Condition twiceInAWeek = Condition.performedCount(EventFilter.named("order"),
                    Operator.GTE, 2, TimeWindow.last(Duration.ofDays(7)));

            assertThat(members(twiceInAWeek,
                    ev("two", "s1", -600, "order"), ev("two", "s2", -60 * 24 * 3, "order"),
                    ev("one", "s1", -600, "order"), ev("one", "s1", -601, "page_view"),
                    ev("old", "s1", -600, "order"), ev("old", "s2", -60 * 24 * 8, "order")))
                    .containsExactly("two");
        }

        @Test
        void lastWindowExcludesItsStartInstant() {
            Condition inLastHour = Condition.performedCount(EventFilter.named("order"),
                    Operator.GTE, 1, TimeWindow.last(Duration.ofMinutes(90)));

            assertThat(members(inLastHour, ev("edge", "s", -90, "order"),
                    ev("inside", "s", -89, "order"))).containsExactly("inside");
        }

        @Test
        void betweenWindowIncludesFromAndExcludesTo() {
            Condition between = Condition.performedCount(EventFilter.named("order"),
                    Operator.GTE, 1, TimeWindow.between(at(-600), at(-300)));

            assertThat(members(between, ev("from", "s", -600, "order"),
                    ev("to", "s", -300, "order"), ev("before", "s", -601, "order")))
                    .containsExactly("from");
        }

        @Test
        void filtersOnPropertiesWithAllPredicates() {
            EventFilter shoes = EventFilter.named("order", PropertyPredicate.eq("category", "shoes"),
                    PropertyPredicate.of("revenue", Operator.GT, Value.of(50)));
            Condition bought = Condition.performedCount(shoes, Operator.GTE, 1, TimeWindow.ever());

            assertThat(members(bought,
                    ev("yes", "s", -600, "order", "category", "shoes", "revenue", 60),
                    ev("cheap", "s", -600, "order", "category", "shoes", "revenue", 50),
                    ev("shirt", "s", -600, "order", "category", "shirts", "revenue", 60),
                    ev("norev", "s", -600, "order", "category", "shoes")))
                    .containsExactly("yes");
        }

        @Test
        void sumsExactlyAndCountsNonNumericOrMissingAsZero() {
            Condition exactly = performed(EventFilter.named("order"), Aggregate.sum("revenue"),
                    Operator.EQ, "0.3", TimeWindow.ever());

            assertThat(members(exactly,
                    ev("a", "s", -600, "order", "revenue", new BigDecimal("0.1")),
                    ev("a", "s", -590, "order", "revenue", new BigDecimal("0.2")),
                    ev("a", "s", -580, "order"),
                    ev("a", "s", -570, "order", "revenue", "lots"),
                    ev("b", "s", -600, "order", "revenue", new BigDecimal("0.30000000000000004"))))
                    .containsExactly("a");
        }

        @Test
        void comparesCountsWithEveryOperator() {
            TrackedEvent[] events = {ev("zero", "s", -600, "page_view"),
                ev("one", "s", -600, "order"),
                ev("two", "s", -600, "order"), ev("two", "s", -599, "order")};
            EventFilter order = EventFilter.named("order");

            assertThat(members(Condition.performedCount(order, Operator.EQ, 1, TimeWindow.ever()), events))
                    .containsExactly("one");
            assertThat(members(Condition.performedCount(order, Operator.NE, 1, TimeWindow.ever()), events))
                    .containsExactly("two", "zero");
            assertThat(members(Condition.performedCount(order, Operator.LT, 1, TimeWindow.ever()), events))
                    .containsExactly("zero");
            assertThat(members(Condition.performedCount(order, Operator.LTE, 1, TimeWindow.ever()), events))
                    .containsExactly("one", "zero");
            assertThat(members(Condition.performedCount(order, Operator.GT, 1, TimeWindow.ever()), events))
                    .containsExactly("two");
        }
    }

    @Nested
    class Abandoned {

        private final Condition abandonedCart = Condition.abandoned(
                EventFilter.named("add_to_cart"), EventFilter.named("order"),
                TimeWindow.last(Duration.ofDays(7)));

        @Test
        void holdsWhenTheLatestStartInTheWindowHasNoCompletionAtOrAfterIt() {
            assertThat(members(abandonedCart,
                    ev("abandoned", "s", -600, "add_to_cart"),
                    ev("bought", "s", -600, "add_to_cart"), ev("bought", "s", -500, "order"),
                    ev("again", "s1", -900, "add_to_cart"), ev("again", "s1", -800, "order"),
                    ev("again", "s2", -600, "add_to_cart"),
                    ev("sameTime", "s", -600, "add_to_cart"), ev("sameTime", "s", -600, "order"),
                    ev("oldStart", "s", -60 * 24 * 8, "add_to_cart"),
                    ev("onlyOrder", "s", -600, "order")))
                    .containsExactly("abandoned", "again");
        }

        @Test
        void aCompletionBeforeTheWindowDoesNotCompleteAStartInIt() {
            assertThat(members(abandonedCart,
                    ev("v", "s1", -60 * 24 * 10, "order"), ev("v", "s2", -600, "add_to_cart")))
                    .containsExactly("v");
        }

        @Test
        void aCompletionInAnOpenSessionDoesNotCount() {
            assertThat(members(abandonedCart,
                    ev("v", "s1", -600, "add_to_cart"), ev("v", "s2", -5, "order")))
                    .containsExactly("v");
        }
    }

    @Nested
    class Attribute {

        @Test
        void usesTheLatestCountedEventCarryingTheProperty() {
            Condition german = Condition.attribute(PropertyPredicate.eq("country", "DE"));

            assertThat(members(german,
                    ev("moved", "s", -300, "page_view", "country", "DE"),
                    ev("moved", "s", -600, "page_view", "country", "FR"),
                    ev("left", "s", -600, "page_view", "country", "DE"),
                    ev("left", "s", -300, "page_view", "country", "FR"),
                    ev("left", "s", -200, "page_view")))
                    .containsExactly("moved");
        }

        @Test
        void equalTimesAreDecidedByTheLaterInputLine() {
            Condition german = Condition.attribute(PropertyPredicate.eq("country", "DE"));

            assertThat(members(german,
                    ev("a", "s", -300, "page_view", "country", "FR"),
                    ev("a", "s", -300, "page_view", "country", "DE"),
                    ev("b", "s", -300, "page_view", "country", "DE"),
                    ev("b", "s", -300, "page_view", "country", "FR")))
                    .containsExactly("a");
        }

        @Test
        void ignoresValuesFromOpenSessions() {
            Condition german = Condition.attribute(PropertyPredicate.eq("country", "DE"));

            assertThat(members(german,
                    ev("a", "s1", -300, "page_view", "country", "DE"),
                    ev("a", "s2", -1, "page_view", "country", "FR")))
                    .containsExactly("a");
        }
    }

    @Nested
    class Operators {

        private List<String> matching(PropertyPredicate predicate) {
            return members(Condition.attribute(predicate),
                    ev("int5", "s", -300, "e", "p", 5),
                    ev("dec5", "s", -300, "e", "p", new BigDecimal("5.0")),
                    ev("six", "s", -300, "e", "p", 6),
                    ev("text5", "s", -300, "e", "p", Value.of("5")),
                    ev("shoes", "s", -300, "e", "p", Value.of("Shoes")),
                    ev("true", "s", -300, "e", "p", true),
                    ev("absent", "s", -300, "e", "q", 5));
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "eq | 5 | dec5 int5",
            "ne | 5 | shoes six text5 true",
            "gt | 5 | six",
            "gte | 5 | dec5 int5 six",
            "lt | 6 | dec5 int5",
            "lte | 5 | dec5 int5",
            "eq | '5' | text5",
            "ne | '5' | dec5 int5 shoes six true",
            "gt | 'A' | -",
            "contains | 'hoe' | shoes",
            "contains | 'hoE' | -",
            "startsWith | 'Sh' | shoes",
            "startsWith | '5' | text5",
            "eq | true | true",
            "ne | true | dec5 int5 shoes six text5",
            "exists | - | dec5 int5 shoes six text5 true",
            "in | 6,'Shoes' | shoes six",
        })
        void followTheDocumentedSemantics(String op, String operands, String expected) {
            Operator operator = Operator.ofSymbol(op).orElseThrow();
            List<Value> values = new ArrayList<>();
            if (!operands.equals("-")) {
                for (String o : operands.split(",")) {
                    values.add(o.startsWith("'") ? Value.of(o.substring(1, o.length() - 1))
                            : o.equals("true") ? Value.of(true) : Value.of(new BigDecimal(o)));
                }
            }
            List<String> want = expected.equals("-") ? List.of() : List.of(expected.split(" "));

            assertThat(matching(new PropertyPredicate("p", operator, values)))
                    .containsExactlyElementsOf(want);
        }
    }

    @Nested
    class Scores {

        /** Scores F = number of counted events (capped at 3), in RFM only. */
        private final class CountingPass implements ScoringPass {
            final List<TrackedEvent> seen = new ArrayList<>();

            @Override
            public void accept(TrackedEvent event) {
                seen.add(event);
            }

            @Override
            public ScoreLookup finish(Instant asOf) {
                Map<String, Integer> counts = new HashMap<>();
                seen.forEach(e -> counts.merge(e.visitor(), 1, Integer::sum));
                return (visitor, model, dimension) -> model == ScoreModel.RFM
                        && dimension == ScoreDimension.F && counts.containsKey(visitor)
                        ? OptionalInt.of(Math.min(3, counts.get(visitor))) : OptionalInt.empty();
            }
        }

        @Test
        void scoreConditionsReadTheLookupOfPassesFedTheCountedEvents() {
            List<CountingPass> made = new ArrayList<>();
            SegmentEvaluator evaluator = SegmentEvaluator.builder().scoring(asOf -> {
                CountingPass pass = new CountingPass();
                made.add(pass);
                return pass;
            }).build();
            TrackedEvent open = ev("b", "s9", -1, "e");

            List<String> frequent = members(evaluator,
                    Condition.score(ScoreModel.RFM, ScoreDimension.F, 2, 3),
                    ev("a", "s", -300, "e"), ev("a", "s", -299, "e"),
                    ev("b", "s", -300, "e"), open, ev("c", "s", 5, "e"));

            assertThat(frequent).containsExactly("a");
            assertThat(made).hasSize(1);
            assertThat(made.get(0).seen).hasSize(3).doesNotContain(open);
        }

        @Test
        void aVisitorWithoutAScoreIsInNoScoreRange() {
            SegmentEvaluator evaluator = SegmentEvaluator.builder().scoring(asOf -> new CountingPass())
                    .build();

            assertThat(members(evaluator, Condition.score(ScoreModel.RFE, ScoreDimension.F, 1, 3),
                    ev("a", "s", -300, "e"))).isEmpty();
        }

        @Test
        void aScoreConditionWithoutAnyScoringPassIsRefusedRatherThanSilentlyEmpty() {
            assertThatThrownBy(() -> members(Condition.score(ScoreModel.RFM, ScoreDimension.F, 1, 3),
                    ev("a", "s", -300, "e")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("score condition").hasMessageContaining("no scoring pass");
        }

        @Test
        void passesAreNotRunWithoutAScoreCondition() {
            List<CountingPass> made = new ArrayList<>();
            SegmentEvaluator evaluator = SegmentEvaluator.builder().scoring(asOf -> {
                CountingPass pass = new CountingPass();
                made.add(pass);
                return pass;
            }).build();

            assertThat(members(evaluator, ANY_PAGE_VIEW, ev("a", "s", -300, "page_view")))
                    .containsExactly("a");
            assertThat(made).isEmpty();
        }
    }

    @Nested
    class HistoricalRule {

        @Test
        void anEventExactlyAtTMinusTimeoutClosesItsSession() {
            assertThat(members(ANY_PAGE_VIEW, ev("closed", "s", -30, "page_view"),
                    ev("open", "s", -29, "page_view"))).containsExactly("closed");
        }

        @Test
        void anEventExactlyAtTIsInAnOpenSession() {
            assertThat(members(ANY_PAGE_VIEW, ev("atT", "s", 0, "page_view"))).isEmpty();
        }

        @Test
        void eventsAfterTDoNotExistAndDoNotOpenASession() {
            Condition twoViews = Condition.performedCount(EventFilter.named("page_view"),
                    Operator.EQ, 2, TimeWindow.ever());

            assertThat(members(twoViews, ev("v", "s", -60, "page_view"),
                    ev("v", "s", -59, "page_view"), ev("v", "s", 1, "page_view")))
                    .containsExactly("v");
            assertThat(members(ANY_PAGE_VIEW, ev("future", "s", 1, "page_view"))).isEmpty();
        }

        @Test
        void aSessionWithAnOldAndARecentEventIsEntirelyExcluded() {
            assertThat(members(ORDERED_EVER, ev("v", "long", -60 * 24, "order"),
                    ev("v", "long", -10, "page_view"))).isEmpty();
        }

        @Test
        void theSameSessionIdUnderTwoVisitorsIsTwoSessions() {
            assertThat(members(ORDERED_EVER, ev("v1", "s1", -600, "order"),
                    ev("v2", "s1", -600, "order"), ev("v2", "s1", -5, "page_view")))
                    .containsExactly("v1");
        }

        @Test
        void eventsNeedNotBeInTimeOrder() {
            List<TrackedEvent> events = new ArrayList<>(List.of(
                    ev("a", "s1", -600, "add_to_cart"), ev("a", "s1", -590, "order"),
                    ev("a", "s2", -300, "add_to_cart"), ev("a", "s2", -299, "page_view"),
                    ev("b", "s1", -600, "add_to_cart"), ev("b", "s1", -590, "order"),
                    ev("b", "s2", -20, "add_to_cart"), ev("c", "s", -100, "add_to_cart"),
                    ev("c", "s", -5, "order")));
            Condition abandoned = Condition.abandoned(EventFilter.named("add_to_cart"),
                    EventFilter.named("order"), TimeWindow.ever());
            Map<SegmentId, SegmentDefinition> definitions = Map.of(SegmentId.of("x"),
                    SegmentDefinition.of(abandoned));
            List<String> inOrder = SegmentEvaluator.defaults().evaluate(
                    HistoricalData.of("sorted", events), T, definitions).members(SegmentId.of("x"));

            Collections.shuffle(events, new Random(42));
            Collections.reverse(events);
            List<String> shuffled = SegmentEvaluator.defaults().evaluate(
                    HistoricalData.of("shuffled", events), T, definitions)
                    .members(SegmentId.of("x"));

            assertThat(inOrder).containsExactly("a");
            assertThat(shuffled).isEqualTo(inOrder);
        }

        @Test
        void aCustomTimeoutMovesTheBoundary() {
            SegmentEvaluator evaluator = SegmentEvaluator.builder()
                    .sessionTimeout(Duration.ofMinutes(5)).build();

            assertThat(members(evaluator, ANY_PAGE_VIEW, ev("a", "s", -10, "page_view"),
                    ev("b", "s", -4, "page_view"))).containsExactly("a");
        }

        @Test
        void thePopulationIsEveryVisitorWithACountedEvent() {
            Condition neverOrdered = Condition.not(ORDERED_EVER);

            assertThat(members(neverOrdered, ev("browser", "s", -600, "page_view"),
                    ev("buyer", "s", -600, "order"), ev("onlyActive", "s", -3, "page_view"),
                    ev("onlyFuture", "s", 60, "page_view")))
                    .containsExactly("browser");
        }
    }

    @Nested
    class Policies {

        private final TrackedEvent[] history = {
            ev("active", "old", -600, "order"), ev("active", "now", -5, "page_view"),
            ev("calm", "old", -600, "order")};

        @Test
        void excludeOpenSessionEventsKeepsTheActiveVisitorsCompletedHistory() {
            assertThat(members(ORDERED_EVER, history)).containsExactly("active", "calm");
        }

        @Test
        void excludeActiveVisitorsLeavesThemOutEntirely() {
            SegmentEvaluator evaluator = SegmentEvaluator.builder()
                    .policy(HistoryPolicy.EXCLUDE_ACTIVE_VISITORS).build();

            assertThat(members(evaluator, ORDERED_EVER, history)).containsExactly("calm");
            assertThat(members(evaluator, Condition.not(ORDERED_EVER), history)).isEmpty();
            assertThat(evaluator.evaluate(HistoricalData.of("h", List.of(history)), T,
                    Map.of()).excludedVisitors()).isEqualTo(1);
        }
    }

    @Nested
    class Evaluations {

        @Test
        void evaluatesManyDefinitionsWithTwoReadsOfTheData() {
            HistoricalData inner = HistoricalData.of("h", List.of(
                    ev("b", "s", -600, "order"), ev("a", "s", -600, "page_view"),
                    ev("c", "s", -600, "order"), ev("c", "s2", -2, "order")));
            int[] reads = new int[1];
            HistoricalData counting = new HistoricalData() {
                @Override
                public String name() {
                    return inner.name();
                }

                @Override
                public OptionalLong sizeInBytes() {
                    return inner.sizeInBytes();
                }

                @Override
                public ReadReport read(Consumer<? super TrackedEvent> sink,
                        ReadProgress progress) {
                    reads[0]++;
                    return inner.read(sink, progress);
                }
            };
            Map<SegmentId, SegmentDefinition> definitions = new LinkedHashMap<>();
            definitions.put(SegmentId.of("buyers"), SegmentDefinition.of(ORDERED_EVER));
            definitions.put(SegmentId.of("browsers"), SegmentDefinition.of(ANY_PAGE_VIEW));
            definitions.put(SegmentId.of("all"), SegmentDefinition.of(
                    Condition.anyOf(ORDERED_EVER, ANY_PAGE_VIEW)));
            definitions.put(SegmentId.of("buyers-again"), SegmentDefinition.of(ORDERED_EVER));

            Evaluation evaluation = SegmentEvaluator.defaults().evaluate(counting, T, definitions);

            assertThat(reads[0]).isEqualTo(2);
            assertThat(evaluation.members(SegmentId.of("buyers"))).containsExactly("b", "c");
            assertThat(evaluation.members(SegmentId.of("buyers-again"))).containsExactly("b", "c");
            assertThat(evaluation.members(SegmentId.of("browsers"))).containsExactly("a");
            assertThat(evaluation.members(SegmentId.of("all"))).containsExactly("a", "b", "c");
            assertThat(evaluation.population()).isEqualTo(3);
            assertThat(evaluation.countedEvents()).isEqualTo(3);
            assertThat(evaluation.openSessions()).isEqualTo(1);
            assertThatThrownBy(() -> evaluation.members(SegmentId.of("nope")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        }

        @Test
        void membersAreUniqueAndSortedInStringOrderIncludingUnicode() {
            assertThat(members(ANY_PAGE_VIEW, ev("zoë", "s", -600, "page_view"),
                    ev("Zed", "s", -600, "page_view"), ev("日本", "s", -600, "page_view"),
                    ev("zoë", "s2", -500, "page_view"), ev("\uD83D\uDE42", "s", -600, "page_view"),
                    ev("ａ", "s", -600, "page_view")))
                    .containsExactly("Zed", "zoë", "日本", "\uD83D\uDE42", "ａ");
        }

        @Test
        void reportsProgressOfBothPassesWithVisitorCounts() {
            List<EvaluationProgress> reports = new ArrayList<>();
            SegmentEvaluator evaluator = SegmentEvaluator.builder().listener(reports::add).build();

            members(evaluator, ANY_PAGE_VIEW, ev("a", "s", -600, "page_view"),
                    ev("b", "s", -600, "page_view"), ev("b", "s", -500, "page_view"));

            assertThat(reports).filteredOn(EvaluationProgress::done)
                    .extracting(EvaluationProgress::phase, EvaluationProgress::lines,
                            EvaluationProgress::visitors)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    EvaluationProgress.Phase.OPEN_SESSIONS, 3L, 0L),
                            org.assertj.core.groups.Tuple.tuple(
                                    EvaluationProgress.Phase.EVALUATION, 3L, 2L));
        }

        @Test
        void builderRejectsBadAndRepeatedOptions() {
            assertThatThrownBy(() -> SegmentEvaluator.builder().sessionTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
            assertThatThrownBy(() -> SegmentEvaluator.builder().policy(HistoryPolicy.EXCLUDE_ACTIVE_VISITORS)
                    .policy(HistoryPolicy.EXCLUDE_ACTIVE_VISITORS))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> SegmentEvaluator.builder().sessionTimeout(S).sessionTimeout(S))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> SegmentEvaluator.defaults().members(null, T,
                    SegmentDefinition.of(ANY_PAGE_VIEW)))
                    .isInstanceOf(NullPointerException.class).hasMessage("data");
        }
    }
}
