package dev.segmentkit.bench;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A source of one segment whose members are generated on the fly, sorted and unique, never held:
 * member {@code k} of revision 1 is {@code m} followed by {@code 2k} in ten digits. From revision
 * 2 on, 1% churns: every 200th member (from k = 0) is gone and an odd id {@code 2k+1} joins after
 * every 200th member from k = 100, so a re-import adds and removes {@code members / 200} each.
 * Not thread-safe: {@link #revision(int)} switches what the next export reads.
 */
final class SyntheticSegmentSource implements SegmentSource {

    static final SegmentId ID = SegmentId.of("synthetic");
    static final int CHURN_EVERY = 200;

    private final long members;
    private int revision = 1;

    SyntheticSegmentSource(long members) {
        this.members = members;
    }

    void revision(int revision) {
        this.revision = revision;
    }

    private Segment segment() {
        SegmentDefinition definition = SegmentDefinition.of(Condition.performedCount(
                EventFilter.named("order"), Operator.GTE, revision, TimeWindow.last(Duration.ofDays(90))));
        return new Segment(ID, "Synthetic", "generated members", SegmentOrigin.CUSTOM, definition,
                "r" + revision);
    }

    @Override
    public List<SegmentSummary> list() {
        return List.of(SegmentSummary.of(segment()));
    }

    @Override
    public Optional<Segment> find(SegmentId id) {
        return id.equals(ID) ? Optional.of(segment()) : Optional.empty();
    }

    @Override
    public SegmentExport export(SegmentId id) {
        if (!id.equals(ID)) {
            throw new SegmentNotFoundException(id);
        }
        Iterator<String> it = ids(members, revision > 1);
        return SegmentExport.of(segment(), Instant.parse("2026-12-01T00:00:00Z"), StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.SORTED
                        | Spliterator.DISTINCT | Spliterator.NONNULL), false));
    }

    /** Returns the expected member count of a revision. */
    static long count(long members, boolean churned) {
        if (!churned) {
            return members;
        }
        long removed = (members + CHURN_EVERY - 1) / CHURN_EVERY;
        long added = members > 100 ? (members - 100 + CHURN_EVERY - 1) / CHURN_EVERY : 0;
        return members - removed + added;
    }

    static String id(long n) {
        char[] c = new char[11];
        c[0] = 'm';
        for (int i = 10; i >= 1; i--) {
            c[i] = (char) ('0' + n % 10);
            n /= 10;
        }
        return new String(c);
    }

    /** The members of revision 1, or of a churned revision, in ascending order. */
    static Iterator<String> ids(long members, boolean churned) {
        return new Iterator<>() {
            private long k;
            private boolean oddPending;

            @Override
            public boolean hasNext() {
                skip();
                return oddPending || k < members;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (oddPending) {
                    oddPending = false;
                    return id(2 * (k - 1) + 1);
                }
                long n = k++;
                if (churned && n % CHURN_EVERY == 100) {
                    oddPending = true;
                }
                return id(2 * n);
            }

            private void skip() {
                while (churned && !oddPending && k < members && k % CHURN_EVERY == 0) {
                    k++;
                }
            }
        };
    }

    /** Writes the given stream's bytes as the plain member list (one per line), for the copy baseline. */
    static Stream<String> all(long members) {
        Iterator<String> it = ids(members, false);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }
}
