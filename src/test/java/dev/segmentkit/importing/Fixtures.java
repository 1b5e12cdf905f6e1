package dev.segmentkit.importing;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Definitions and member lists shared by the import tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private Fixtures() {
    }

    static SegmentDefinition shoeLovers() {
        return SegmentDefinition.of(Condition.allOf(
                Condition.performedCount(EventFilter.named("order",
                        PropertyPredicate.eq("category", "shoes")), Operator.GTE, 2,
                        TimeWindow.last(Duration.ofDays(90))),
                Condition.not(Condition.attribute(PropertyPredicate.eq("country", "CH")))));
    }

    static SegmentDefinition bigSpenders() {
        return SegmentDefinition.of(Condition.performedCount(EventFilter.named("order"),
                Operator.GTE, 5, TimeWindow.ever()));
    }

    static List<String> members(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("v%05d", i))
                .collect(Collectors.toList());
    }

    static MutableClock clock() {
        return new MutableClock(T0);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
