package dev.segmentkit.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real scoring against {@link NaiveRfm} on seeded random histories. */
class RfmAgainstNaiveTest {

    private static final Instant T = RandomHistory.AS_OF;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    static Stream<Arguments> cases() {
        ScoringConfig configured = ScoringConfig.builder()
                .thresholds(Thresholds.rfm(30, 120, 2, 3, new BigDecimal("10"),
                        new BigDecimal("20.29")))
                .thresholds(Thresholds.rfe(0, 60, 2, 4, 2, 6))
                .thresholds(new Thresholds(ScoreModel.RFM_QUINTILE, List.of(5L, 30L, 30L, 200L),
                        List.of(BigDecimal.ONE, BigDecimal.valueOf(2), BigDecimal.valueOf(3),
                                BigDecimal.valueOf(5)),
                        List.of(BigDecimal.ZERO, new BigDecimal("0.3"), BigDecimal.TEN,
                                new BigDecimal("260"))))
                .build();
        ScoringConfig shortLookbacks = ScoringConfig.builder().rfmLookback(Duration.ofDays(90))
                .rfeLookback(Duration.ofHours(30 * 24 + 5)).build();
        return Stream.of(1L, 2L, 3L, 4L, 5L).flatMap(seed -> Stream.of(
                Arguments.of(seed, ScoringConfig.defaults()),
                Arguments.of(seed, configured),
                Arguments.of(seed, shortLookbacks)));
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void everyScoreOfEveryVisitorMatchesTheNaiveComputation(long seed, ScoringConfig config) {
        List<TrackedEvent> counted = NaiveRfm.counted(RandomHistory.generate(seed, 120), T,
                TIMEOUT);
        RfmScores scores = RfmScoringPass.score(config, T, counted);
        for (ScoreModel model : ScoreModel.values()) {
            Map<String, int[]> naive = NaiveRfm.scores(counted, T, config, model);
            assertThat(scores.visitors(model)).as(model.toString())
                    .containsExactlyElementsOf(naive.keySet());
            assertThat(naive).as("a population worth testing").hasSizeGreaterThan(10);
            for (Map.Entry<String, int[]> entry : naive.entrySet()) {
                for (ScoreDimension d : ScoreDimension.values()) {
                    if (model.has(d)) {
                        assertThat(scores.score(entry.getKey(), model, d).getAsInt())
                                .as("%s %s %s", entry.getKey(), model, d)
                                .isEqualTo(entry.getValue()[NaiveRfm.column(d)]);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cases")
    void adoptingSuggestedThresholdsKeepsFrequencyAndValueScoresAndNeverLowersRecency(long seed,
            ScoringConfig config) {
        List<TrackedEvent> counted = NaiveRfm.counted(RandomHistory.generate(seed, 120), T,
                TIMEOUT);
        ScoringConfig dataDerived = ScoringConfig.builder().rfmLookback(config.rfmLookback())
                .rfeLookback(config.rfeLookback()).build();
        RfmScores derived = RfmScoringPass.score(dataDerived, T, counted);
        ScoringConfig.Builder adopted = ScoringConfig.builder()
                .rfmLookback(config.rfmLookback()).rfeLookback(config.rfeLookback());
        for (ScoreModel model : ScoreModel.values()) {
            adopted.thresholds(derived.suggestedThresholds(model).orElseThrow());
        }
        RfmScores configured = RfmScoringPass.score(adopted.build(), T, counted);
        for (ScoreModel model : ScoreModel.values()) {
            for (String v : derived.visitors(model)) {
                for (ScoreDimension d : ScoreDimension.values()) {
                    if (!model.has(d)) {
                        continue;
                    }
                    int before = derived.score(v, model, d).getAsInt();
                    int after = configured.score(v, model, d).getAsInt();
                    if (d == ScoreDimension.R) {
                        assertThat(after).as("%s %s R", v, model).isGreaterThanOrEqualTo(before);
                    } else {
                        assertThat(after).as("%s %s %s", v, model, d).isEqualTo(before);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32})
    void valuesBeyondLongRangeAreRankedExactlyToo(long seed) {
        // times past the year 2262 and revenues of 42+ digits do not fit the primitive keys
        Duration shift = Duration.ofDays(800L * 365);
        Instant asOf = T.plus(shift);
        BigDecimal big = new BigDecimal("1E+20");
        BigDecimal tiny = new BigDecimal("1E-20");
        List<TrackedEvent> shifted = RandomHistory.generate(seed, 120).stream()
                .map(e -> new TrackedEvent(e.visitor(), e.session(), e.time().plus(shift),
                        e.event(), e.properties().get("revenue") instanceof Value.Number
                                ? Map.of("revenue", Value.of(((Value.Number) e.properties()
                                        .get("revenue")).number().multiply(big).add(tiny)))
                                : e.properties()))
                .collect(Collectors.toList());
        List<TrackedEvent> counted = NaiveRfm.counted(shifted, asOf, TIMEOUT);
        RfmScores scores = RfmScoringPass.score(ScoringConfig.defaults(), asOf, counted);
        for (ScoreModel model : ScoreModel.values()) {
            Map<String, int[]> naive = NaiveRfm.scores(counted, asOf, ScoringConfig.defaults(),
                    model);
            assertThat(scores.visitors(model)).containsExactlyElementsOf(naive.keySet());
            for (Map.Entry<String, int[]> entry : naive.entrySet()) {
                assertThat(scores.group(entry.getKey(), model)).as("%s %s", entry.getKey(), model)
                        .contains("" + entry.getValue()[0] + entry.getValue()[1]
                                + entry.getValue()[2]);
            }
        }
    }
}
