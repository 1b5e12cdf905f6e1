package dev.segmentkit.importing;

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
import java.util.stream.StreamSupport;

/** Delegates to a source, but its member streams break after a number of members. */
final class FailingSource implements SegmentSource {

    private final SegmentSource delegate;
    private volatile int failAfter = -1;

    FailingSource(SegmentSource delegate) {
        this.delegate = delegate;
    }

    /** From now on, exports throw after {@code k} members; -1 switches it off. */
    void failAfter(int k) {
        failAfter = k;
    }

    @Override
    public List<SegmentSummary> list() {
        return delegate.list();
    }

    @Override
    public Optional<Segment> find(SegmentId id) {
        return delegate.find(id);
    }

    @Override
    public SegmentExport export(SegmentId id) {
        SegmentExport real = delegate.export(id);
        int limit = failAfter;
        if (limit < 0) {
            return real;
        }
        Iterator<String> members = real.members().iterator();
        Iterator<String> breaking = new Iterator<>() {
            int served;

            @Override
            public boolean hasNext() {
                return members.hasNext();
            }

            @Override
            public String next() {
                if (served == limit) {
                    throw new IllegalStateException("connection to the analytics tool lost");
                }
                served++;
                return members.next();
            }
        };
        return SegmentExport.of(real.segment(), real.dataAsOf(), StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(breaking, Spliterator.ORDERED), false)
                .onClose(real::close));
    }
}
