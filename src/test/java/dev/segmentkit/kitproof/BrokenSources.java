package dev.segmentkit.kitproof;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Segment sources that each break one rule of the contract, over an in-memory backing system. */
final class BrokenSources {

    private BrokenSources() {
    }

    /** A source that reads through to a backing in-memory source, which the kit's editor changes. */
    abstract static class Delegating implements SegmentSource {
        final InMemorySegmentSource backing = SegmentSource.inMemory();

        @Override
        public List<SegmentSummary> list() {
            return backing.list();
        }

        @Override
        public Optional<Segment> find(SegmentId id) {
            return backing.find(id);
        }

        @Override
        public SegmentExport export(SegmentId id) {
            return backing.export(id);
        }
    }

    /**
     * SRC-3: takes the definition when the export is made, but fetches the members only when the
     * stream is first read, from whatever revision is current by then.
     */
    static final class ExportMixesRevisions extends Delegating {
        @Override
        public SegmentExport export(SegmentId id) {
            Segment segment = backing.find(id).orElseThrow(() -> new SegmentNotFoundException(id));
            Stream<String> members = Stream.of(id).flatMap(x -> {
                try (SegmentExport current = backing.export(x)) {
                    return current.members().toList().stream();
                }
            });
            return SegmentExport.of(segment, Instant.now(), members);
        }
    }

    /** SRC-5: caches the list on the first call and never refreshes it. */
    static final class ListCachedForever extends Delegating {
        private List<SegmentSummary> cached;

        @Override
        public synchronized List<SegmentSummary> list() {
            if (cached == null) {
                cached = backing.list();
            }
            return cached;
        }
    }
}
