package dev.segmentkit.store.memory;

import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.tck.TargetGroupStoreContract;

/** Runs the compatibility kit on the in-memory store, which keeps members in the heap. */
class InMemoryTargetGroupStoreContractTest extends TargetGroupStoreContract {

    @Override
    protected TargetGroupStore createStore() {
        return TargetGroupStore.inMemory();
    }
}
