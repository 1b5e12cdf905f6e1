package dev.segmentkit.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.TargetGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and multi-process safety of the file store, proven with real child JVMs: one is
 * killed (SIGKILL, {@code destroyForcibly}) at random moments while it re-imports; two others
 * import into one directory at once.
 */
class FileStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void aWriterKilledAtRandomMomentsLeavesEveryGroupWhollyOldOrWhollyNew() throws Exception {
        Random random = new Random(20261203L);
        long writesSeen = 0;
        int interrupted = 0;
        for (int round = 0; round < 30; round++) {
            Process child = ChildProcesses.start("crash", dir.toString());
            try {
                ChildProcesses.awaitLine(ChildProcesses.output(child), "ready", child);
                Thread.sleep(random.nextInt(120));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            if (hasLeftovers()) {
                interrupted++;
            }
            try (TargetGroupStore store = TargetGroupStore.files(dir)) {
                List<TargetGroup> groups = store.list();
                assertThat(groups).extracting(g -> g.id().value()).containsExactly("g0", "g1", "g2");
                for (TargetGroup group : groups) {
                    assertWhole(store, group);
                    writesSeen += group.version();
                }
            }
            assertNoLeftovers();
        }
        assertThat(writesSeen).as("the children got to write between kills").isGreaterThan(3 * 30);
        assertThat(interrupted).as("kills that interrupted a write").isPositive();
    }

    /** The members are exactly those of the snapshot's import, and the history agrees. */
    static void assertWhole(TargetGroupStore store, TargetGroup group) {
        long n = group.history().size();
        List<String> members;
        try (Stream<String> s = store.members(group.id())) {
            members = s.collect(Collectors.toList());
        }
        assertThat(members).as("members of %s", group.id()).isEqualTo(Groups.members(n));
        assertThat((long) members.size()).isEqualTo(group.snapshot().memberCount());
        for (ImportRecord r : group.history()) {
            assertThat(r.memberCount()).isEqualTo(Groups.size(r.sequence()));
        }
        assertThat(group.snapshot().revision()).isEqualTo(Long.toString(n));
    }

    private boolean hasLeftovers() throws IOException {
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            return tmp.findAny().isPresent();
        }
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).as("staged files after open").isEmpty();
        }
        try (Stream<Path> groups = Files.list(dir.resolve("groups"))) {
            for (Path g : groups.collect(Collectors.toList())) {
                try (Stream<Path> files = Files.list(g)) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .as("files of %s", g).hasSize(2).contains("group.json");
                }
            }
        }
    }

    @Test
    void twoProcessesImportingIntoOneDirectoryCorruptNothingAndGetTypedConflicts() throws Exception {
        Path go = dir.resolve("go");
        Path storeDir = dir.resolve("store");
        Process a = ChildProcesses.start("contend", storeDir.toString(), "150", go.toString());
        Process b = ChildProcesses.start("contend", storeDir.toString(), "150", go.toString());
        long[] writes = new long[2];
        long conflicts = 0;
        try {
            BufferedReader outA = ChildProcesses.output(a);
            BufferedReader outB = ChildProcesses.output(b);
            ChildProcesses.awaitLine(outA, "ready", a);
            ChildProcesses.awaitLine(outB, "ready", b);
            Files.createFile(go);
            for (BufferedReader out : List.of(outA, outB)) {
                String[] done = outA == out ? lastLine(outA, a) : lastLine(outB, b);
                writes[0] += Long.parseLong(done[1]);
                writes[1] += Long.parseLong(done[2]);
                conflicts += Long.parseLong(done[3]);
            }
            assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitValue()).isZero();
            assertThat(b.exitValue()).isZero();
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        assertThat(conflicts).as("the processes did contend").isPositive();
        try (TargetGroupStore store = TargetGroupStore.files(storeDir)) {
            for (int g = 0; g < 2; g++) {
                TargetGroup group = store.find(dev.segmentkit.targetgroup.TargetGroupId.of("c" + g))
                        .orElseThrow();
                assertThat(group.version()).as("no write lost on c%d", g).isEqualTo(writes[g]);
                assertThat(group.history()).hasSize((int) writes[g]);
                assertWhole(store, group);
            }
        }
    }

    private static String[] lastLine(BufferedReader out, Process p) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("done ")) {
                return line.split(" ");
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child failed:\n" + seen);
    }
}
