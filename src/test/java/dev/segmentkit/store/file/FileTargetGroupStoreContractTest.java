package dev.segmentkit.store.file;

import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.tck.TargetGroupStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the compatibility kit on the file store: members live on disk, and a second instance on
 * the same directory stands for another process.
 */
class FileTargetGroupStoreContractTest extends TargetGroupStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TargetGroupStore createStore() {
        return TargetGroupStore.files(dir.resolve("store"));
    }

    @Override
    protected boolean keepsMembersOutsideHeap() {
        return true;
    }

    @Override
    protected Optional<TargetGroupStore> openSecondInstance(TargetGroupStore store) {
        return Optional.of(TargetGroupStore.files(dir.resolve("store")));
    }
}
