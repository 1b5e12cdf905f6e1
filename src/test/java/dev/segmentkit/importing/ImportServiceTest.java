package dev.segmentkit.importing;

import static dev.segmentkit.importing.Fixtures.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.spi.InvalidMembersException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SourceUnavailableException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ImportServiceTest {

    private static final SegmentId SHOES = SegmentId.of("shoe-lovers");

    private Fixtures.MutableClock clock;
    private InMemorySegmentSource source;
    private FailingSource failing;
    private TargetGroupStore store;
    private ImportService service;

    @BeforeEach
    void setUp() {
        clock = Fixtures.clock();
        source = SegmentSource.inMemory(clock);
        failing = new FailingSource(source);
        store = TargetGroupStore.inMemory();
        service = ImportService.builder(failing, store).clock(clock).build();
        source.put(SHOES, "Shoe lovers", Fixtures.shoeLovers(), members(0, 100));
    }

    private List<String> storedMembers(TargetGroupId id) {
        try (Stream<String> s = service.members(id)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    @DisplayName("an import copies definition, name, revision and members into a new target group")
    void importCopiesEverything() {
        ImportResult result = service.importSegment(SHOES,
                ImportOptions.builder().importedBy("alice").build());

        TargetGroup group = result.targetGroup();
        assertThat(result.created()).isTrue();
        assertThat(group.name()).isEqualTo("Shoe lovers");
        assertThat(group.version()).isEqualTo(1);
        assertThat(group.snapshot().definition()).isEqualTo(Fixtures.shoeLovers());
        assertThat(group.snapshot().fingerprint()).isEqualTo(Fixtures.shoeLovers().fingerprint());
        assertThat(group.snapshot().revision()).isEqualTo(source.find(SHOES).orElseThrow().revision());
        assertThat(group.snapshot().memberCount()).isEqualTo(100);
        assertThat(group.snapshot().importedAt()).isEqualTo(Fixtures.T0);
        assertThat(group.history()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ImportRecord.Kind.IMPORT);
            assertThat(r.added()).isEqualTo(100);
            assertThat(r.removed()).isZero();
            assertThat(r.importedBy()).contains("alice");
        });
        assertThat(storedMembers(group.id())).isEqualTo(members(0, 100));
        assertThat(store.find(group.id())).contains(group);
    }

    @Nested
    @DisplayName("1. snapshot semantics")
    class Snapshot {

        @Test
        @DisplayName("editing, renaming or deleting the segment after import changes nothing in the target group")
        void segmentChangesDoNotReachTheTargetGroup() {
            TargetGroup imported = service.importSegment(SHOES).targetGroup();

            source.redefine(SHOES, Fixtures.bigSpenders());
            source.rename(SHOES, "Former shoe lovers");
            source.setMembers(SHOES, members(500, 510));
            assertUnchanged(imported);

            source.remove(SHOES);
            assertUnchanged(imported);
        }

        private void assertUnchanged(TargetGroup imported) {
            TargetGroup now = store.find(imported.id()).orElseThrow();
            assertThat(now).isEqualTo(imported);
            assertThat(now.name()).isEqualTo("Shoe lovers");
            assertThat(now.snapshot().definition()).isEqualTo(Fixtures.shoeLovers());
            assertThat(now.snapshot().fingerprint()).isEqualTo(Fixtures.shoeLovers().fingerprint());
            assertThat(storedMembers(imported.id())).isEqualTo(members(0, 100));
        }
    }

    @Nested
    @DisplayName("2. deep immutability")
    class Immutability {

        @Test
        @DisplayName("mutating the lists a definition was built from, before or after import, has no effect")
        void mutableInputsAreCopied() {
            List<PropertyPredicate> where = new ArrayList<>(List.of(PropertyPredicate.eq("category", "shoes")));
            List<Value> countries = new ArrayList<>(List.of(Value.of("CH"), Value.of("AT")));
            List<Condition> children = new ArrayList<>();
            children.add(Condition.performedCount(new EventFilter("order", where), Operator.GTE, 2,
                    TimeWindow.last(Duration.ofDays(90))));
            children.add(Condition.attribute(PropertyPredicate.in("country", countries)));
            SegmentDefinition definition = SegmentDefinition.of(new Condition.AllOf(children));
            String fingerprintBefore = definition.fingerprint().hex();
            SegmentId id = SegmentId.of("mutable");
            source.put(id, "Mutable", definition, members(0, 3));

            where.add(PropertyPredicate.eq("brand", "acme"));
            countries.add(Value.of("DE"));
            children.add(Condition.not(Condition.attribute(PropertyPredicate.exists("vip"))));
            TargetGroup group = service.importSegment(id).targetGroup();

            where.clear();
            countries.clear();
            children.clear();

            SegmentDefinition stored = store.find(group.id()).orElseThrow().snapshot().definition();
            assertThat(stored.fingerprint().hex()).isEqualTo(fingerprintBefore);
            Condition.AllOf root = (Condition.AllOf) stored.condition();
            assertThat(root.conditions()).hasSize(2);
            Condition.Performed performed = (Condition.Performed) root.conditions().get(0);
            assertThat(performed.event().where()).hasSize(1);
            Condition.Attribute attribute = (Condition.Attribute) root.conditions().get(1);
            assertThat(attribute.predicate().operands()).containsExactly(Value.of("CH"), Value.of("AT"));
            assertThatThrownBy(() -> root.conditions().add(root))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> store.find(group.id()).orElseThrow().history().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    @DisplayName("3. re-import")
    class Reimport {

        @Test
        @DisplayName("keeps id and local name, bumps the version, appends history with added and removed counts")
        void reimportRefreshes() {
            TargetGroup first = service.importSegment(SHOES,
                    ImportOptions.builder().name("Spring campaign").build()).targetGroup();
            source.redefine(SHOES, Fixtures.bigSpenders());
            // 0..99 becomes 10..129: 10 removed (0..9), 30 added (100..129)
            source.setMembers(SHOES, members(10, 130));
            clock.advance(Duration.ofHours(1));

            ImportResult result = service.reimport(first.id(), "bob");

            TargetGroup group = result.targetGroup();
            assertThat(group.id()).isEqualTo(first.id());
            assertThat(group.name()).isEqualTo("Spring campaign");
            assertThat(group.version()).isEqualTo(first.version() + 1);
            assertThat(group.createdAt()).isEqualTo(first.createdAt());
            assertThat(group.updatedAt()).isEqualTo(Fixtures.T0.plus(Duration.ofHours(1)));
            assertThat(group.snapshot().definition()).isEqualTo(Fixtures.bigSpenders());
            assertThat(group.snapshot().memberCount()).isEqualTo(120);
            assertThat(group.history()).hasSize(2);
            ImportRecord r = group.history().get(1);
            assertThat(r.kind()).isEqualTo(ImportRecord.Kind.REIMPORT);
            assertThat(r.sequence()).isEqualTo(2);
            assertThat(r.added()).isEqualTo(30);
            assertThat(r.removed()).isEqualTo(10);
            assertThat(r.memberCount()).isEqualTo(120);
            assertThat(r.importedBy()).contains("bob");
            assertThat(result.record()).isEqualTo(r);
            assertThat(storedMembers(group.id())).isEqualTo(members(10, 130));
        }

        @Test
        @DisplayName("a clock that went back (skew, NTP step) does not break a re-import")
        void clockBehindCreation() {
            TargetGroup first = service.importSegment(SHOES).targetGroup();
            clock.advance(Duration.ofHours(-2));

            ImportResult result = service.reimport(first.id());

            assertThat(result.targetGroup().version()).isEqualTo(2);
            assertThat(result.targetGroup().updatedAt()).isEqualTo(first.updatedAt());
            assertThat(result.targetGroup().createdAt()).isEqualTo(first.createdAt());
        }

        @Test
        @DisplayName("counts members removed at the end and added before the start of the old ones")
        void mergeCountsAtBothEnds() {
            TargetGroup first = service.importSegment(SHOES).targetGroup();
            List<String> next = new ArrayList<>(List.of("a0", "a1"));
            next.addAll(members(0, 50));
            source.setMembers(SHOES, next);

            ImportRecord r = service.reimport(first.id()).record();

            assertThat(r.added()).isEqualTo(2);
            assertThat(r.removed()).isEqualTo(50);
            assertThat(r.memberCount()).isEqualTo(52);
        }

        @Test
        @DisplayName("to an empty membership removes every member")
        void reimportToEmpty() {
            TargetGroup first = service.importSegment(SHOES).targetGroup();
            source.setMembers(SHOES, List.of());

            ImportRecord r = service.reimport(first.id()).record();

            assertThat(r.added()).isZero();
            assertThat(r.removed()).isEqualTo(100);
            assertThat(storedMembers(first.id())).isEmpty();
        }
    }

    @Nested
    @DisplayName("4. re-import of a deleted segment")
    class DeletedSegment {

        @Test
        @DisplayName("fails with SegmentNotFoundException naming both ids and leaves the target group unchanged")
        void deletedSegment() {
            TargetGroup group = service.importSegment(SHOES).targetGroup();
            source.remove(SHOES);

            assertThatThrownBy(() -> service.reimport(group.id()))
                    .isInstanceOf(SegmentNotFoundException.class)
                    .hasMessageContaining(SHOES.value())
                    .hasMessageContaining(group.id().value())
                    .satisfies(e -> assertThat(((SegmentNotFoundException) e).segmentId()).isEqualTo(SHOES));
            assertThat(store.find(group.id())).contains(group);
            assertThat(storedMembers(group.id())).isEqualTo(members(0, 100));
        }
    }

    @Nested
    @DisplayName("5. a source that fails mid-stream")
    class FailingMidStream {

        @Test
        @DisplayName("import: no target group is left behind")
        void importLeavesNothing() {
            failing.failAfter(40);

            assertThatThrownBy(() -> service.importSegment(SHOES))
                    .isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining(SHOES.value())
                    .hasRootCauseMessage("connection to the analytics tool lost");
            assertThat(store.list()).isEmpty();
        }

        @Test
        @DisplayName("re-import: the old definition and all old members stay intact")
        void reimportKeepsOld() {
            TargetGroup group = service.importSegment(SHOES).targetGroup();
            source.redefine(SHOES, Fixtures.bigSpenders());
            source.setMembers(SHOES, members(50, 200));
            failing.failAfter(70);

            assertThatThrownBy(() -> service.reimport(group.id()))
                    .isInstanceOf(SourceUnavailableException.class);
            assertThat(store.find(group.id())).contains(group);
            assertThat(storedMembers(group.id())).isEqualTo(members(0, 100));
        }

        @Test
        @DisplayName("unsorted members from a broken source are refused and nothing is written")
        void unsortedMembersRefused() {
            SegmentSource unsorted = new SegmentSource() {
                @Override
                public List<SegmentSummary> list() {
                    return source.list();
                }

                @Override
                public Optional<dev.segmentkit.segment.Segment> find(SegmentId id) {
                    return source.find(id);
                }

                @Override
                public SegmentExport export(SegmentId id) {
                    return SegmentExport.of(source.find(id).orElseThrow(), Fixtures.T0,
                            Stream.of("b", "a"));
                }
            };
            ImportService broken = ImportService.create(unsorted, store);

            assertThatThrownBy(() -> broken.importSegment(SHOES))
                    .isInstanceOf(InvalidMembersException.class)
                    .hasMessageContaining("out of order");
            assertThat(store.list()).isEmpty();
        }
    }

    @Nested
    @DisplayName("6. concurrent re-imports")
    class Concurrency {

        @Test
        @DisplayName("eight threads re-importing one target group: final version = initial + applied, no lost update")
        void eightThreads() throws Exception {
            TargetGroup group = service.importSegment(SHOES).targetGroup();
            int threads = 8;
            int rounds = 25;
            AtomicInteger applied = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        try {
                            service.reimport(group.id());
                            applied.incrementAndGet();
                        } catch (VersionConflictException e) {
                            conflicts.incrementAndGet();
                        } catch (Throwable e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            TargetGroup last = store.find(group.id()).orElseThrow();
            assertThat(unexpected).isEmpty();
            assertThat(applied.get() + conflicts.get()).isEqualTo(threads * rounds);
            assertThat(applied.get()).isPositive();
            assertThat(last.version()).isEqualTo(group.version() + applied.get());
            assertThat(last.history()).hasSize(1 + applied.get());
            for (int i = 0; i < last.history().size(); i++) {
                assertThat(last.history().get(i).sequence()).isEqualTo(i + 1);
            }
            assertThat(storedMembers(group.id())).isEqualTo(members(0, 100));
        }
    }

    @Nested
    @DisplayName("7. staleness")
    class StalenessReasons {

        private TargetGroup group;

        @BeforeEach
        void importIt() {
            group = service.importSegment(SHOES).targetGroup();
        }

        @Test
        @DisplayName("not stale right after import and right after re-import")
        void freshIsNotStale() {
            assertThat(service.staleness(group.id()).isStale()).isFalse();
            source.redefine(SHOES, Fixtures.bigSpenders());
            assertThat(service.staleness(group.id()).isStale()).isTrue();
            service.reimport(group.id());
            assertThat(service.staleness(group.id()).reasons()).isEmpty();
            assertThat(service.staleTargetGroups()).isEmpty();
        }

        @Test
        @DisplayName("a new definition: DEFINITION_CHANGED and REVISION_CHANGED")
        void definitionChanged() {
            source.redefine(SHOES, Fixtures.bigSpenders());
            assertThat(service.staleness(group.id()).reasons()).containsExactly(
                    Staleness.Reason.DEFINITION_CHANGED, Staleness.Reason.REVISION_CHANGED);
        }

        @Test
        @DisplayName("new members only: REVISION_CHANGED")
        void revisionChanged() {
            source.setMembers(SHOES, members(0, 5));
            assertThat(service.staleness(group.id()).reasons())
                    .containsExactly(Staleness.Reason.REVISION_CHANGED);
        }

        @Test
        @DisplayName("a renamed segment: RENAMED (with the new revision)")
        void renamed() {
            source.rename(SHOES, "Sneaker fans");
            assertThat(service.staleness(group.id()).reasons()).containsExactly(
                    Staleness.Reason.REVISION_CHANGED, Staleness.Reason.RENAMED);
        }

        @Test
        @DisplayName("a deleted segment: SEGMENT_DELETED, listed by staleTargetGroups, target group untouched")
        void deleted() {
            source.remove(SHOES);
            Staleness s = service.staleness(group.id());
            assertThat(s.reasons()).containsExactly(Staleness.Reason.SEGMENT_DELETED);
            assertThat(s.segmentId()).isEqualTo(SHOES);
            assertThat(service.staleTargetGroups()).containsExactly(s);
            assertThat(store.find(group.id())).contains(group);
        }

        @Test
        @DisplayName("renaming the target group locally does not make it stale")
        void localRename() {
            service.rename(group.id(), "My list");
            assertThat(service.staleness(group.id()).isStale()).isFalse();
        }
    }

    @Nested
    @DisplayName("idempotency, rename and delete")
    class Management {

        @Test
        @DisplayName("the same idempotency key twice returns the first target group and creates nothing")
        void idempotencyKey() {
            ImportOptions options = ImportOptions.builder().idempotencyKey("campaign-42").build();
            ImportResult first = service.importSegment(SHOES, options);
            source.setMembers(SHOES, members(0, 5));
            ImportResult second = service.importSegment(SHOES, options);

            assertThat(second.created()).isFalse();
            assertThat(second.targetGroup()).isEqualTo(first.targetGroup());
            assertThat(store.list()).hasSize(1);
            assertThat(storedMembers(first.targetGroup().id())).hasSize(100);
        }

        @Test
        @DisplayName("an idempotency key used for another segment is refused")
        void idempotencyKeyOtherSegment() {
            SegmentId other = SegmentId.of("other");
            source.put(other, "Other", Fixtures.bigSpenders(), members(0, 2));
            ImportOptions options = ImportOptions.builder().idempotencyKey("k").build();
            service.importSegment(SHOES, options);

            assertThatThrownBy(() -> service.importSegment(other, options))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'k'").hasMessageContaining("shoe-lovers");
        }

        @Test
        @DisplayName("rename changes the local name and version only; delete removes group and members")
        void renameAndDelete() {
            TargetGroup group = service.importSegment(SHOES).targetGroup();
            TargetGroup renamed = service.rename(group.id(), "VIP shoes");

            assertThat(renamed.name()).isEqualTo("VIP shoes");
            assertThat(renamed.version()).isEqualTo(2);
            assertThat(renamed.snapshot()).isEqualTo(group.snapshot());
            assertThat(renamed.snapshot().segmentName()).isEqualTo("Shoe lovers");

            ImportResult again = service.reimport(group.id());
            assertThat(again.targetGroup().name()).isEqualTo("VIP shoes");

            service.delete(group.id());
            assertThat(store.find(group.id())).isEmpty();
            assertThat(source.find(SHOES)).isPresent();
            assertThatThrownBy(() -> service.members(group.id()))
                    .isInstanceOf(dev.segmentkit.spi.TargetGroupNotFoundException.class)
                    .hasMessageContaining(group.id().value());
        }

        @Test
        @DisplayName("listeners hear of imports after commit; a failing listener does not undo it")
        void listeners() {
            List<String> heard = new CopyOnWriteArrayList<>();
            ImportListener recorder = new ImportListener() {
                @Override
                public void onImported(ImportResult result) {
                    heard.add("imported " + store.find(result.targetGroup().id()).isPresent());
                }

                @Override
                public void onReimported(ImportResult result) {
                    heard.add("reimported v" + result.targetGroup().version());
                }
            };
            ImportListener broken = new ImportListener() {
                @Override
                public void onImported(ImportResult result) {
                    throw new IllegalStateException("listener bug");
                }
            };
            ImportService withListeners = ImportService.builder(source, store).clock(clock)
                    .listener(broken).listener(recorder).build();

            TargetGroup group = withListeners.importSegment(SHOES).targetGroup();
            withListeners.reimport(group.id());

            assertThat(heard).containsExactly("imported true", "reimported v2");
        }

        @Test
        @DisplayName("progress is reported every PROGRESS_INTERVAL members")
        void progress() {
            SegmentId big = SegmentId.of("big");
            source.put(big, "Big", Fixtures.bigSpenders(), members(0, 250_000));
            List<Long> progress = new CopyOnWriteArrayList<>();
            ImportService withProgress = ImportService.builder(source, store)
                    .listener(new ImportListener() {
                        @Override
                        public void onProgress(TargetGroupId id, long copied) {
                            progress.add(copied);
                        }
                    }).build();

            withProgress.importSegment(big);

            assertThat(progress).containsExactly(100_000L, 200_000L);
        }

        @Test
        @DisplayName("a builder refuses an option set twice")
        void builderRefusesTwice() {
            assertThatThrownBy(() -> ImportService.builder(source, store).clock(clock).clock(clock))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock");
            assertThatThrownBy(() -> ImportOptions.builder().name("a").name("b"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'a'");
        }
    }

    @Test
    @DisplayName("numbers compare by value in definitions: 5 and 5.0 give one fingerprint")
    void numericNormalization() {
        SegmentDefinition a = SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.of("size", Operator.EQ, Value.of(new BigDecimal("5")))));
        SegmentDefinition b = SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.of("size", Operator.EQ, Value.of(new BigDecimal("5.00")))));
        assertThat(a).isEqualTo(b);
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    }
}
