package dev.segmentkit.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

    /** A tree that uses every kind of node, operator and window. */
    static SegmentDefinition base() {
        return SegmentDefinition.of(Condition.allOf(
                new Condition.Performed(EventFilter.named("order",
                        PropertyPredicate.eq("category", "shoes"),
                        PropertyPredicate.of("revenue", Operator.GT, Value.of(10))),
                        Aggregate.sum("revenue"), Operator.GTE, new BigDecimal("100"),
                        TimeWindow.last(Duration.ofDays(90))),
                Condition.abandoned(EventFilter.named("add_to_cart"), EventFilter.named("order"),
                        TimeWindow.between(FROM, TO)),
                Condition.anyOf(
                        Condition.attribute(PropertyPredicate.in("country",
                                List.of(Value.of("CH"), Value.of("AT")))),
                        Condition.not(Condition.attribute(PropertyPredicate.exists("vip")))),
                Condition.score(ScoreModel.RFM, ScoreDimension.F, 2, 3)));
    }

    @Test
    @DisplayName("equal trees built differently have equal fingerprints")
    void equalTreesBuiltDifferently() {
        List<Condition> children = new ArrayList<>();
        children.add(Condition.score(ScoreModel.RFM, ScoreDimension.F, 2, 3));
        children.add(Condition.anyOf(
                Condition.not(Condition.attribute(new PropertyPredicate("vip", Operator.EXISTS, List.of()))),
                Condition.attribute(new PropertyPredicate("country", Operator.IN,
                        List.of(Value.of("AT"), Value.of("CH"), Value.of("AT"))))));
        children.add(new Condition.Abandoned(new EventFilter("add_to_cart", List.of()),
                new EventFilter("order", new ArrayList<>()), new TimeWindow.Between(FROM, TO)));
        children.add(new Condition.Performed(new EventFilter("order", List.of(
                PropertyPredicate.of("revenue", Operator.GT, Value.of(new BigDecimal("10.000"))),
                PropertyPredicate.eq("category", "shoes"))),
                new Aggregate(Aggregate.Function.SUM, Optional.of("revenue")), Operator.GTE,
                new BigDecimal("1.00E+2"), new TimeWindow.Last(Duration.ofHours(90 * 24))));
        SegmentDefinition other = new SegmentDefinition(new Condition.AllOf(children));

        assertThat(other.fingerprint()).isEqualTo(base().fingerprint());
        assertThat(other.canonicalForm()).isEqualTo(base().canonicalForm());
        assertThat(base().fingerprint()).isEqualTo(base().fingerprint());
        assertThat(base().fingerprint().hex()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("every kind of change gives a different fingerprint")
    void everyChangeDiffers() {
        Condition.AllOf root = (Condition.AllOf) base().condition();
        Condition.Performed performed = (Condition.Performed) root.conditions().get(0);
        Condition.Abandoned abandoned = (Condition.Abandoned) root.conditions().get(1);
        Condition.AnyOf anyOf = (Condition.AnyOf) root.conditions().get(2);
        Condition.Attribute inCountry = (Condition.Attribute) anyOf.conditions().get(0);
        Condition.Score score = (Condition.Score) root.conditions().get(3);

        List<Condition> variants = List.of(
                // performed: event name, predicate value, predicate op, property, aggregate, op, threshold, window
                replace(root, 0, new Condition.Performed(EventFilter.named("purchase", performed.event().where().toArray(new PropertyPredicate[0])),
                        performed.aggregate(), performed.operator(), performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(EventFilter.named("order", PropertyPredicate.eq("category", "boots"),
                        PropertyPredicate.of("revenue", Operator.GT, Value.of(10))), performed.aggregate(), performed.operator(),
                        performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(EventFilter.named("order", PropertyPredicate.eq("category", "shoes"),
                        PropertyPredicate.of("revenue", Operator.GTE, Value.of(10))), performed.aggregate(), performed.operator(),
                        performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(EventFilter.named("order", PropertyPredicate.eq("category", "shoes"),
                        PropertyPredicate.of("revenue", Operator.GT, Value.of("10"))), performed.aggregate(), performed.operator(),
                        performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(performed.event(), Aggregate.count(), performed.operator(),
                        performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(performed.event(), Aggregate.sum("price"), performed.operator(),
                        performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(performed.event(), performed.aggregate(), Operator.GT,
                        performed.threshold(), performed.window())),
                replace(root, 0, new Condition.Performed(performed.event(), performed.aggregate(), performed.operator(),
                        new BigDecimal("100.5"), performed.window())),
                replace(root, 0, new Condition.Performed(performed.event(), performed.aggregate(), performed.operator(),
                        performed.threshold(), TimeWindow.last(Duration.ofDays(91)))),
                replace(root, 0, new Condition.Performed(performed.event(), performed.aggregate(), performed.operator(),
                        performed.threshold(), TimeWindow.ever())),
                // abandoned: start, completion, window
                replace(root, 1, Condition.abandoned(EventFilter.named("product_view"), abandoned.completion(), abandoned.window())),
                replace(root, 1, Condition.abandoned(abandoned.start(), abandoned.start(), abandoned.window())),
                replace(root, 1, Condition.abandoned(abandoned.start(), abandoned.completion(),
                        TimeWindow.between(FROM, TO.plusSeconds(1)))),
                // logic: anyOf -> allOf, dropped child, negation
                replace(root, 2, new Condition.AllOf(anyOf.conditions())),
                replace(root, 2, new Condition.AnyOf(List.of(inCountry))),
                replace(root, 2, Condition.not(anyOf)),
                // attribute: operand set, operator
                replace(root, 2, Condition.anyOf(Condition.attribute(PropertyPredicate.in("country",
                        List.of(Value.of("CH")))), anyOf.conditions().get(1))),
                replace(root, 2, Condition.anyOf(Condition.attribute(PropertyPredicate.of("country",
                        Operator.EQ, Value.of("CH"))), anyOf.conditions().get(1))),
                replace(root, 2, Condition.anyOf(Condition.attribute(PropertyPredicate.in("land",
                        List.of(Value.of("CH"), Value.of("AT")))), anyOf.conditions().get(1))),
                // score: model, dimension, range
                replace(root, 3, Condition.score(ScoreModel.RFM_QUINTILE, score.dimension(), 2, 3)),
                replace(root, 3, Condition.score(ScoreModel.RFM, ScoreDimension.M, 2, 3)),
                replace(root, 3, Condition.score(ScoreModel.RFM, ScoreDimension.F, 3, 3)),
                replace(root, 3, Condition.score(ScoreModel.RFM, ScoreDimension.F, 1, 3)),
                // a string versus a number versus a boolean
                replace(root, 3, Condition.attribute(PropertyPredicate.of("x", Operator.EQ, Value.of("1")))),
                replace(root, 3, Condition.attribute(PropertyPredicate.of("x", Operator.EQ, Value.of(1)))),
                replace(root, 3, Condition.attribute(PropertyPredicate.of("x", Operator.EQ, Value.of(true)))));

        Set<Fingerprint> seen = new LinkedHashSet<>();
        seen.add(base().fingerprint());
        for (Condition variant : variants) {
            Fingerprint f = SegmentDefinition.of(variant).fingerprint();
            assertThat(seen).as("fingerprint of %s", variant).doesNotContain(f);
            seen.add(f);
        }
        assertThat(seen).hasSize(variants.size() + 1);
    }

    @Test
    @DisplayName("strings with quotes, backslashes and control characters cannot collide")
    void escaping() {
        Fingerprint a = SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.eq("a", "x\",\"op\":\"eq"))).fingerprint();
        Fingerprint b = SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.eq("a", "x\\\",\\\"op\\\":\\\"eq"))).fingerprint();
        Fingerprint c = SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.eq("a", "line\nbreak"))).fingerprint();
        assertThat(Set.of(a, b, c)).hasSize(3);
        assertThat(SegmentDefinition.of(Condition.attribute(PropertyPredicate.eq("a", "line\nbreak")))
                .canonicalForm()).contains("line\\u000abreak");
    }

    @Test
    @DisplayName("a malformed fingerprint is refused")
    void parse() {
        Fingerprint f = base().fingerprint();
        assertThat(Fingerprint.parse(f.hex())).isEqualTo(f);
        assertThatThrownBy(() -> Fingerprint.parse("ABC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> Fingerprint.parse(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("hex");
    }

    private static Condition replace(Condition.AllOf root, int index, Condition replacement) {
        List<Condition> children = new ArrayList<>(root.conditions());
        children.set(index, replacement);
        return new Condition.AllOf(children);
    }
}
