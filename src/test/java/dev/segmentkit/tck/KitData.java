package dev.segmentkit.tck;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.MemberIds;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.RandomAccess;

/** Values the kit writes: target group metadata, member lists, ids that stress an adapter. */
final class KitData {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Every character a target group id may hold, exactly 64 of them: a valid id of maximal length. */
    static final String ALL_TARGET_GROUP_ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /** Every character a segment id may hold. */
    static final String ALL_SEGMENT_ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

    private KitData() {
    }

    static SegmentDefinition definition(int n) {
        return SegmentDefinition.of(Condition.performedCount(EventFilter.named("order"), Operator.GTE,
                n, TimeWindow.last(Duration.ofDays(90))));
    }

    /** Metadata of a freshly created group, version 1. */
    static TargetGroup first(TargetGroupId id, long memberCount) {
        SegmentSnapshot snapshot = snapshot(1, memberCount);
        ImportRecord record = new ImportRecord(1, ImportRecord.Kind.IMPORT, T0, snapshot.revision(),
                snapshot.fingerprint(), memberCount, memberCount, 0, Optional.of("kit"));
        return new TargetGroup(id, "Kit group " + id, 1, snapshot, List.of(record), T0, T0);
    }

    /** Metadata of a re-import of {@code previous}: next version, one more history entry. */
    static TargetGroup reimported(TargetGroup previous, long memberCount) {
        int imports = previous.history().size() + 1;
        SegmentSnapshot snapshot = snapshot(imports, memberCount);
        Instant at = previous.updatedAt().plusSeconds(1);
        ImportRecord record = new ImportRecord(imports, ImportRecord.Kind.REIMPORT, at,
                snapshot.revision(), snapshot.fingerprint(), memberCount,
                Math.min(memberCount, 1), Math.min(previous.snapshot().memberCount(), 1), Optional.empty());
        List<ImportRecord> history = new ArrayList<>(previous.history());
        history.add(record);
        return new TargetGroup(previous.id(), previous.name(), previous.version() + 1, snapshot, history,
                previous.createdAt(), at);
    }

    /** Metadata of a rename of {@code previous}: next version, same snapshot and history. */
    static TargetGroup renamed(TargetGroup previous, String name) {
        return previous.renamed(name, previous.updatedAt().plusSeconds(1));
    }

    private static SegmentSnapshot snapshot(int imports, long memberCount) {
        SegmentDefinition definition = definition(imports);
        return new SegmentSnapshot(SegmentId.of("kit.segment"), "Kit segment", SegmentOrigin.CUSTOM,
                definition, "r" + imports, definition.fingerprint(), T0.plusSeconds(imports),
                T0.plusSeconds(imports), memberCount);
    }

    /** {@code count} sorted, unique member ids starting with {@code prefix}. */
    static List<String> members(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(prefix + (100_000 + i));
        }
        return List.copyOf(out);
    }

    /** The same members in a scrambled order (deterministic). */
    static List<String> shuffled(List<String> members) {
        List<String> copy = new ArrayList<>(members);
        Collections.shuffle(copy, new Random(members.size()));
        if (copy.size() > 1 && copy.equals(members)) {
            Collections.reverse(copy);
        }
        return List.copyOf(copy);
    }

    /**
     * Member ids that stress encodings, collations and trimming, sorted in {@link String#compareTo}
     * order: every printable ASCII character, case pairs, leading and trailing blanks, characters
     * beyond Latin-1, a supplementary character (which UTF-8 and code point order sort after
     * U+FFFD, UTF-16 order before), a decomposed accent, and an id of the maximal length.
     */
    static List<String> trickyMembers() {
        List<String> out = new ArrayList<>();
        for (char c = 0x20; c < 0x7F; c++) {
            out.add(String.valueOf(c));
        }
        out.add("a b");
        out.add(" leading");
        out.add("trailing ");
        out.add("a,b;c\"d'e\\f/g");
        out.add("caf\u00e9");
        out.add("cafe\u0301");
        out.add("\u00e9t\u00e9");
        out.add("\u03a9mega");
        out.add("\u2028line-separator");
        out.add("\ufeffbom");
        out.add("\ufffd");
        out.add("\uff21-fullwidth");
        out.add("\ud83d\ude00-emoji");
        out.add("\u4e2d\u6587");
        out.add("null");
        out.add("NULL");
        out.add("x".repeat(MemberIds.MAX_LENGTH));
        List<String> sorted = new ArrayList<>(out);
        Collections.sort(sorted);
        for (String m : sorted) {
            if (!MemberIds.isValid(m)) {
                throw new IllegalStateException("kit bug: invalid member " + m);
            }
        }
        return List.copyOf(sorted);
    }

    /** Target group ids that stress file names, URLs and case-insensitive backends. */
    static List<TargetGroupId> trickyTargetGroupIds() {
        return List.of(TargetGroupId.of("a"), TargetGroupId.of("A"), TargetGroupId.of("-"),
                TargetGroupId.of("_"), TargetGroupId.of("0"), TargetGroupId.of("-rf"),
                TargetGroupId.of("CON"), TargetGroupId.of("con"), TargetGroupId.of(ALL_TARGET_GROUP_ID_CHARS));
    }

    /** Segment ids that stress file names, URLs and case-insensitive backends. */
    static List<SegmentId> trickySegmentIds() {
        String longest = (ALL_SEGMENT_ID_CHARS + ALL_SEGMENT_ID_CHARS).substring(0, 128);
        return List.of(SegmentId.of("."), SegmentId.of(".."), SegmentId.of("a"), SegmentId.of("A"),
                SegmentId.of("-"), SegmentId.of("_"), SegmentId.of(".hidden"), SegmentId.of("a.json"),
                SegmentId.of(longest));
    }

    /** The i-th member of a generated group: fixed width, so index order is sort order. */
    static String generated(int i) {
        return "member-" + (10_000_000 + i);
    }

    /** An iterator over {@code count} generated members that holds none of them. */
    static Iterator<String> generatedIterator(int count) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public String next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return generated(next++);
            }
        };
    }

    /** An immutable list view over {@code count} generated members, computed on access. */
    static List<String> generatedList(int count) {
        return new GeneratedList(count);
    }

    private static final class GeneratedList extends AbstractList<String> implements RandomAccess {
        private final int size;

        GeneratedList(int size) {
            this.size = size;
        }

        @Override
        public String get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return generated(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    static boolean isGenerated(List<String> list) {
        return list instanceof GeneratedList;
    }
}
