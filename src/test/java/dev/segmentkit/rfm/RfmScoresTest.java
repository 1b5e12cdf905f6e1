package dev.segmentkit.rfm;

import static dev.segmentkit.segment.ScoreDimension.E;
import static dev.segmentkit.segment.ScoreDimension.F;
import static dev.segmentkit.segment.ScoreDimension.M;
import static dev.segmentkit.segment.ScoreDimension.R;
import static dev.segmentkit.segment.ScoreModel.RFE;
import static dev.segmentkit.segment.ScoreModel.RFM;
import static dev.segmentkit.segment.ScoreModel.RFM_QUINTILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RfmScoresTest {

    static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

    private final List<TrackedEvent> events = new ArrayList<>();

    private static Instant ago(Duration d) {
        return T.minus(d);
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private void order(String visitor, Instant time, String revenue) {
        events.add(new TrackedEvent(visitor, "o-" + time, time, "order",
                revenue == null ? Map.of() : Map.of("revenue", Value.of(new BigDecimal(revenue)))));
    }

    private void event(String visitor, String session, Instant time, String name) {
        events.add(new TrackedEvent(visitor, session, time, name, Map.of()));
    }

    private RfmScores score() {
        return score(ScoringConfig.defaults());
    }

    private RfmScores score(ScoringConfig config) {
        return RfmScoringPass.score(config, T, events);
    }

    /**
     * Five buyers with ties in every dimension (n = 5):
     * <pre>
     *        latest order  orders  revenue
     *   a    T-1d          1       100
     *   b    T-5d          2       5 + 15 = 20
     *   c    T-5d          2       20.00 + absent = 20
     *   d    T-40d         3       1 + 1 + 1 = 3
     *   e    T-2d          4       4 x 12.5 = 50
     * </pre>
     * below(R): d 0, b c 1, e 3, a 4; below(F): a 0, b c 1, d 3, e 4; below(M): d 0, b c 1, e 3,
     * a 4. k = 3: 0 -> 1, 1 -> 1 + floor(3/5) = 1, 3 -> 1 + floor(9/5) = 2, 4 -> 1 + floor(12/5)
     * = 3. k = 5: 0 -> 1, 1 -> 2, 3 -> 4, 4 -> 5.
     */
    private void fiveBuyersWithTies() {
        order("a", ago(days(1)), "100");
        order("b", ago(days(5)), "5");
        order("b", ago(days(20)), "15");
        order("c", ago(days(5)), "20.00");
        order("c", ago(days(30)), null);
        for (int i = 0; i < 3; i++) {
            order("d", ago(days(40 + 10 * i)), "1");
        }
        for (int day : new int[] {2, 3, 4, 6}) {
            order("e", ago(days(day)), "12.5");
        }
    }

    @Nested
    class DataDerived {

        @Test
        void tiesShareAScoreAndRanksFollowTheFormula() {
            fiveBuyersWithTies();
            RfmScores scores = score();
            assertThat(scores.populationSize(RFM)).isEqualTo(5);
            assertThat(scores.group("a", RFM)).contains("313");
            assertThat(scores.group("b", RFM)).contains("111");
            assertThat(scores.group("c", RFM)).contains("111");
            assertThat(scores.group("d", RFM)).contains("121");
            assertThat(scores.group("e", RFM)).contains("232");
            assertThat(scores.group("a", RFM_QUINTILE)).contains("515");
            assertThat(scores.group("b", RFM_QUINTILE)).contains("222");
            assertThat(scores.group("c", RFM_QUINTILE)).contains("222");
            assertThat(scores.group("d", RFM_QUINTILE)).contains("141");
            assertThat(scores.group("e", RFM_QUINTILE)).contains("454");
            assertThat(scores.score("e", RFM, M)).isEqualTo(OptionalInt.of(2));
            assertThat(scores.distribution(RFM)).containsExactly(Map.entry("111", 2L),
                    Map.entry("121", 1L), Map.entry("232", 1L), Map.entry("313", 1L));
            assertThat(scores.rawValues("c", RFM)).contains(
                    new RawValues(ago(days(5)), 2, new BigDecimal("20")));
        }

        @Test
        void allValuesEqualMeansEveryoneScoresOne() {
            for (String v : List.of("x", "y", "z")) {
                order(v, ago(days(7)), "10");
                event(v, "s", ago(days(7)), "page_view");
                event(v, "s", ago(days(7)), "page_view");
            }
            RfmScores scores = score();
            for (String v : List.of("x", "y", "z")) {
                for (ScoreModel model : ScoreModel.values()) {
                    assertThat(scores.group(v, model)).as(v + " " + model).contains("111");
                }
            }
            assertThat(scores.distribution(RFE)).containsExactly(Map.entry("111", 3L));
        }

        @Test
        void aSingleVisitorScoresOne() {
            order("solo", ago(days(10)), "10");
            RfmScores scores = score();
            assertThat(scores.populationSize(RFM)).isEqualTo(1);
            assertThat(scores.group("solo", RFM)).contains("111");
            assertThat(scores.group("solo", RFM_QUINTILE)).contains("111");
            assertThat(scores.group("solo", RFE)).contains("111");
        }

        @Test
        void twoVisitorsScoreOneAndOnePlusHalfTheScale() {
            order("x", ago(days(10)), "5");
            order("y", ago(days(3)), "10");
            order("y", ago(days(4)), "10");
            RfmScores scores = score();
            // below 1 of n = 2: 1 + floor(3 / 2) = 2 and 1 + floor(5 / 2) = 3
            assertThat(scores.group("x", RFM)).contains("111");
            assertThat(scores.group("y", RFM)).contains("222");
            assertThat(scores.group("x", RFM_QUINTILE)).contains("111");
            assertThat(scores.group("y", RFM_QUINTILE)).contains("333");
        }

        @Test
        void revenueIsSummedExactly() {
            order("m1", ago(days(1)), "0.1");
            order("m1", ago(days(2)), "0.2");
            order("m2", ago(days(1)), "0.3");
            order("m3", ago(days(1)), "0.31");
            RfmScores scores = score();
            // 0.1 + 0.2 ties with 0.3 exactly (a double sum would rank it above)
            assertThat(scores.score("m1", RFM, M)).isEqualTo(OptionalInt.of(1));
            assertThat(scores.score("m2", RFM, M)).isEqualTo(OptionalInt.of(1));
            assertThat(scores.score("m3", RFM, M)).isEqualTo(OptionalInt.of(3));
            assertThat(scores.rawValues("m1", RFM).orElseThrow().value())
                    .isEqualByComparingTo("0.3");
        }

        @Test
        void absentOrNonNumericRevenueCountsAsZero() {
            order("n1", ago(days(1)), null);
            events.add(new TrackedEvent("n2", "s", ago(days(1)), "order",
                    Map.of("revenue", Value.of("a lot"))));
            events.add(new TrackedEvent("n3", "s", ago(days(1)), "order",
                    Map.of("revenue", Value.of(true))));
            RfmScores scores = score();
            for (String v : List.of("n1", "n2", "n3")) {
                assertThat(scores.rawValues(v, RFM).orElseThrow().value())
                        .isEqualByComparingTo("0");
                assertThat(scores.score(v, RFM, M)).isEqualTo(OptionalInt.of(1));
            }
        }

        @Test
        void rfmPopulationIsBuyersWithAnOrderInTheLookbackWindow() {
            order("edge", ago(days(360)), "10");
            order("inside", ago(days(360)).plusSeconds(1), "10");
            order("future", T.plusSeconds(1), "10");
            event("browser", "s", ago(days(1)), "page_view");
            RfmScores scores = score();
            assertThat(scores.visitors(RFM)).containsExactly("inside");
            assertThat(scores.score("edge", RFM, R)).isEmpty();
            assertThat(scores.group("browser", RFM)).isEmpty();
            assertThat(scores.rawValues("future", RFM_QUINTILE)).isEmpty();
        }

        /**
         * RFE over three visitors (n = 3): p has sessions s1 (page views and an order, latest
         * T-2d+5m) and s2 (a product view at T-100d), and s3 only at exactly T-180d (outside);
         * q reuses session id s1 with one page view at T-179d; w has three sessions of one page
         * view each; r is only active before the window.
         */
        @Test
        void rfeCountsDistinctSessionsPageViewsAndTheLatestEventInTheWindow() {
            Instant pLatest = ago(days(2)).plus(Duration.ofMinutes(5));
            event("p", "s1", ago(days(2)), "page_view");
            event("p", "s1", ago(days(2)).plus(Duration.ofMinutes(1)), "page_view");
            event("p", "s1", pLatest, "order");
            event("p", "s2", ago(days(100)), "product_view");
            event("p", "s3", ago(days(180)), "page_view");
            event("q", "s1", ago(days(179)), "page_view");
            event("w", "a", ago(days(10)), "page_view");
            event("w", "b", ago(days(11)), "page_view");
            event("w", "c", ago(days(12)), "page_view");
            event("w", "a", ago(days(12)), "add_to_cart");
            event("r", "s1", ago(days(181)), "page_view");
            RfmScores scores = score();
            assertThat(scores.visitors(RFE)).containsExactly("p", "q", "w");
            assertThat(scores.rawValues("p", RFE))
                    .contains(new RawValues(pLatest, 2, BigDecimal.valueOf(2)));
            assertThat(scores.rawValues("w", RFE))
                    .contains(new RawValues(ago(days(10)), 3, BigDecimal.valueOf(3)));
            assertThat(scores.group("p", RFE)).contains("322");
            assertThat(scores.group("q", RFE)).contains("111");
            assertThat(scores.group("w", RFE)).contains("233");
            assertThat(scores.score("r", RFE, E)).isEmpty();
        }

        @Test
        void manySessionsOfOneVisitorAreCountedOnce() {
            for (int i = 0; i < 100; i++) {
                event("many", "s" + (i % 37), ago(Duration.ofHours(i + 1)), "page_view");
            }
            event("few", "x", ago(days(1)), "page_view");
            RfmScores scores = score();
            assertThat(scores.rawValues("many", RFE).orElseThrow().frequency()).isEqualTo(37);
            assertThat(scores.rawValues("many", RFE).orElseThrow().value())
                    .isEqualByComparingTo("100");
        }

        @Test
        void resultDoesNotDependOnTheOrderOfEvents() {
            List<TrackedEvent> history = RandomHistory.generate(42, 80);
            RfmScores first = RfmScoringPass.score(ScoringConfig.defaults(), T, history);
            List<TrackedEvent> reversed = new ArrayList<>(history);
            java.util.Collections.reverse(reversed);
            RfmScores second = RfmScoringPass.score(ScoringConfig.defaults(), T, reversed);
            for (ScoreModel model : ScoreModel.values()) {
                assertThat(second.distribution(model)).isEqualTo(first.distribution(model));
                for (String v : first.visitors(model)) {
                    assertThat(second.group(v, model)).isEqualTo(first.group(v, model));
                }
            }
        }
    }

    @Nested
    class ConfiguredThresholds {

        /**
         * RFM [a, b] = [30, 90] days, frequency [2, 5], monetary [100, 500], every value on or
         * next to a boundary.
         */
        @Test
        void rfmThresholdsAtTheirBoundaries() {
            order("r30", ago(days(30).plusHours(23).plusMinutes(59)), "99.99");
            order("r31", ago(days(31)), "100");
            order("r31", ago(days(40)), null);
            order("r90", ago(days(90).plusHours(23)), "499.99");
            for (int i = 0; i < 3; i++) {
                order("r90", ago(days(100 + i)), null);
            }
            for (int i = 0; i < 5; i++) {
                order("r91", ago(days(91 + i)), "100");
            }
            ScoringConfig config = ScoringConfig.builder()
                    .thresholds(Thresholds.rfm(30, 90, 2, 5, new BigDecimal("100"),
                            new BigDecimal("500")))
                    .build();
            RfmScores scores = score(config);
            assertThat(scores.group("r30", RFM)).contains("311");
            assertThat(scores.group("r31", RFM)).contains("222");
            assertThat(scores.group("r90", RFM)).contains("222");
            assertThat(scores.group("r91", RFM)).contains("133");
            // the quintile model has no thresholds: still data-derived (below 3 of 4 -> 4)
            assertThat(scores.score("r30", RFM_QUINTILE, R)).isEqualTo(OptionalInt.of(4));
        }

        @Test
        void rfeThresholdsAtTheirBoundaries() {
            event("d0", "s", ago(Duration.ofHours(23).plusMinutes(59)), "product_view");
            event("d1", "s", ago(days(1)), "product_view");
            event("d7", "s", ago(days(7).plusHours(23)), "product_view");
            event("d8", "s", ago(days(8)), "product_view");
            for (int i = 0; i < 50; i++) {
                event("d0", "t" + (i % 4), ago(days(20)), "page_view");
                if (i < 49) {
                    event("d1", "t" + (i % 3), ago(days(20)), "page_view");
                }
                if (i < 10) {
                    event("d7", "t" + (i % 2), ago(days(20)), "page_view");
                }
                if (i < 9) {
                    event("d8", "s", ago(days(20)), "page_view");
                }
            }
            ScoringConfig config = ScoringConfig.builder()
                    .thresholds(Thresholds.rfe(0, 7, 2, 4, 10, 50)).build();
            RfmScores scores = score(config);
            // sessions: d0 5, d1 4, d7 3, d8 1; page views: 50, 49, 10, 9
            assertThat(scores.group("d0", RFE)).contains("333");
            assertThat(scores.group("d1", RFE)).contains("232");
            assertThat(scores.group("d7", RFE)).contains("222");
            assertThat(scores.group("d8", RFE)).contains("111");
        }
    }

    @Nested
    class SuggestedThresholds {

        @Test
        void suggestionsAreTheDataDerivedCutPointsInConfiguredForm() {
            fiveBuyersWithTies();
            RfmScores scores = score();
            assertThat(scores.suggestedThresholds(RFM)).contains(Thresholds.rfm(1, 2, 3, 4,
                    new BigDecimal("50"), new BigDecimal("100")));
            Thresholds quintile = scores.suggestedThresholds(RFM_QUINTILE).orElseThrow();
            assertThat(quintile.recencyDays()).containsExactly(1L, 2L, 2L, 5L);
            assertThat(quintile.frequency()).containsExactly(BigDecimal.valueOf(2),
                    BigDecimal.valueOf(3), BigDecimal.valueOf(3), BigDecimal.valueOf(4));
            assertThat(quintile.value()).containsExactly(BigDecimal.valueOf(20),
                    BigDecimal.valueOf(50), BigDecimal.valueOf(50), BigDecimal.valueOf(100));
        }

        @Test
        void adoptingTheSuggestionsReproducesTheScores() {
            fiveBuyersWithTies();
            RfmScores derived = score();
            ScoringConfig.Builder adopted = ScoringConfig.builder();
            for (ScoreModel model : List.of(RFM, RFM_QUINTILE)) {
                adopted.thresholds(derived.suggestedThresholds(model).orElseThrow());
            }
            RfmScores configured = score(adopted.build());
            for (ScoreModel model : List.of(RFM, RFM_QUINTILE)) {
                for (String v : derived.visitors(model)) {
                    assertThat(configured.group(v, model)).as(v + " " + model)
                            .isEqualTo(derived.group(v, model));
                }
            }
        }

        @Test
        void whenNobodyEarnsAScoreItsCutLiesBeyondEveryone() {
            order("solo", ago(days(10).plusHours(3)), "10.5");
            RfmScores scores = score();
            assertThat(scores.suggestedThresholds(RFM)).contains(Thresholds.rfm(9, 9, 2, 2,
                    new BigDecimal("11.5"), new BigDecimal("11.5")));
            RfmScores adopted = score(ScoringConfig.builder()
                    .thresholds(scores.suggestedThresholds(RFM).orElseThrow()).build());
            assertThat(adopted.group("solo", RFM)).contains("111");
        }

        @Test
        void anEmptyPopulationHasNoSuggestionsAndNoGroups() {
            event("viewer", "s", ago(days(1)), "page_view");
            RfmScores scores = score();
            assertThat(scores.populationSize(RFM)).isZero();
            assertThat(scores.suggestedThresholds(RFM)).isEmpty();
            assertThat(scores.distribution(RFM)).isEmpty();
            assertThat(scores.suggestedThresholds(RFE)).isPresent();
        }
    }

    @Nested
    class Contract {

        @Test
        void aPassFinishesOnceAndOnlyAsOfItsInstant() {
            RfmScoringPass pass = RfmScoringPass.create(ScoringConfig.defaults(), T);
            assertThatThrownBy(() -> pass.finish(T.plusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(T.toString());
            pass.finish(T);
            assertThatThrownBy(() -> pass.finish(T)).isInstanceOf(IllegalStateException.class);
            TrackedEvent late = new TrackedEvent("v", "s", T, "order", Map.of());
            assertThatThrownBy(() -> pass.accept(late))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void theFactoryMakesIndependentPassesPerInstant() {
            var factory = RfmScoringPass.factory(ScoringConfig.defaults());
            RfmScoringPass early = factory.apply(T.minus(days(400)));
            assertThat(early.asOf()).isEqualTo(T.minus(days(400)));
            assertThat(factory.apply(T)).isNotSameAs(factory.apply(T));
        }

        @Test
        void aDimensionOutsideTheModelIsRefused() {
            order("a", ago(days(1)), "1");
            RfmScores scores = score();
            assertThatThrownBy(() -> scores.score("a", RFM, E))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RFM has no dimension E");
            assertThatThrownBy(() -> scores.score(null, RFM, F))
                    .isInstanceOf(NullPointerException.class).hasMessage("visitor");
        }
    }
}
