package dev.segmentkit.json;

import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Shared values for codec tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Condition shoeLovers() {
        return Condition.allOf(
                Condition.performedCount(EventFilter.named("order", PropertyPredicate.eq("category", "shoes")),
                        Operator.GTE, 2, TimeWindow.last(Duration.ofDays(90))),
                Condition.not(Condition.attribute(PropertyPredicate.eq("country", "CH"))));
    }

    /** One condition of every kind, every operator and every window. */
    static Condition everything() {
        EventFilter view = new EventFilter("page_view", List.of(
                PropertyPredicate.exists("path"),
                PropertyPredicate.in("lang", List.of(Value.of("de"), Value.of(7), Value.of(true))),
                PropertyPredicate.of("path", Operator.STARTS_WITH, Value.of("/shop")),
                PropertyPredicate.of("title", Operator.CONTAINS, Value.of("sale \"50%\"")),
                PropertyPredicate.of("price", Operator.GT, Value.of(new BigDecimal("19.90"))),
                PropertyPredicate.of("qty", Operator.LT, Value.of(3)),
                PropertyPredicate.of("qty", Operator.LTE, Value.of(4)),
                PropertyPredicate.of("qty", Operator.GTE, Value.of(1)),
                PropertyPredicate.of("vip", Operator.NE, Value.of(false))));
        return Condition.anyOf(
                Condition.allOf(
                        new Condition.Performed(view, Aggregate.sum("price"), Operator.NE,
                                new BigDecimal("100.5"), TimeWindow.between(
                                        Instant.parse("2026-01-01T00:00:00Z"),
                                        Instant.parse("2026-02-01T12:30:00Z"))),
                        Condition.performedCount(EventFilter.named("order"), Operator.EQ, 0,
                                TimeWindow.ever()),
                        Condition.performedCount(EventFilter.named("login"), Operator.LT, 5,
                                TimeWindow.last(Duration.ofHours(36)))),
                Condition.abandoned(EventFilter.named("add_to_cart"), EventFilter.named("order"),
                        TimeWindow.last(Duration.ofDays(7))),
                Condition.not(Condition.score(ScoreModel.RFM, ScoreDimension.M, 1, 2)),
                Condition.score(ScoreModel.RFE, ScoreDimension.E, 3, 3),
                Condition.score(ScoreModel.RFM_QUINTILE, ScoreDimension.R, 4, 5),
                Condition.attribute(PropertyPredicate.exists("email")));
    }

    static Segment segment(String id, Condition condition, String revision) {
        return new Segment(SegmentId.of(id), "Segment " + id, "About " + id, SegmentOrigin.CUSTOM,
                SegmentDefinition.of(condition), revision);
    }

    static TargetGroup targetGroup() {
        SegmentDefinition definition = SegmentDefinition.of(shoeLovers());
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        Instant reimported = Instant.parse("2026-03-08T10:00:00Z");
        SegmentSnapshot snapshot = new SegmentSnapshot(SegmentId.of("shoe-lovers"), "Shoe lovers",
                SegmentOrigin.CUSTOM, definition, "8", definition.fingerprint(), reimported,
                Instant.parse("2026-03-08T00:00:00Z"), 3);
        return new TargetGroup(TargetGroupId.of("tg-shoes"), "Shoe lovers (March)", 3, snapshot,
                List.of(new ImportRecord(1, ImportRecord.Kind.IMPORT, created, "7",
                                definition.fingerprint(), 2, 2, 0, Optional.of("alice")),
                        new ImportRecord(2, ImportRecord.Kind.REIMPORT, reimported, "8",
                                definition.fingerprint(), 3, 2, 1, Optional.empty())),
                created, Instant.parse("2026-03-09T09:00:00Z"));
    }
}
