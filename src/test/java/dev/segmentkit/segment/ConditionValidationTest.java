package dev.segmentkit.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionValidationTest {

    private static final EventFilter ORDER = EventFilter.named("order");

    @Test
    @DisplayName("allOf and anyOf need at least one condition")
    void emptyLogic() {
        assertThatThrownBy(() -> new Condition.AllOf(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("allOf needs at least one condition");
        assertThatThrownBy(Condition::anyOf)
                .isInstanceOf(IllegalArgumentException.class).hasMessage("anyOf needs at least one condition");
    }

    @Test
    @DisplayName("performed refuses negative thresholds and non-comparison operators")
    void performed() {
        assertThatThrownBy(() -> Condition.performedCount(ORDER, Operator.GTE, -1, TimeWindow.ever()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative, got -1");
        assertThatThrownBy(() -> new Condition.Performed(ORDER, Aggregate.count(), Operator.CONTAINS,
                BigDecimal.ONE, TimeWindow.ever()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got contains");
        assertThat(((Condition.Performed) Condition.performedCount(ORDER, Operator.GTE, 0, TimeWindow.ever()))
                .threshold()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("score ranges must lie in the model's scale and the dimension in the model")
    void score() {
        assertThatThrownBy(() -> Condition.score(ScoreModel.RFM, ScoreDimension.R, 1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within [1, 3] of model RFM");
        assertThatThrownBy(() -> Condition.score(ScoreModel.RFM, ScoreDimension.R, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Condition.score(ScoreModel.RFM_QUINTILE, ScoreDimension.R, 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> Condition.score(ScoreModel.RFE, ScoreDimension.M, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model RFE has no dimension M");
        assertThatThrownBy(() -> Condition.score(ScoreModel.RFM, ScoreDimension.E, 1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model RFM has no dimension E");
        assertThat(Condition.score(ScoreModel.RFM_QUINTILE, ScoreDimension.R, 5, 5)).isNotNull();
        assertThat(Condition.score(ScoreModel.RFE, ScoreDimension.E, 3, 3)).isNotNull();
    }

    @Test
    @DisplayName("windows must be positive and ordered")
    void windows() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> TimeWindow.last(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> TimeWindow.last(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeWindow.between(t, t))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be after 'from'");
        TimeWindow last = TimeWindow.last(Duration.ofDays(1));
        assertThat(last.contains(t, t)).isTrue();
        assertThat(last.contains(t.minus(Duration.ofDays(1)), t)).isFalse();
        assertThat(last.contains(t.plusSeconds(1), t)).isFalse();
        TimeWindow between = TimeWindow.between(t, t.plusSeconds(10));
        assertThat(between.contains(t, t.plusSeconds(60))).isTrue();
        assertThat(between.contains(t.plusSeconds(10), t.plusSeconds(60))).isFalse();
        assertThat(between.contains(t.plusSeconds(5), t.plusSeconds(4))).isFalse();
        assertThat(TimeWindow.ever().contains(t.plusSeconds(1), t)).isFalse();
    }

    @Test
    @DisplayName("predicates check operand count and type per operator")
    void predicates() {
        assertThatThrownBy(() -> new PropertyPredicate("p", Operator.EXISTS, List.of(Value.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists takes no value");
        assertThatThrownBy(() -> PropertyPredicate.in("p", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> new PropertyPredicate("p", Operator.EQ, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one value");
        assertThatThrownBy(() -> PropertyPredicate.of("p", Operator.CONTAINS, Value.of(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes a string value");
        assertThatThrownBy(() -> PropertyPredicate.eq(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("property must not be blank");
    }

    @Test
    @DisplayName("aggregates: sum needs a property, count takes none")
    void aggregates() {
        assertThatThrownBy(() -> new Aggregate(Aggregate.Function.SUM, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("aggregate sum needs a property");
        assertThatThrownBy(() -> new Aggregate(Aggregate.Function.COUNT, Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("aggregate count takes no property");
        assertThatThrownBy(() -> Aggregate.sum(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("property must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "../x", "é", "x\u0000"})
    @DisplayName("segment ids outside [A-Za-z0-9._-]{1,128} are refused")
    void badSegmentIds(String id) {
        assertThatThrownBy(() -> SegmentId.of(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment id must be 1 to 128 characters");
    }

    @Test
    @DisplayName("segment ids of 128 allowed characters are accepted, 129 refused")
    void segmentIdLength() {
        assertThat(SegmentId.of("a".repeat(128)).value()).hasSize(128);
        assertThat(SegmentId.of("A-z_0.9").value()).isEqualTo("A-z_0.9");
        assertThatThrownBy(() -> SegmentId.of("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    @DisplayName("numbers are bounded: at most 100 digits and an exponent within +-100")
    void boundedNumbers() {
        assertThat(Value.of(new BigDecimal("1e100"))).isEqualTo(Value.of(new BigDecimal("1E+100")));
        assertThatThrownBy(() -> Value.of(new BigDecimal("1e101")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value must have at most 100 digits");
        assertThatThrownBy(() -> Value.of(new BigDecimal("1e-101")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Value.of(new BigDecimal("1".repeat(101))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Condition.Performed(ORDER, Aggregate.count(), Operator.GTE,
                new BigDecimal("1e100000000"), TimeWindow.ever()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold must have at most");
        assertThat(Value.of(new BigDecimal("100.000"))).isEqualTo(Value.of(100));
    }

    @Test
    @DisplayName("a last-window longer than 100,000 days is refused (ever covers it)")
    void windowBound() {
        assertThat(TimeWindow.last(Duration.ofDays(100_000))).isNotNull();
        assertThatThrownBy(() -> TimeWindow.last(Duration.ofHours(2562047788015215L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100000 days");
    }
}
