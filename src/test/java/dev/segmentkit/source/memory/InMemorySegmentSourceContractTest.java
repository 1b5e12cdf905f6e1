package dev.segmentkit.source.memory;

import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.tck.SegmentFixture;
import dev.segmentkit.tck.SegmentSourceContract;
import dev.segmentkit.tck.SourceEditor;
import java.util.List;
import java.util.Optional;

/** Runs the compatibility kit on the in-memory source; its authoring API is the kit's editor. */
class InMemorySegmentSourceContractTest extends SegmentSourceContract {

    @Override
    protected SegmentSource createSource(List<SegmentFixture> fixtures) {
        InMemorySegmentSource source = SegmentSource.inMemory();
        fixtures.forEach(f -> put(source, f));
        return source;
    }

    @Override
    protected Optional<SourceEditor> editor(SegmentSource source) {
        InMemorySegmentSource memory = (InMemorySegmentSource) source;
        return Optional.of(new SourceEditor() {
            @Override
            public void put(SegmentFixture fixture) {
                InMemorySegmentSourceContractTest.put(memory, fixture);
            }

            @Override
            public void remove(SegmentId id) {
                memory.remove(id);
            }
        });
    }

    private static void put(InMemorySegmentSource source, SegmentFixture f) {
        source.put(f.id(), f.name(), f.description(), f.origin(), f.definition(), f.members());
    }
}
