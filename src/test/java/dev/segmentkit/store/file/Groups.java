package dev.segmentkit.store.file;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deterministic target groups for the file store tests: the members of import number {@code n}
 * of a group are a range of ids whose start and size depend on {@code n} alone, so a reader can
 * tell exactly which snapshot it sees.
 */
final class Groups {

    static final SegmentDefinition DEFINITION = SegmentDefinition.of(Condition.performedCount(
            EventFilter.named("order"), Operator.GTE, 1, TimeWindow.last(Duration.ofDays(30))));
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Groups() {
    }

    static long start(long n) {
        return n * 37 % 1000;
    }

    static long size(long n) {
        return n == 1 ? 300 : (n * 7919) % 6000;
    }

    /** The members of import number {@code n}: sorted, unique. */
    static List<String> members(long n) {
        List<String> out = new ArrayList<>();
        for (long i = start(n); i < start(n) + size(n); i++) {
            out.add(String.format("m%09d", i));
        }
        return out;
    }

    private static long overlap(long a, long b) {
        long from = Math.max(start(a), start(b));
        long to = Math.min(start(a) + size(a), start(b) + size(b));
        return Math.max(0, to - from);
    }

    private static ImportRecord record(long n) {
        Instant at = T0.plusSeconds(n);
        return n == 1
                ? new ImportRecord(1, ImportRecord.Kind.IMPORT, at, "1", DEFINITION.fingerprint(),
                        size(1), size(1), 0, Optional.empty())
                : new ImportRecord(n, ImportRecord.Kind.REIMPORT, at, Long.toString(n),
                        DEFINITION.fingerprint(), size(n), size(n) - overlap(n - 1, n),
                        size(n - 1) - overlap(n - 1, n), Optional.of("tester"));
    }

    private static SegmentSnapshot snapshot(long n) {
        return new SegmentSnapshot(SegmentId.of("seg"), "Segment", SegmentOrigin.CUSTOM, DEFINITION,
                Long.toString(n), DEFINITION.fingerprint(), T0.plusSeconds(n), T0, size(n));
    }

    /** The first import of a group. */
    static TargetGroup first(TargetGroupId id) {
        return new TargetGroup(id, "Group " + id, 1, snapshot(1), List.of(record(1)), T0, T0.plusSeconds(1));
    }

    /** The next re-import of {@code current}: one more history entry, the next version. */
    static TargetGroup reimported(TargetGroup current) {
        long n = current.history().size() + 1;
        List<ImportRecord> history = new ArrayList<>(current.history());
        history.add(record(n));
        return new TargetGroup(current.id(), current.name(), current.version() + 1, snapshot(n),
                history, current.createdAt(), T0.plusSeconds(n));
    }

    /** The write that creates or re-imports a group with the members of its import number. */
    static GroupWrite write(TargetGroup group) {
        return GroupWrite.of(group, members(group.history().size()));
    }
}
