package dev.segmentkit.store.jdbc;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A segment source for the tests: the segments of another source, with the members of each
 * export chosen by the export's number (0, 1, 2...) and a hook that runs before each member is
 * handed out, to stage races and failures in the middle of an import.
 */
final class HookedSource implements SegmentSource {

    /** Runs before member {@code index} (0-based) of export {@code export} is handed out. */
    @FunctionalInterface
    interface Hook {
        void beforeMember(int export, long index);
    }

    private final SegmentSource segments;
    private final IntFunction<List<String>> membersOfExport;
    private final Hook hook;
    private final AtomicInteger exports = new AtomicInteger();

    HookedSource(SegmentSource segments, IntFunction<List<String>> membersOfExport, Hook hook) {
        this.segments = segments;
        this.membersOfExport = membersOfExport;
        this.hook = hook;
    }

    @Override
    public List<SegmentSummary> list() {
        return segments.list();
    }

    @Override
    public Optional<Segment> find(SegmentId id) {
        return segments.find(id);
    }

    @Override
    public SegmentExport export(SegmentId id) {
        int export = exports.getAndIncrement();
        SegmentExport original = segments.export(id);
        Iterator<String> members = membersOfExport.apply(export).iterator();
        Iterator<String> hooked = new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return members.hasNext();
            }

            @Override
            public String next() {
                String member = members.next();
                hook.beforeMember(export, index++);
                return member;
            }
        };
        Stream<String> stream = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(hooked, Spliterator.ORDERED), false)
                .onClose(original::close);
        return SegmentExport.of(original.segment(), original.dataAsOf(), stream);
    }
}
