package dev.segmentkit.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringConfigTest {

    @Test
    void defaultsAre360DaysForRfmAnd180DaysForRfeWithDataDerivedScores() {
        ScoringConfig config = ScoringConfig.defaults();
        assertThat(config.rfmLookback()).isEqualTo(Duration.ofDays(360));
        assertThat(config.rfeLookback()).isEqualTo(Duration.ofDays(180));
        assertThat(config.lookback(ScoreModel.RFM_QUINTILE)).isEqualTo(Duration.ofDays(360));
        assertThat(config.lookback(ScoreModel.RFE)).isEqualTo(Duration.ofDays(180));
        for (ScoreModel model : ScoreModel.values()) {
            assertThat(config.thresholds(model)).isEmpty();
        }
        assertThat(ScoringConfig.builder().build()).isEqualTo(config);
    }

    @Test
    void builderKeepsWhatWasSet() {
        Thresholds rfe = Thresholds.rfe(1, 7, 2, 4, 10, 50);
        ScoringConfig config = ScoringConfig.builder().rfmLookback(Duration.ofDays(90))
                .rfeLookback(Duration.ofDays(30)).thresholds(rfe).build();
        assertThat(config.rfmLookback()).isEqualTo(Duration.ofDays(90));
        assertThat(config.rfeLookback()).isEqualTo(Duration.ofDays(30));
        assertThat(config.thresholds(ScoreModel.RFE)).contains(rfe);
        assertThat(config.thresholds(ScoreModel.RFM)).isEmpty();
    }

    @Test
    void builderRefusesAnOptionSetTwice() {
        ScoringConfig.Builder builder = ScoringConfig.builder()
                .rfmLookback(Duration.ofDays(90)).rfeLookback(Duration.ofDays(30))
                .thresholds(Thresholds.rfe(1, 7, 2, 4, 10, 50));
        assertThatThrownBy(() -> builder.rfmLookback(Duration.ofDays(91)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rfmLookback")
                .hasMessageContaining("PT2160H");
        assertThatThrownBy(() -> builder.rfeLookback(Duration.ofDays(31)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rfeLookback");
        assertThatThrownBy(() -> builder.thresholds(Thresholds.rfe(2, 8, 2, 4, 10, 50)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RFE");
        assertThat(builder.build().rfmLookback()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void lookbacksMustBePositive() {
        assertThatThrownBy(() -> ScoringConfig.builder().rfmLookback(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rfmLookback must be positive");
        assertThatThrownBy(() -> ScoringConfig.builder().rfeLookback(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rfeLookback must be positive");
        assertThatThrownBy(() -> ScoringConfig.builder().rfeLookback(null))
                .isInstanceOf(NullPointerException.class).hasMessage("rfeLookback");
    }

    @Test
    void thresholdsAcceptEqualBoundsAndZero() {
        Thresholds t = Thresholds.rfm(0, 0, 0, 0, BigDecimal.ZERO, new BigDecimal("0.00"));
        assertThat(t.recencyDays()).containsExactly(0L, 0L);
        assertThat(t.cuts(ScoreDimension.M)).containsExactly(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void thresholdsRefuseDecreasingBoundsWithMessagesNamingThem() {
        assertThatThrownBy(() -> Thresholds.rfm(90, 30, 2, 5, BigDecimal.ONE, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFM recency").hasMessageContaining("a <= b")
                .hasMessageContaining("[90, 30]");
        assertThatThrownBy(() -> Thresholds.rfm(30, 90, 5, 2, BigDecimal.ONE, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFM frequency").hasMessageContaining("c <= d")
                .hasMessageContaining("[5, 2]");
        assertThatThrownBy(() -> Thresholds.rfm(30, 90, 2, 5, BigDecimal.TEN, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFM monetary").hasMessageContaining("[10, 1]");
        assertThatThrownBy(() -> Thresholds.rfe(1, 7, 2, 4, 50, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFE engagement").hasMessageContaining("[50, 10]");
    }

    @Test
    void thresholdsRefuseNegativeValues() {
        assertThatThrownBy(() -> Thresholds.rfe(-1, 7, 2, 4, 10, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFE recency threshold must not be negative");
        assertThatThrownBy(() -> Thresholds.rfe(1, 7, -2, 4, 10, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFE frequency threshold must not be negative");
        assertThatThrownBy(() -> Thresholds.rfm(1, 7, 2, 4, new BigDecimal("-0.01"),
                BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFM monetary threshold must not be negative");
    }

    @Test
    void thresholdsNeedOneCutPointFewerThanTheScale() {
        assertThatThrownBy(() -> new Thresholds(ScoreModel.RFM_QUINTILE, List.of(1L, 2L),
                List.of(BigDecimal.ONE, BigDecimal.TEN), List.of(BigDecimal.ONE, BigDecimal.TEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFM_QUINTILE recency thresholds need 4 cut points")
                .hasMessageContaining("got 2");
        Thresholds quintile = new Thresholds(ScoreModel.RFM_QUINTILE, List.of(7L, 30L, 90L, 180L),
                List.of(BigDecimal.valueOf(2), BigDecimal.valueOf(3), BigDecimal.valueOf(5),
                        BigDecimal.valueOf(8)),
                List.of(BigDecimal.valueOf(10), BigDecimal.valueOf(50), BigDecimal.valueOf(100),
                        BigDecimal.valueOf(500)));
        assertThat(quintile.cuts(ScoreDimension.F)).hasSize(4);
    }

    @Test
    void cutsOfRecencyOrOfAForeignDimensionAreRefused() {
        Thresholds rfe = Thresholds.rfe(1, 7, 2, 4, 10, 50);
        assertThat(rfe.cuts(ScoreDimension.E))
                .containsExactly(BigDecimal.TEN, BigDecimal.valueOf(50));
        assertThatThrownBy(() -> rfe.cuts(ScoreDimension.M))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFE");
        assertThatThrownBy(() -> rfe.cuts(ScoreDimension.R))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recencyDays");
    }

    @Test
    void canonicalFormChangesWithLookbackAndThresholdsOfTheDescribedModelsOnly() {
        ScoringConfig base = ScoringConfig.defaults();
        ScoringConfig rfeChanged = ScoringConfig.builder()
                .thresholds(Thresholds.rfe(1, 7, 2, 4, 10, 50)).build();
        ScoringConfig rfmLookback = ScoringConfig.builder()
                .rfmLookback(Duration.ofDays(365)).build();
        Set<ScoreModel> rfm = Set.of(ScoreModel.RFM);
        assertThat(rfeChanged.canonicalForm(rfm)).isEqualTo(base.canonicalForm(rfm));
        assertThat(rfmLookback.canonicalForm(rfm)).isNotEqualTo(base.canonicalForm(rfm));
        assertThat(rfeChanged.canonicalForm(Set.of(ScoreModel.RFE)))
                .isNotEqualTo(base.canonicalForm(Set.of(ScoreModel.RFE)));
        assertThat(Thresholds.rfm(1, 2, 3, 4, new BigDecimal("10.0"), BigDecimal.TEN))
                .isEqualTo(Thresholds.rfm(1, 2, 3, 4, BigDecimal.TEN, new BigDecimal("10.00")));
    }
}
