package dev.segmentkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.InvalidMembersException;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit for {@link TargetGroupStore} adapters: extend it, return a fresh, empty
 * store from {@link #createStore()}, and every TGS rule of the README's "Writing an adapter"
 * section is checked against it. Each test's name starts with the rule it checks ({@code tgs3_...}
 * checks TGS-3).
 *
 * <p>Optional capabilities are declared by overriding {@link #keepsMembersOutsideHeap()} and
 * {@link #openSecondInstance(TargetGroupStore)}; the tests of a capability the adapter does not
 * declare are skipped, never guessed.
 */
@DisplayName("TargetGroupStore contract")
public abstract class TargetGroupStoreContract {

    /** The size of the large group of TGS-9. */
    protected static final int LARGE_GROUP_SIZE = 1_000_000;

    private static final int WRITERS = 8;

    private TargetGroupStore store;
    private final List<TargetGroupStore> opened = new ArrayList<>();

    /**
     * Creates the store under test: fresh and empty, not shared with any other test. The kit
     * closes it after the test.
     *
     * @return a new, empty store
     */
    protected abstract TargetGroupStore createStore();

    /**
     * Declares that the store keeps members outside the Java heap (files, a database), so that a
     * group's size is bounded by the disk, not the heap. When true, TGS-9 also checks that the store
     * holds no member string in the heap after a write. The default is false.
     *
     * @return true when the store keeps members outside the heap
     */
    protected boolean keepsMembersOutsideHeap() {
        return false;
    }

    /**
     * Opens a second store on the same backing data, as another process would (TGS-15). The
     * default returns empty: the store is not shared between instances. The kit closes it.
     *
     * @param store the store under test
     * @return a second instance on the same data, or empty when the adapter does not support it
     */
    protected Optional<TargetGroupStore> openSecondInstance(TargetGroupStore store) {
        return Optional.empty();
    }

    @BeforeEach
    void openStore() {
        store = Objects.requireNonNull(createStore(), "createStore() returned null");
        opened.add(store);
    }

    @AfterEach
    void closeStores() {
        for (TargetGroupStore s : opened) {
            s.close();
        }
        opened.clear();
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-1: returned values are immutable and never alias the caller's data")
    class Immutability {

        @Test
        @DisplayName("the list of target groups cannot be modified")
        void tgs1_listIsUnmodifiable() {
            TargetGroup a = create(id("a"), KitData.members("a", 3));
            create(id("b"), KitData.members("b", 3));
            List<TargetGroup> list = store.list();

            assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.add(a)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(store.list()).extracting(TargetGroup::id).containsExactly(id("a"), id("b"));
        }

        @Test
        @DisplayName("a list already returned does not change with later writes")
        void tgs1_listIsACopyNotALiveView() {
            TargetGroup a = create(id("a"), KitData.members("a", 3));
            List<TargetGroup> before = store.list();

            create(id("b"), KitData.members("b", 3));
            replace(a, KitData.members("c", 2));

            assertThat(before).containsExactly(a);
        }

        @Test
        @DisplayName("changing the caller's member list after a write changes nothing in the store")
        void tgs1_callersMemberListIsNotAliased() {
            List<String> callers = new ArrayList<>(KitData.members("m", 5));
            TargetGroup metadata = KitData.first(id("g"), callers.size());
            TargetGroup stored = store.create(GroupWrite.of(metadata, callers));
            callers.set(0, "changed");
            callers.add("zzz");

            assertThat(stored).isEqualTo(metadata);
            assertThat(membersOf(id("g"))).isEqualTo(KitData.members("m", 5));
        }

        @Test
        @DisplayName("find returns an equal value every time, the one that was written")
        void tgs1_findReturnsTheWrittenValue() {
            TargetGroup a = create(id("a"), KitData.members("a", 3));

            assertThat(store.find(id("a"))).contains(a);
            assertThat(store.find(id("a"))).contains(a);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-2: create of an existing id fails and changes nothing")
    class Creating {

        @Test
        @DisplayName("creating an id that exists fails with TargetGroupExistsException, the group stays")
        void tgs2_createOfExistingIdFailsAndChangesNothing() {
            TargetGroup a = create(id("a"), KitData.members("a", 4));

            assertThatThrownBy(() -> create(id("a"), KitData.members("other", 2)))
                    .isInstanceOfSatisfying(TargetGroupExistsException.class,
                            e -> assertThat(e.targetGroupId()).isEqualTo(id("a")));
            assertState(a, KitData.members("a", 4));
            assertThat(store.list()).containsExactly(a);
        }

        @Test
        @DisplayName("a group that was replaced still cannot be created again")
        void tgs2_createOfReplacedIdFails() {
            TargetGroup a = replace(create(id("a"), KitData.members("a", 4)), KitData.members("b", 1));

            assertThatThrownBy(() -> create(id("a"), KitData.members("c", 2)))
                    .isInstanceOf(TargetGroupExistsException.class);
            assertState(a, KitData.members("b", 1));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-3: writes with a stale expected version fail with VersionConflictException and change nothing")
    class OptimisticLocking {

        @Test
        @DisplayName("replace with a stale version fails and leaves metadata and members")
        void tgs3_replaceWithStaleVersionFailsAndChangesNothing() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 5));
            TargetGroup v2 = replace(v1, KitData.members("b", 3));

            GroupWrite stale = GroupWrite.of(KitData.reimported(v1, 2), KitData.members("c", 2));
            assertThatThrownBy(() -> store.replace(stale, 1))
                    .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                        assertThat(e.targetGroupId()).isEqualTo(id("g"));
                        assertThat(e.expectedVersion()).isEqualTo(1);
                        assertThat(e.actualVersion()).isEqualTo(2);
                    });
            assertState(v2, KitData.members("b", 3));
        }

        @Test
        @DisplayName("replace with a version from the future fails and changes nothing")
        void tgs3_replaceWithFutureVersionFailsAndChangesNothing() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 5));
            TargetGroup future = KitData.reimported(KitData.reimported(KitData.reimported(v1, 1), 1), 2);

            assertThatThrownBy(() -> store.replace(GroupWrite.of(future, KitData.members("c", 2)), 3))
                    .isInstanceOf(VersionConflictException.class);
            assertState(v1, KitData.members("a", 5));
        }

        @Test
        @DisplayName("update with a stale version fails and leaves metadata and members")
        void tgs3_updateWithStaleVersionFailsAndChangesNothing() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 5));
            TargetGroup v2 = store.update(KitData.renamed(v1, "second"), 1);

            assertThatThrownBy(() -> store.update(KitData.renamed(v1, "third"), 1))
                    .isInstanceOf(VersionConflictException.class);
            assertState(v2, KitData.members("a", 5));
        }

        @Test
        @DisplayName("delete with a stale version fails and the group stays")
        void tgs3_deleteWithStaleVersionFailsAndChangesNothing() {
            TargetGroup v2 = replace(create(id("g"), KitData.members("a", 5)), KitData.members("b", 3));

            assertThatThrownBy(() -> store.delete(id("g"), 1)).isInstanceOf(VersionConflictException.class);
            assertState(v2, KitData.members("b", 3));
        }

        @Test
        @DisplayName("writes with the current version succeed, each bumping the version by one")
        void tgs3_writesWithTheCurrentVersionSucceed() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 5));
            TargetGroup v2 = replace(v1, KitData.members("b", 3));
            TargetGroup v3 = store.update(KitData.renamed(v2, "renamed"), 2);

            assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1L, 2L, 3L);
            assertState(v3, KitData.members("b", 3));
            store.delete(id("g"), 3);
            assertThat(store.find(id("g"))).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-4: of concurrent writers with the same expected version exactly one wins")
    class ConcurrentWriters {

        @Test
        @DisplayName("of " + WRITERS + " concurrent replaces exactly one wins, the others get a conflict")
        void tgs4_exactlyOneOfConcurrentReplacesWins() throws Exception {
            TargetGroup current = create(id("g"), KitData.members("start", 3));
            for (int round = 0; round < 3; round++) {
                TargetGroup expected = current;
                CountDownLatch inFlight = new CountDownLatch(WRITERS);
                List<Object> outcomes = race(i -> {
                    List<String> members = KitData.members("w" + i + "-", 20 + i);
                    GroupWrite write = GroupWrite.of(KitData.reimported(expected, members.size()),
                            () -> rendezvous(members, inFlight));
                    return () -> store.replace(write, expected.version());
                });

                int winner = onlyWinner(outcomes, VersionConflictException.class);
                current = (TargetGroup) outcomes.get(winner);
                assertState(current, KitData.members("w" + winner + "-", 20 + winner));
            }
        }

        @Test
        @DisplayName("of " + WRITERS + " concurrent updates exactly one wins, the others get a conflict")
        void tgs4_exactlyOneOfConcurrentUpdatesWins() throws Exception {
            TargetGroup v1 = create(id("g"), KitData.members("m", 3));
            List<Object> outcomes = race(i -> () -> store.update(KitData.renamed(v1, "writer " + i), 1));

            int winner = onlyWinner(outcomes, VersionConflictException.class);
            assertThat(store.find(id("g")).map(TargetGroup::name)).contains("writer " + winner);
            assertState((TargetGroup) outcomes.get(winner), KitData.members("m", 3));
        }

        @Test
        @DisplayName("of " + WRITERS + " concurrent creates of one id exactly one wins, the others find it exists")
        void tgs4_exactlyOneOfConcurrentCreatesWins() throws Exception {
            CountDownLatch inFlight = new CountDownLatch(WRITERS);
            List<Object> outcomes = race(i -> {
                List<String> members = KitData.members("w" + i + "-", 10 + i);
                GroupWrite write = GroupWrite.of(KitData.first(id("g"), members.size()),
                        () -> rendezvous(members, inFlight));
                return () -> store.create(write);
            });

            int winner = onlyWinner(outcomes, TargetGroupExistsException.class);
            assertState((TargetGroup) outcomes.get(winner), KitData.members("w" + winner + "-", 10 + winner));
        }

        @Test
        @DisplayName("of " + WRITERS + " concurrent deletes exactly one wins, the others get a conflict or not-found")
        void tgs4_exactlyOneOfConcurrentDeletesWins() throws Exception {
            replace(create(id("g"), KitData.members("m", 3)), KitData.members("n", 2));
            List<Object> outcomes = race(i -> () -> {
                store.delete(id("g"), 2);
                return "deleted";
            });

            long wins = outcomes.stream().filter("deleted"::equals).count();
            assertThat(wins).as("successful deletes").isEqualTo(1);
            assertThat(outcomes).filteredOn(o -> !"deleted".equals(o))
                    .allSatisfy(o -> assertThat(o).isInstanceOfAny(VersionConflictException.class,
                            TargetGroupNotFoundException.class));
            assertThat(store.find(id("g"))).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-5: a write that fails midway leaves the previous state intact")
    class FailedWrites {

        @Test
        @DisplayName("a replace whose member stream throws midway leaves the previous metadata and members")
        void tgs5_replaceWhoseMembersThrowMidwayLeavesThePreviousState() {
            List<String> before = KitData.members("a", 50);
            TargetGroup v1 = create(id("g"), before);
            List<String> next = KitData.members("b", 40);
            MemberSourceBrokeOff failure = new MemberSourceBrokeOff();
            GroupWrite write = GroupWrite.of(KitData.reimported(v1, next.size()),
                    () -> breakingAfter(next, 20, failure));

            assertThatThrownBy(() -> store.replace(write, 1)).satisfies(e -> assertCausedBy(e, failure));
            assertState(v1, before);
            TargetGroup v2 = replace(v1, next);
            assertState(v2, next);
        }

        @Test
        @DisplayName("a create whose member stream throws midway leaves no group, and the id stays free")
        void tgs5_createWhoseMembersThrowMidwayLeavesNoGroup() {
            List<String> members = KitData.members("a", 50);
            MemberSourceBrokeOff failure = new MemberSourceBrokeOff();
            GroupWrite write = GroupWrite.of(KitData.first(id("g"), members.size()),
                    () -> breakingAfter(members, 25, failure));

            assertThatThrownBy(() -> store.create(write)).satisfies(e -> assertCausedBy(e, failure));
            assertThat(store.find(id("g"))).isEmpty();
            assertThat(store.list()).isEmpty();
            assertThatThrownBy(() -> store.members(id("g"))).isInstanceOf(TargetGroupNotFoundException.class);
            assertState(create(id("g"), members), members);
        }

        @Test
        @DisplayName("a replace whose metadata fails after the members leaves the previous state")
        void tgs5_replaceWhoseMetadataThrowsLeavesThePreviousState() {
            List<String> before = KitData.members("a", 30);
            TargetGroup v1 = create(id("g"), before);
            MemberSourceBrokeOff failure = new MemberSourceBrokeOff();
            GroupWrite write = GroupWrite.deferred(id("g"), KitData.members("b", 10).iterator(), () -> {
                throw failure;
            });

            assertThatThrownBy(() -> store.replace(write, 1)).satisfies(e -> assertCausedBy(e, failure));
            assertState(v1, before);
        }

        @Test
        @DisplayName("a replace whose members are out of order fails with InvalidMembersException and changes nothing")
        void tgs5_replaceWithUnsortedMembersFailsAndChangesNothing() {
            List<String> before = KitData.members("a", 30);
            TargetGroup v1 = create(id("g"), before);
            List<String> unsorted = new ArrayList<>(KitData.members("b", 10));
            unsorted.add("a-out-of-order");

            assertThatThrownBy(() -> store.replace(GroupWrite.of(KitData.reimported(v1, unsorted.size()),
                    unsorted), 1)).isInstanceOf(InvalidMembersException.class);
            assertState(v1, before);
        }

        @Test
        @DisplayName("a create with a repeated member fails with InvalidMembersException and leaves no group")
        void tgs5_createWithRepeatedMemberFailsAndLeavesNoGroup() {
            List<String> repeated = List.of("a", "b", "b", "c");

            assertThatThrownBy(() -> store.create(GroupWrite.of(KitData.first(id("g"), 4), repeated)))
                    .isInstanceOf(InvalidMembersException.class);
            assertThat(store.find(id("g"))).isEmpty();
            assertThat(store.list()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-6: members are returned sorted, unique and complete")
    class Members {

        @Test
        @DisplayName("members come back in String.compareTo order, each once, all of them")
        void tgs6_membersAreSortedUniqueAndComplete() {
            TreeSet<String> sorted = new TreeSet<>();
            sorted.addAll(KitData.members("b", 300));
            sorted.addAll(KitData.members("a", 300));
            sorted.addAll(KitData.members("B", 100));
            sorted.addAll(List.of("1", "10", "2", "9", "a", "aa", "a-", "a_", "a.", "Z"));
            List<String> members = List.copyOf(sorted);
            create(id("g"), members);

            List<String> read = membersOf(id("g"));
            assertThat(read).isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(read).doesNotHaveDuplicates();
            assertThat(read).isEqualTo(members);
        }

        @Test
        @DisplayName("a replace replaces the whole member set, nothing of the old one remains")
        void tgs6_replaceReplacesTheWholeMemberSet() {
            TreeSet<String> next = new TreeSet<>(KitData.members("a", 100).subList(50, 100));
            next.addAll(KitData.members("c", 30));
            TargetGroup v1 = create(id("g"), KitData.members("a", 100));
            TargetGroup v2 = replace(v1, List.copyOf(next));

            assertState(v2, List.copyOf(next));
        }

        @Test
        @DisplayName("a group without members streams nothing")
        void tgs6_emptyGroupHasNoMembers() {
            TargetGroup g = create(id("g"), List.of());

            assertState(g, List.of());
            assertThat(g.snapshot().memberCount()).isZero();
        }

        @Test
        @DisplayName("the members can be streamed again and again")
        void tgs6_membersCanBeStreamedRepeatedly() {
            List<String> members = KitData.members("m", 100);
            create(id("g"), members);

            assertThat(membersOf(id("g"))).isEqualTo(members);
            assertThat(membersOf(id("g"))).isEqualTo(members);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-7: a member stream sees one snapshot, whatever happens to the group meanwhile")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    class Snapshots {

        @Test
        @DisplayName("a stream being read while its group is replaced still yields the old members only")
        void tgs7_memberStreamSeesOneSnapshotWhileTheGroupIsReplaced() {
            List<String> before = KitData.members("a", 200);
            TargetGroup v1 = create(id("g"), before);
            List<String> read = new ArrayList<>();
            try (Stream<String> stream = store.members(id("g"))) {
                Iterator<String> it = stream.iterator();
                for (int i = 0; i < 10; i++) {
                    read.add(it.next());
                }
                replace(v1, KitData.members("b", 150));
                it.forEachRemaining(read::add);
            }
            assertThat(read).isEqualTo(before);
            assertThat(membersOf(id("g"))).isEqualTo(KitData.members("b", 150));
        }

        @Test
        @DisplayName("a stream opened before a replace and read after it yields the old members")
        void tgs7_memberStreamOpenedBeforeReplaceYieldsTheOldMembers() {
            List<String> before = KitData.members("a", 100);
            TargetGroup v1 = create(id("g"), before);
            try (Stream<String> stream = store.members(id("g"))) {
                replace(v1, KitData.members("b", 50));
                assertThat(stream.toList()).isEqualTo(before);
            }
        }

        @Test
        @DisplayName("a stream being read while its group is deleted still yields the old members")
        void tgs7_memberStreamSeesOneSnapshotWhileTheGroupIsDeleted() {
            List<String> before = KitData.members("a", 200);
            create(id("g"), before);
            List<String> read = new ArrayList<>();
            try (Stream<String> stream = store.members(id("g"))) {
                Iterator<String> it = stream.iterator();
                read.add(it.next());
                store.delete(id("g"), 1);
                it.forEachRemaining(read::add);
            }
            assertThat(read).isEqualTo(before);
            assertThat(store.find(id("g"))).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-8: closing a member stream releases its resources")
    class Closing {

        @Test
        @DisplayName("hundreds of streams closed unread or half read leave the store fully usable")
        void tgs8_closingPartlyReadStreamsReleasesTheirResources() {
            List<String> members = KitData.members("m", 100);
            TargetGroup v1 = create(id("g"), members);
            for (int i = 0; i < 300; i++) {
                try (Stream<String> stream = store.members(id("g"))) {
                    Iterator<String> it = stream.iterator();
                    for (int j = 0; j <= i % 5; j++) {
                        it.next();
                    }
                }
                store.members(id("g")).close();
            }

            TargetGroup v2 = replace(v1, KitData.members("n", 10));
            assertState(v2, KitData.members("n", 10));
            store.delete(id("g"), 2);
            assertState(create(id("g"), members), members);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-9: large groups are written and read as streams")
    class LargeGroups {

        @Test
        @DisplayName("a group of a million members is written from an iterator and streams back complete and in order")
        void tgs9_millionMemberGroupRoundTripsAsStreams() {
            TargetGroupId id = id("large");
            TargetGroup stored = store.create(GroupWrite.deferred(id, KitData.generatedIterator(LARGE_GROUP_SIZE),
                    () -> KitData.first(id, LARGE_GROUP_SIZE)));

            assertThat(stored.snapshot().memberCount()).isEqualTo(LARGE_GROUP_SIZE);
            long count = 0;
            try (Stream<String> stream = store.members(id)) {
                Iterator<String> it = stream.iterator();
                while (it.hasNext()) {
                    String member = it.next();
                    if (count >= LARGE_GROUP_SIZE || !member.equals(KitData.generated((int) count))) {
                        fail("member " + (count + 1) + " is '" + member + "', expected '"
                                + (count >= LARGE_GROUP_SIZE ? "<none>" : KitData.generated((int) count)) + "'");
                    }
                    count++;
                }
            }
            assertThat(count).isEqualTo(LARGE_GROUP_SIZE);
        }

        @Test
        @DisplayName("a store that keeps members outside the heap holds no member in the heap after a write")
        void tgs9_storeKeepingMembersOutsideHeapHoldsNoMemberInHeap() throws InterruptedException {
            assumeTrue(keepsMembersOutsideHeap(), "the adapter keeps members in the heap");
            TargetGroupId id = id("large");
            List<WeakReference<String>> sample = new ArrayList<>();
            Iterator<String> generated = KitData.generatedIterator(LARGE_GROUP_SIZE);
            Iterator<String> tracked = new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return generated.hasNext();
                }

                @Override
                public String next() {
                    String member = generated.next();
                    if (i++ % 10_000 == 0) {
                        sample.add(new WeakReference<>(member));
                    }
                    return member;
                }
            };
            store.create(GroupWrite.deferred(id, tracked, () -> KitData.first(id, LARGE_GROUP_SIZE)));

            for (int attempt = 0; attempt < 10 && sample.stream().anyMatch(r -> r.get() != null); attempt++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(sample).as("member strings still reachable after the write")
                    .allSatisfy(r -> assertThat(r.get()).isNull());
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-10: a missing id is Optional.empty() for lookups and TargetGroupNotFoundException for the rest")
    class MissingIds {

        @Test
        @DisplayName("find of a missing id is empty")
        void tgs10_findOfMissingIdIsEmpty() {
            create(id("a"), KitData.members("a", 1));

            assertThat(store.find(id("b"))).isEmpty();
            assertThat(store.find(id("A"))).isEmpty();
        }

        @Test
        @DisplayName("members of a missing id fail with TargetGroupNotFoundException")
        void tgs10_membersOfMissingIdFailsWithNotFound() {
            assertThatThrownBy(() -> store.members(id("b")))
                    .isInstanceOfSatisfying(TargetGroupNotFoundException.class,
                            e -> assertThat(e.targetGroupId()).isEqualTo(id("b")));
        }

        @Test
        @DisplayName("replace, update and delete of a missing id fail with TargetGroupNotFoundException and create nothing")
        void tgs10_writesToMissingIdFailWithNotFoundAndCreateNothing() {
            TargetGroup v1 = KitData.first(id("b"), 2);
            TargetGroup v2 = KitData.reimported(v1, 2);

            assertThatThrownBy(() -> store.replace(GroupWrite.of(v2, List.of("x", "y")), 1))
                    .isInstanceOf(TargetGroupNotFoundException.class);
            assertThatThrownBy(() -> store.update(KitData.renamed(v1, "renamed"), 1))
                    .isInstanceOf(TargetGroupNotFoundException.class);
            assertThatThrownBy(() -> store.delete(id("b"), 1)).isInstanceOf(TargetGroupNotFoundException.class);
            assertThat(store.find(id("b"))).isEmpty();
            assertThat(store.list()).isEmpty();
        }

        @Test
        @DisplayName("a deleted group is gone everywhere, and its id can be created again")
        void tgs10_deletedGroupIsGoneAndItsIdIsFree() {
            TargetGroup v2 = replace(create(id("g"), KitData.members("a", 5)), KitData.members("b", 5));
            store.delete(id("g"), v2.version());

            assertThat(store.find(id("g"))).isEmpty();
            assertThat(store.list()).isEmpty();
            assertThatThrownBy(() -> store.members(id("g"))).isInstanceOf(TargetGroupNotFoundException.class);
            assertThatThrownBy(() -> store.delete(id("g"), 2)).isInstanceOf(TargetGroupNotFoundException.class);
            assertState(create(id("g"), KitData.members("c", 2)), KitData.members("c", 2));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-11: every allowed id and member id round-trips unchanged")
    class RoundTrips {

        @Test
        @DisplayName("target group ids with every allowed character, of length 1 and 64, differing only in case, round-trip")
        void tgs11_everyAllowedTargetGroupIdRoundTrips() {
            List<TargetGroupId> ids = KitData.trickyTargetGroupIds();
            List<TargetGroup> created = new ArrayList<>();
            for (TargetGroupId id : ids) {
                created.add(create(id, List.of("member of " + id.value())));
            }

            for (TargetGroup g : created) {
                assertState(g, List.of("member of " + g.id().value()));
            }
            assertThat(store.list()).extracting(TargetGroup::id)
                    .containsExactlyElementsOf(ids.stream().sorted().toList());
        }

        @Test
        @DisplayName("member ids with any allowed character round-trip, in String.compareTo order")
        void tgs11_everyAllowedMemberIdRoundTripsInStringOrder() {
            List<String> members = KitData.trickyMembers();
            TargetGroup g = create(id("g"), members);

            assertState(g, members);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-12: list is consistent with find")
    class ListAndFind {

        @Test
        @DisplayName("a fresh store lists nothing")
        void tgs12_freshStoreListsNothing() {
            assertThat(store.list()).isEmpty();
        }

        @Test
        @DisplayName("after creates, replaces, updates and deletes, list holds exactly what find finds, ordered by id")
        void tgs12_listHoldsExactlyWhatFindFindsOrderedById() {
            create(id("c"), KitData.members("c", 3));
            TargetGroup a = create(id("a"), KitData.members("a", 3));
            TargetGroup b = create(id("b"), KitData.members("b", 3));
            create(id("d"), KitData.members("d", 3));
            replace(b, KitData.members("bb", 2));
            store.update(KitData.renamed(store.find(id("c")).orElseThrow(), "renamed"), 1);
            store.delete(a.id(), 1);

            List<TargetGroup> list = store.list();
            assertThat(list).extracting(TargetGroup::id).containsExactly(id("b"), id("c"), id("d"));
            for (TargetGroup g : list) {
                assertThat(store.find(g.id())).contains(g);
            }
            assertThat(list.get(0).version()).isEqualTo(2);
            assertThat(list.get(1).name()).isEqualTo("renamed");
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-13: a write must carry the next version, else it fails with IllegalArgumentException and changes nothing")
    class Versions {

        @Test
        @DisplayName("create with a version other than 1 fails and creates nothing")
        void tgs13_createRequiresVersionOne() {
            TargetGroup v2 = KitData.reimported(KitData.first(id("g"), 1), 1);

            assertThatThrownBy(() -> store.create(GroupWrite.of(v2, List.of("m"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.find(id("g"))).isEmpty();
            assertThat(store.list()).isEmpty();
        }

        @Test
        @DisplayName("replace with a version other than expected + 1 fails and changes nothing")
        void tgs13_replaceRequiresTheNextVersion() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 3));
            TargetGroup v3 = KitData.reimported(KitData.reimported(v1, 1), 1);

            assertThatThrownBy(() -> store.replace(GroupWrite.of(v3, List.of("m")), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertState(v1, KitData.members("a", 3));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-14: update changes the metadata and keeps the members and the snapshot")
    class Updates {

        @Test
        @DisplayName("a rename keeps the members")
        void tgs14_updateChangesMetadataAndKeepsMembers() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 7));
            TargetGroup v2 = store.update(KitData.renamed(v1, "new name"), 1);

            assertThat(v2.name()).isEqualTo("new name");
            assertThat(v2.version()).isEqualTo(2);
            assertState(v2, KitData.members("a", 7));
        }

        @Test
        @DisplayName("an update that changes the snapshot fails with IllegalArgumentException and changes nothing")
        void tgs14_updateOfTheSnapshotFailsAndChangesNothing() {
            TargetGroup v1 = create(id("g"), KitData.members("a", 7));

            assertThatThrownBy(() -> store.update(KitData.reimported(v1, 7), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertState(v1, KitData.members("a", 7));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("TGS-15 (optional): store instances on the same data see each other's writes")
    class SecondInstance {

        private TargetGroupStore other() {
            Optional<TargetGroupStore> other = openSecondInstance(store);
            assumeTrue(other.isPresent(), "the adapter does not share data between instances");
            opened.add(other.get());
            return other.get();
        }

        @Test
        @DisplayName("a write through one instance is seen by the next read through the other")
        void tgs15_writeThroughOneInstanceIsSeenByTheOther() {
            TargetGroupStore other = other();
            TargetGroup v1 = create(id("g"), KitData.members("a", 5));

            assertThat(other.find(id("g"))).contains(v1);
            assertThat(other.list()).containsExactly(v1);
            try (Stream<String> members = other.members(id("g"))) {
                assertThat(members.toList()).isEqualTo(KitData.members("a", 5));
            }
            TargetGroup v2 = other.replace(GroupWrite.of(KitData.reimported(v1, 2), List.of("x", "y")), 1);
            assertState(v2, List.of("x", "y"));
        }

        @Test
        @DisplayName("of concurrent replaces through two instances exactly one wins")
        void tgs15_exactlyOneOfConcurrentWritersOnTwoInstancesWins() throws Exception {
            TargetGroupStore other = other();
            TargetGroup v1 = create(id("g"), KitData.members("a", 5));
            CountDownLatch inFlight = new CountDownLatch(WRITERS);
            List<Object> outcomes = race(i -> {
                List<String> members = KitData.members("w" + i + "-", 10 + i);
                GroupWrite write = GroupWrite.of(KitData.reimported(v1, members.size()),
                        () -> rendezvous(members, inFlight));
                TargetGroupStore target = i % 2 == 0 ? store : other;
                return () -> target.replace(write, 1);
            });

            int winner = onlyWinner(outcomes, VersionConflictException.class);
            assertState((TargetGroup) outcomes.get(winner), KitData.members("w" + winner + "-", 10 + winner));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static TargetGroupId id(String value) {
        return TargetGroupId.of(value);
    }

    private TargetGroup create(TargetGroupId id, List<String> members) {
        return store.create(GroupWrite.of(KitData.first(id, members.size()), members));
    }

    private TargetGroup replace(TargetGroup current, List<String> members) {
        return store.replace(GroupWrite.of(KitData.reimported(current, members.size()), members),
                current.version());
    }

    private List<String> membersOf(TargetGroupId id) {
        try (Stream<String> members = store.members(id)) {
            return members.toList();
        }
    }

    private void assertState(TargetGroup expected, List<String> members) {
        assertThat(store.find(expected.id())).as("find(%s)", expected.id()).contains(expected);
        assertThat(membersOf(expected.id())).as("members(%s)", expected.id()).isEqualTo(members);
    }

    private static void assertCausedBy(Throwable thrown, Throwable cause) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t == cause) {
                return;
            }
        }
        throw new AssertionError("expected the member stream's failure to propagate, got " + thrown, thrown);
    }

    /** Runs {@link #WRITERS} tasks that start together; returns each result or exception. */
    private static List<Object> race(IntFunction<Callable<?>> writers) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CyclicBarrier start = new CyclicBarrier(WRITERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                Callable<?> writer = writers.apply(i);
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return writer.call();
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<?> f : futures) {
                try {
                    outcomes.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a concurrent writer did not finish within 60 s (deadlock?)", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int onlyWinner(List<Object> outcomes, Class<? extends Throwable> loserFailure) {
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Object o = outcomes.get(i);
            if (o instanceof TargetGroup) {
                winners.add(i);
            } else if (!loserFailure.isInstance(o)) {
                throw new AssertionError("writer " + i + " failed with " + o + ", expected "
                        + loserFailure.getSimpleName(), o instanceof Throwable t ? t : null);
            }
        }
        assertThat(winners).as("writers that won (of %d with the same expected version)", outcomes.size())
                .hasSize(1);
        return winners.get(0);
    }

    /**
     * Yields the members; after the first, waits a little for the other writers to reach the same
     * point, so that all writes are in flight together. Never blocks for long: a store that
     * serializes its writes is allowed.
     */
    private static Iterator<String> rendezvous(List<String> members, CountDownLatch inFlight) {
        Iterator<String> it = members.iterator();
        return new Iterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                String member = it.next();
                if (first) {
                    first = false;
                    inFlight.countDown();
                    try {
                        inFlight.await(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return member;
            }
        };
    }

    private static Iterator<String> breakingAfter(List<String> members, int count, RuntimeException failure) {
        Iterator<String> it = members.iterator();
        return new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                if (served == count) {
                    throw failure;
                }
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                served++;
                return it.next();
            }
        };
    }

    /** The failure of a member source that breaks off in the middle of a write. */
    private static final class MemberSourceBrokeOff extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MemberSourceBrokeOff() {
            super("kit: the member source broke off midway");
        }
    }
}
