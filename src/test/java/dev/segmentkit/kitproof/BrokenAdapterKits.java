package dev.segmentkit.kitproof;

import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.tck.SegmentFixture;
import dev.segmentkit.tck.SegmentSourceContract;
import dev.segmentkit.tck.SourceEditor;
import dev.segmentkit.tck.TargetGroupStoreContract;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit subclasses of the broken adapters; disabled unless {@link KitHasTeethTest} runs them. */
final class BrokenAdapterKits {

    private BrokenAdapterKits() {
    }

    @ExtendWith(OnlyWhenProvingTheKit.class)
    abstract static class StoreKit extends TargetGroupStoreContract {
        private final Supplier<TargetGroupStore> factory;

        StoreKit(Supplier<TargetGroupStore> factory) {
            this.factory = factory;
        }

        @Override
        protected TargetGroupStore createStore() {
            return factory.get();
        }
    }

    static class ReturnsItsMutableIndexKit extends StoreKit {
        ReturnsItsMutableIndexKit() {
            super(BrokenStores.ReturnsItsMutableIndex::new);
        }
    }

    static class CreateOverwritesKit extends StoreKit {
        CreateOverwritesKit() {
            super(BrokenStores.CreateOverwrites::new);
        }
    }

    static class IgnoresExpectedVersionKit extends StoreKit {
        IgnoresExpectedVersionKit() {
            super(BrokenStores.IgnoresExpectedVersion::new);
        }
    }

    static class WritesMembersInPlaceKit extends StoreKit {
        WritesMembersInPlaceKit() {
            super(BrokenStores.WritesMembersInPlace::new);
        }
    }

    static class CollatesCaseInsensitivelyKit extends StoreKit {
        CollatesCaseInsensitivelyKit() {
            super(BrokenStores.CollatesCaseInsensitively::new);
        }
    }

    static class StreamsLiveMembersKit extends StoreKit {
        StreamsLiveMembersKit() {
            super(BrokenStores.StreamsLiveMembers::new);
        }
    }

    static class LeaksUnfinishedStreamsKit extends StoreKit {
        LeaksUnfinishedStreamsKit() {
            super(BrokenStores.LeaksUnfinishedStreams::new);
        }
    }

    /** The correct in-memory store, but declared to keep members outside the heap: a false claim. */
    static class ClaimsMembersOutsideHeapKit extends StoreKit {
        ClaimsMembersOutsideHeapKit() {
            super(TargetGroupStore::inMemory);
        }

        @Override
        protected boolean keepsMembersOutsideHeap() {
            return true;
        }
    }

    static class ListGoesStaleKit extends StoreKit {
        ListGoesStaleKit() {
            super(BrokenStores.ListGoesStale::new);
        }
    }

    @ExtendWith(OnlyWhenProvingTheKit.class)
    abstract static class SourceKit extends SegmentSourceContract {
        private final Supplier<BrokenSources.Delegating> factory;

        SourceKit(Supplier<BrokenSources.Delegating> factory) {
            this.factory = factory;
        }

        @Override
        protected SegmentSource createSource(List<SegmentFixture> fixtures) {
            BrokenSources.Delegating source = factory.get();
            fixtures.forEach(f -> put(source, f));
            return source;
        }

        @Override
        protected Optional<SourceEditor> editor(SegmentSource source) {
            BrokenSources.Delegating delegating = (BrokenSources.Delegating) source;
            return Optional.of(new SourceEditor() {
                @Override
                public void put(SegmentFixture fixture) {
                    SourceKit.put(delegating, fixture);
                }

                @Override
                public void remove(SegmentId id) {
                    delegating.backing.remove(id);
                }
            });
        }

        private static void put(BrokenSources.Delegating source, SegmentFixture f) {
            source.backing.put(f.id(), f.name(), f.description(), f.origin(), f.definition(), f.members());
        }
    }

    static class ExportMixesRevisionsKit extends SourceKit {
        ExportMixesRevisionsKit() {
            super(BrokenSources.ExportMixesRevisions::new);
        }
    }

    static class ListCachedForeverKit extends SourceKit {
        ListCachedForeverKit() {
            super(BrokenSources.ListCachedForever::new);
        }
    }
}
