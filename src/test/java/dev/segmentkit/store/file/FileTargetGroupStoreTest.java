package dev.segmentkit.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.json.SegmentkitJson;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.InvalidMembersException;
import dev.segmentkit.spi.StoreException;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileTargetGroupStoreTest {

    private static final TargetGroupId ID = TargetGroupId.of("tg-1");

    @TempDir
    Path dir;

    private TargetGroupStore store;

    @BeforeEach
    void open() {
        store = TargetGroupStore.files(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private TargetGroup created() {
        return store.create(Groups.write(Groups.first(ID)));
    }

    private List<String> members(TargetGroupStore s, TargetGroupId id) {
        try (Stream<String> m = s.members(id)) {
            return m.collect(Collectors.toList());
        }
    }

    @Test
    void createdGroupIsFoundListedAndStreamsItsMembers() {
        TargetGroup group = created();

        assertThat(store.find(ID)).contains(group);
        assertThat(store.list()).containsExactly(group);
        assertThat(members(store, ID)).isEqualTo(Groups.members(1));
    }

    @Test
    void groupsSurviveReopeningTheDirectory() {
        TargetGroup group = created();
        store.close();

        store = TargetGroupStore.files(dir);

        assertThat(store.find(ID)).contains(group);
        assertThat(members(store, ID)).isEqualTo(Groups.members(1));
    }

    @Test
    void listIsOrderedById() {
        for (String id : List.of("b", "c", "a")) {
            store.create(Groups.write(Groups.first(TargetGroupId.of(id))));
        }

        assertThat(store.list()).extracting(g -> g.id().value()).containsExactly("a", "b", "c");
    }

    @Test
    void groupJsonIsTheCodecsTargetGroupDocumentAndMembersAreSortedGzipLines() throws IOException {
        TargetGroup group = created();
        Path groupDir = dir.resolve("groups").resolve(ID.value());

        assertThat(Files.readString(groupDir.resolve("group.json")))
                .isEqualTo(SegmentkitJson.instance().writeTargetGroup(group));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Files.newInputStream(groupDir.resolve("members-1.txt")), StandardCharsets.UTF_8))) {
            assertThat(in.lines()).containsExactlyElementsOf(Groups.members(1));
        }
    }

    @Test
    void creatingAnExistingGroupFailsTypedAndChangesNothing() {
        TargetGroup group = created();

        assertThatThrownBy(() -> store.create(Groups.write(Groups.first(ID))))
                .isInstanceOf(TargetGroupExistsException.class);
        assertThat(store.find(ID)).contains(group);
    }

    @Test
    void createNeedsVersionOne() {
        TargetGroup two = Groups.first(ID).renamed("x", Groups.T0.plusSeconds(1));

        assertThatThrownBy(() -> store.create(GroupWrite.of(two, Groups.members(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
        assertThat(store.find(ID)).isEmpty();
    }

    @Test
    void replaceSwapsMetadataAndMembersAndDropsTheOldMembersFile() throws IOException {
        TargetGroup first = created();
        TargetGroup second = Groups.reimported(first);

        assertThat(store.replace(Groups.write(second), 1)).isEqualTo(second);

        assertThat(store.find(ID)).contains(second);
        assertThat(members(store, ID)).isEqualTo(Groups.members(2));
        try (Stream<Path> files = Files.list(dir.resolve("groups").resolve(ID.value()))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("group.json", "members-2.txt");
        }
    }

    @Test
    void replaceWithAStaleVersionConflictsAndChangesNothing() {
        TargetGroup first = created();
        TargetGroup second = store.replace(Groups.write(Groups.reimported(first)), 1);

        assertThatThrownBy(() -> store.replace(Groups.write(Groups.reimported(first)), 1))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThat(store.find(ID)).contains(second);
        assertThat(members(store, ID)).isEqualTo(Groups.members(2));
    }

    @Test
    void replaceOfAMissingGroupIsNotFound() {
        assertThatThrownBy(() -> store.replace(Groups.write(Groups.reimported(Groups.first(ID))), 1))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void replaceNeedsTheNextVersion() {
        TargetGroup first = created();
        TargetGroup skipping = Groups.reimported(Groups.reimported(first));

        assertThatThrownBy(() -> store.replace(GroupWrite.of(skipping, Groups.members(3)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 2");
        assertThat(store.find(ID)).contains(first);
    }

    @Test
    void membersBreakingTheContractLeaveTheOldStateAndNoStagedFile() throws IOException {
        TargetGroup first = created();
        TargetGroup second = Groups.reimported(first);
        List<String> unsorted = new ArrayList<>(Groups.members(2));
        java.util.Collections.swap(unsorted, 0, 1);

        assertThatThrownBy(() -> store.replace(GroupWrite.of(second, unsorted), 1))
                .isInstanceOf(InvalidMembersException.class);

        assertThat(store.find(ID)).contains(first);
        assertThat(members(store, ID)).isEqualTo(Groups.members(1));
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void aFailingMemberSourceLeavesTheOldState() {
        TargetGroup first = created();
        Iterator<String> failing = new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (n == 100) {
                    throw new IllegalStateException("source broke off");
                }
                return String.format("x%05d", n++);
            }
        };

        assertThatThrownBy(() -> store.replace(GroupWrite.deferred(ID, failing,
                () -> Groups.reimported(first)), 1)).hasMessage("source broke off");
        assertThat(store.find(ID)).contains(first);
        assertThat(members(store, ID)).isEqualTo(Groups.members(1));
    }

    @Test
    void updateRenamesAndKeepsTheMembers() {
        TargetGroup first = created();
        TargetGroup renamed = first.renamed("New name", Groups.T0.plusSeconds(5));

        assertThat(store.update(renamed, 1)).isEqualTo(renamed);

        assertThat(store.find(ID)).contains(renamed);
        assertThat(members(store, ID)).isEqualTo(Groups.members(1));
        assertThatThrownBy(() -> store.update(first.renamed("Other", Groups.T0.plusSeconds(6)), 1))
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void updateMayNotChangeTheSnapshot() {
        TargetGroup first = created();
        TargetGroup reimported = Groups.reimported(first);

        assertThatThrownBy(() -> store.update(reimported, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replace");
        assertThat(store.find(ID)).contains(first);
    }

    @Test
    void deleteRemovesTheGroupAndItsDirectory() {
        created();

        store.delete(ID, 1);

        assertThat(store.find(ID)).isEmpty();
        assertThat(dir.resolve("groups").resolve(ID.value())).doesNotExist();
        assertThatThrownBy(() -> store.members(ID)).isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> store.delete(ID, 1)).isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void deleteWithAStaleVersionConflictsAndKeepsTheGroup() {
        TargetGroup first = created();

        assertThatThrownBy(() -> store.delete(ID, 7)).isInstanceOf(VersionConflictException.class);
        assertThat(store.find(ID)).contains(first);
    }

    @Test
    void anOpenMemberStreamKeepsReadingItsSnapshotAfterAReplaceAndADelete() {
        TargetGroup first = created();
        Stream<String> before = store.members(ID);
        Iterator<String> it = before.iterator();
        String head = it.next();

        store.replace(Groups.write(Groups.reimported(first)), 1);
        store.delete(ID, 2);

        List<String> seen = new ArrayList<>(List.of(head));
        it.forEachRemaining(seen::add);
        before.close();
        assertThat(seen).isEqualTo(Groups.members(1));
    }

    @Test
    void concurrentReplacesWithOneExpectedVersionHaveExactlyOneWinner() throws Exception {
        TargetGroup first = created();
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<Boolean> task = () -> {
                    start.await();
                    try {
                        store.replace(Groups.write(Groups.reimported(first)), 1);
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.find(ID).orElseThrow().version()).isEqualTo(2);
        assertThat(members(store, ID)).isEqualTo(Groups.members(2));
    }

    @Test
    void twoStoresOnOneDirectoryInOneJvmShareTheLock() {
        created();
        try (TargetGroupStore second = TargetGroupStore.files(dir)) {
            TargetGroup current = second.find(ID).orElseThrow();
            second.replace(Groups.write(Groups.reimported(current)), 1);

            assertThat(store.find(ID).orElseThrow().version()).isEqualTo(2);
            assertThat(members(store, ID)).isEqualTo(Groups.members(2));
        }
        assertThat(store.replace(Groups.write(Groups.reimported(store.find(ID).orElseThrow())), 2)
                .version()).isEqualTo(3);
    }

    @Test
    void openingRemovesLeftoversOfInterruptedWrites() throws IOException {
        TargetGroup first = created();
        store.close();
        Path groupDir = dir.resolve("groups").resolve(ID.value());
        Files.writeString(dir.resolve("tmp").resolve("abc.members.tmp"), "half");
        Files.writeString(dir.resolve("tmp").resolve("abc.json.tmp"), "{");
        Files.writeString(groupDir.resolve("members-2.txt"), "never committed");
        Path crashedCreate = dir.resolve("groups").resolve("tg-2");
        Files.createDirectories(crashedCreate);
        Files.writeString(crashedCreate.resolve("members-1.txt"), "never committed");

        store = TargetGroupStore.files(dir);

        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
        assertThat(groupDir.resolve("members-2.txt")).doesNotExist();
        assertThat(crashedCreate).doesNotExist();
        assertThat(store.list()).containsExactly(first);
        assertThat(members(store, ID)).isEqualTo(Groups.members(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "a\\b", "..", ".", "nul\u0000byte", "a.b", "/etc/passwd", ""})
    void idsThatCouldAddressAnotherPathCannotExist(String trick) {
        assertThatThrownBy(() -> TargetGroupId.of(trick)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVeryLongIdCannotExist() {
        assertThatThrownBy(() -> TargetGroupId.of("a".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foreignEntriesInTheGroupsDirectoryAreIgnoredAndKept() throws IOException {
        TargetGroup first = created();
        Path foreign = Files.createDirectories(dir.resolve("groups").resolve("..hidden"));
        Files.writeString(dir.resolve("groups").resolve("notes.txt"), "mine");
        store.close();

        store = TargetGroupStore.files(dir);

        assertThat(store.list()).containsExactly(first);
        assertThat(foreign).exists();
    }

    @Test
    void aSymbolicLinkInPlaceOfAGroupDirectoryIsRefused() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("groups").resolve("evil"), elsewhere);

        assertThatThrownBy(() -> store.find(TargetGroupId.of("evil"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.create(Groups.write(Groups.first(TargetGroupId.of("evil")))))
                .isInstanceOf(StoreException.class);
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void corruptMetadataIsAStoreErrorNamingTheGroup() throws IOException {
        created();
        Files.writeString(dir.resolve("groups").resolve(ID.value()).resolve("group.json"), "{\"schemaVersion\": 1");

        assertThatThrownBy(() -> store.find(ID)).isInstanceOf(StoreException.class)
                .hasMessageContaining(ID.value()).hasMessageContaining("group.json");
    }

    @Test
    void aTruncatedMembersFileIsAStoreErrorWhileStreaming() throws IOException {
        created();
        Path file = dir.resolve("groups").resolve(ID.value()).resolve("members-1.txt");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> members(store, ID)).isInstanceOf(StoreException.class)
                .hasMessageContaining(ID.value());
    }

    @Test
    void aClosedStoreRefusesCalls() {
        store.close();

        assertThatThrownBy(() -> store.list()).isInstanceOf(IllegalStateException.class);
    }
}
