package dev.segmentkit.rfm;

import static dev.segmentkit.segment.Condition.allOf;
import static dev.segmentkit.segment.Condition.score;
import static dev.segmentkit.segment.ScoreDimension.F;
import static dev.segmentkit.segment.ScoreDimension.M;
import static dev.segmentkit.segment.ScoreDimension.R;
import static dev.segmentkit.segment.ScoreModel.RFE;
import static dev.segmentkit.segment.ScoreModel.RFM;
import static dev.segmentkit.segment.ScoreModel.RFM_QUINTILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.history.ScoreLookup;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredefinedCatalogTest {

    /** The table: id and name, in order. */
    private static final List<List<String>> TABLE = List.of(
            List.of("top-buyers", "Top Buyers"),
            List.of("big-spenders", "Big Spenders"),
            List.of("recent-cart-abandoners", "Recent Shopping Cart Abandoners"),
            List.of("inactive-high-value-buyers", "Inactive Buyers With High Value"),
            List.of("frequent-engaged-visitors", "Frequent Visitors With Many Page Impressions"),
            List.of("frequent-visitors-rarely-buying", "Frequent Visitors Who Rarely Buy"),
            List.of("rfm-champions", "Champions"),
            List.of("rfm-loyal-customers", "Loyal Customers"),
            List.of("rfm-potential-loyalists", "Potential Loyalists"),
            List.of("rfm-new-customers", "New Customers"),
            List.of("rfm-promising", "Promising"),
            List.of("rfm-need-attention", "Need Attention"),
            List.of("rfm-about-to-sleep", "About To Sleep"),
            List.of("rfm-at-risk", "At Risk"),
            List.of("rfm-cant-lose-them", "Can't Lose Them"),
            List.of("rfm-hibernating", "Hibernating"));

    private static final Instant T = RandomHistory.AS_OF;

    private static List<Segment> quintileSegments() {
        return PredefinedCatalog.segments(ScoringConfig.defaults()).stream()
                .filter(s -> s.id().value().startsWith("rfm-")).toList();
    }

    @Test
    void holdsExactlyTheSixteenSegmentsOfTheTableInOrder() {
        List<Segment> segments = PredefinedCatalog.segments(ScoringConfig.defaults());
        assertThat(segments).extracting(s -> List.of(s.id().value(), s.name()))
                .containsExactlyElementsOf(TABLE);
        assertThat(PredefinedCatalog.ids()).extracting(SegmentId::value)
                .containsExactlyElementsOf(TABLE.stream().map(row -> row.get(0)).toList());
        assertThat(segments).allSatisfy(s -> {
            assertThat(s.origin()).isEqualTo(SegmentOrigin.PREDEFINED);
            assertThat(s.description()).isNotBlank();
        });
    }

    @Test
    void definitionsAreWrittenInTheConditionLanguage() {
        Map<SegmentId, Segment> byId = PredefinedCatalog.byId(ScoringConfig.defaults());
        assertThat(byId.get(SegmentId.of("top-buyers")).definition()).isEqualTo(
                SegmentDefinition.of(allOf(score(RFM, F, 3, 3), score(RFM, M, 3, 3))));
        assertThat(byId.get(SegmentId.of("recent-cart-abandoners")).definition()).isEqualTo(
                SegmentDefinition.of(Condition.abandoned(EventFilter.named("add_to_cart"),
                        EventFilter.named("order"), TimeWindow.last(Duration.ofDays(7)))));
        assertThat(byId.get(SegmentId.of("rfm-loyal-customers")).definition()).isEqualTo(
                SegmentDefinition.of(allOf(score(RFM_QUINTILE, R, 3, 4),
                        score(RFM_QUINTILE, F, 4, 5))));
        assertThat(byId.get(SegmentId.of("frequent-visitors-rarely-buying")).definition()
                .canonicalForm()).contains("RFE").contains("RFM");
    }

    @Test
    void byIdIsReadOnlyAndFindAnswersForPredefinedIdsOnly() {
        Map<SegmentId, Segment> byId = PredefinedCatalog.byId(ScoringConfig.defaults());
        assertThat(byId.keySet()).containsExactlyElementsOf(PredefinedCatalog.ids());
        assertThatThrownBy(() -> byId.remove(SegmentId.of("top-buyers")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(PredefinedCatalog.find(ScoringConfig.defaults(), SegmentId.of("rfm-at-risk")))
                .map(Segment::name).contains("At Risk");
        assertThat(PredefinedCatalog.find(ScoringConfig.defaults(), SegmentId.of("nope")))
                .isEmpty();
    }

    @Test
    void revisionsFollowTheConfigurationOfTheModelsASegmentUses() {
        Map<SegmentId, Segment> base = PredefinedCatalog.byId(ScoringConfig.defaults());
        Map<SegmentId, Segment> again = PredefinedCatalog.byId(ScoringConfig.builder().build());
        Map<SegmentId, Segment> rfmThresholds = PredefinedCatalog.byId(ScoringConfig.builder()
                .thresholds(Thresholds.rfm(30, 90, 2, 5, BigDecimal.TEN, BigDecimal.TEN))
                .build());
        Map<SegmentId, Segment> rfmLookback = PredefinedCatalog.byId(ScoringConfig.builder()
                .rfmLookback(Duration.ofDays(365)).build());
        Map<SegmentId, Segment> rfeLookback = PredefinedCatalog.byId(ScoringConfig.builder()
                .rfeLookback(Duration.ofDays(90)).build());
        assertThat(again).isEqualTo(base);
        assertThat(base.values()).allSatisfy(s -> assertThat(s.revision())
                .matches("predefined-1:[0-9a-f]{16}"));
        assertThat(changed(base, rfmThresholds)).containsExactlyInAnyOrder("top-buyers",
                "big-spenders", "inactive-high-value-buyers", "frequent-visitors-rarely-buying");
        assertThat(changed(base, rfmLookback)).hasSize(14).doesNotContain(
                "recent-cart-abandoners", "frequent-engaged-visitors");
        assertThat(changed(base, rfeLookback)).containsExactlyInAnyOrder(
                "frequent-engaged-visitors", "frequent-visitors-rarely-buying");
        assertThat(rfmThresholds.get(SegmentId.of("top-buyers")).fingerprint())
                .isEqualTo(base.get(SegmentId.of("top-buyers")).fingerprint());
    }

    private static List<String> changed(Map<SegmentId, Segment> a, Map<SegmentId, Segment> b) {
        return a.keySet().stream().filter(id -> !a.get(id).revision().equals(b.get(id).revision()))
                .map(SegmentId::value).collect(Collectors.toList());
    }

    @Test
    void theTenQuintileSegmentsCoverEveryRecencyAndFrequencyPairExactlyOnce() {
        List<Segment> quintile = quintileSegments();
        assertThat(quintile).hasSize(10);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                int rs = r;
                int fs = f;
                ScoreLookup lookup = (visitor, model, d) -> model != RFM_QUINTILE
                        ? OptionalInt.empty()
                        : OptionalInt.of(d == R ? rs : d == F ? fs : 3);
                List<String> matching = quintile.stream()
                        .filter(s -> ScoreConditions.holds(s.definition().condition(), lookup,
                                "v"))
                        .map(s -> s.id().value()).toList();
                assertThat(matching).as("R %d F %d", r, f).hasSize(1);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void theTenQuintileSegmentsPartitionTheQuintilePopulation(long seed) {
        List<TrackedEvent> counted = NaiveRfm.counted(RandomHistory.generate(seed, 200), T,
                Duration.ofMinutes(30));
        RfmScores scores = RfmScoringPass.score(ScoringConfig.defaults(), T, counted);
        List<String> population = scores.visitors(RFM_QUINTILE);
        assertThat(population).hasSizeGreaterThan(50);
        List<String> members = new ArrayList<>();
        for (Segment segment : quintileSegments()) {
            for (String visitor : population) {
                if (ScoreConditions.holds(segment.definition().condition(), scores, visitor)) {
                    members.add(visitor);
                }
            }
        }
        // no visitor in two segments, none left out
        assertThat(members).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(population);
        assertThat(ScoreConditions.holds(quintileSegments().get(0).definition().condition(),
                scores, "not-a-visitor")).isFalse();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24})
    void everyScoreSegmentMatchesTheNaiveReading(long seed) {
        List<TrackedEvent> counted = NaiveRfm.counted(RandomHistory.generate(seed, 150), T,
                Duration.ofMinutes(30));
        for (ScoringConfig config : List.of(ScoringConfig.defaults(), ScoringConfig.builder()
                .thresholds(Thresholds.rfm(20, 200, 2, 3, BigDecimal.ONE, new BigDecimal("20")))
                .thresholds(Thresholds.rfe(10, 100, 2, 3, 2, 4)).build())) {
            RfmScores scores = RfmScoringPass.score(config, T, counted);
            SortedSet<String> everyone = new TreeSet<>(scores.visitors(RFM));
            everyone.addAll(scores.visitors(RFE));
            int nonEmpty = 0;
            for (Segment segment : PredefinedCatalog.segments(config)) {
                String id = segment.id().value();
                if (id.equals("recent-cart-abandoners")) {
                    continue; // an abandoned condition: checked through the evaluator
                }
                SortedSet<String> actual = everyone.stream()
                        .filter(v -> ScoreConditions.holds(segment.definition().condition(),
                                scores, v))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(actual).as(id)
                        .isEqualTo(NaiveRfm.expectedMembers(id, counted, T, config));
                nonEmpty += actual.isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty).as("segments with members").isGreaterThan(8);
        }
    }

    @Test
    void modelsOfACatalogDefinitionAreFoundThroughTheWholeTree() {
        Condition nested = Condition.anyOf(Condition.not(score(RFM, R, 1, 1)),
                allOf(score(RFE, ScoreDimension.E, 2, 3)));
        assertThat(PredefinedCatalog.modelsOf(nested)).containsExactlyInAnyOrder(RFM, RFE);
    }
}
