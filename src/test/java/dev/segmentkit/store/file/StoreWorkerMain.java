package dev.segmentkit.store.file;

import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A child process for the file store's crash and contention tests.
 *
 * <p>{@code crash DIR}: creates groups g0..g2 if absent, prints {@code ready}, then re-imports
 * (and now and then renames) them forever, until it is killed.
 *
 * <p>{@code contend DIR ITERATIONS GO_FILE}: prints {@code ready}, waits for {@code GO_FILE}, then
 * creates or re-imports groups c0 and c1 ITERATIONS times, counting typed conflicts, prints
 * {@code done <writes c0> <writes c1> <conflicts>} and exits 0; any other failure exits 1.
 */
public final class StoreWorkerMain {

    private StoreWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("crash")) {
            crash(dir);
        } else {
            contend(dir, Integer.parseInt(args[2]), Path.of(args[3]));
        }
    }

    private static void crash(Path dir) {
        try (TargetGroupStore store = TargetGroupStore.files(dir)) {
            for (int g = 0; g < 3; g++) {
                TargetGroupId id = TargetGroupId.of("g" + g);
                if (store.find(id).isEmpty()) {
                    store.create(Groups.write(Groups.first(id)));
                }
            }
            System.out.println("ready");
            System.out.flush();
            for (long i = 0; ; i++) {
                TargetGroup current = store.find(TargetGroupId.of("g" + i % 3)).orElseThrow();
                if (i % 7 == 6) {
                    store.update(current.renamed("Renamed " + i, current.updatedAt()), current.version());
                } else {
                    store.replace(Groups.write(Groups.reimported(current)), current.version());
                }
            }
        }
    }

    private static void contend(Path dir, int iterations, Path go) throws Exception {
        long[] writes = new long[2];
        long conflicts = 0;
        try (TargetGroupStore store = TargetGroupStore.files(dir)) {
            System.out.println("ready");
            System.out.flush();
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            for (int i = 0; i < iterations; i++) {
                int g = i % 2;
                TargetGroupId id = TargetGroupId.of("c" + g);
                Optional<TargetGroup> current = store.find(id);
                try {
                    if (current.isEmpty()) {
                        store.create(Groups.write(Groups.first(id)));
                    } else {
                        store.replace(Groups.write(Groups.reimported(current.get())),
                                current.get().version());
                    }
                    writes[g]++;
                } catch (VersionConflictException | TargetGroupExistsException e) {
                    conflicts++;
                }
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("done " + writes[0] + " " + writes[1] + " " + conflicts);
        System.out.flush();
        System.exit(0);
    }
}
