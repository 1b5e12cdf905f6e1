package dev.segmentkit.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.cli.HistoryGenerator;
import dev.segmentkit.history.Evaluation;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.history.HistoricalSegmentSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every predefined segment, evaluated by the real evaluator with the RFM scoring pass, against the
 * independent naive computation of {@link NaiveRfm}.
 */
class PredefinedThroughEvaluatorTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private static void compare(HistoricalData data, List<TrackedEvent> events, Instant asOf,
            ScoringConfig config) {
        Evaluation all = HistoricalSegmentSource.builder(data)
                .asOf(asOf)
                .predefined(config)
                .build()
                .evaluateAll();
        List<TrackedEvent> counted = NaiveRfm.counted(events, asOf, TIMEOUT);
        for (SegmentId id : PredefinedCatalog.ids()) {
            assertThat(new TreeSet<>(all.members(id))).as("members of %s", id)
                    .isEqualTo(NaiveRfm.expectedMembers(id.value(), counted, asOf, config));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    @DisplayName("on random histories, every predefined segment equals the naive computation")
    void randomHistories(long seed) {
        List<TrackedEvent> events = RandomHistory.generate(seed, 120);
        compare(HistoricalData.of("random-" + seed, events), events, RandomHistory.AS_OF, ScoringConfig.defaults());
    }

    @Test
    @DisplayName("with configured thresholds too")
    void configuredThresholds() {
        List<TrackedEvent> events = RandomHistory.generate(11, 120);
        ScoringConfig config = ScoringConfig.builder()
                .thresholds(Thresholds.rfm(30, 120, 2, 4,
                        new java.math.BigDecimal("50"), new java.math.BigDecimal("200")))
                .build();
        compare(HistoricalData.of("configured", events), events, RandomHistory.AS_OF, config);
    }

    @Test
    @DisplayName("on a generated shop history (with open sessions), every predefined segment equals the naive computation")
    void generatedHistory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.ndjson");
        HistoryGenerator.of(400, 400, 77, HistoryGenerator.DEFAULT_AS_OF).write(file);
        HistoricalData data = HistoricalData.ndjson(file);
        List<TrackedEvent> events = new ArrayList<>();
        data.read(events::add, (lines, bytes) -> { });
        assertThat(events).hasSize((int) Files.lines(file).count());
        compare(data, events, HistoryGenerator.DEFAULT_AS_OF, ScoringConfig.defaults());
    }
}
