package dev.segmentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.importing.ImportResult;
import dev.segmentkit.importing.ImportService;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.StoreException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the compatibility kit cannot check from outside: the tables, a connection that dies in the
 * middle of a re-import, and two stores on two pools racing, all on the PostgreSQL server of
 * {@code SEGMENTKIT_TEST_JDBC_URL}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JdbcTargetGroupStoreTest {

    private static final SegmentId SEGMENT = SegmentId.of("buyers");
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static String schema;

    @BeforeAll
    static void createDatabaseSchema() {
        schema = TestDatabase.createSchema();
    }

    @AfterAll
    static void dropDatabaseSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    @DisplayName("createSchemaIfMissing creates the three tables, and a second call keeps their data")
    void createSchemaIfMissingIsIdempotentAndKeepsData() throws SQLException {
        String prefix = prefix();
        InMemorySegmentSource source = source(members("a", 10));
        TargetGroup group = ImportService.create(source, store(prefix)).importSegment(SEGMENT).targetGroup();

        JdbcTargetGroupStore again = store(prefix);

        assertThat(again.find(group.id())).contains(group);
        assertThat(tables(prefix)).containsExactlyInAnyOrder(
                prefix + "import_history", prefix + "members", prefix + "target_groups");
    }

    @Test
    @DisplayName("a re-import leaves one snapshot's member rows, the group row's columns and one history row per import")
    void reimportLeavesOneSnapshotAndTheHistoryRows() {
        String prefix = prefix();
        InMemorySegmentSource source = source(members("a", 2_500));
        JdbcTargetGroupStore store = store(prefix);
        ImportService service = ImportService.create(source, store);
        TargetGroup v1 = service.importSegment(SEGMENT).targetGroup();
        source.setMembers(SEGMENT, members("b", 1_200));
        TargetGroup v2 = service.reimport(v1.id()).targetGroup();

        PGSimpleDataSource ds = TestDatabase.dataSource(schema);
        assertThat(TestDatabase.count(ds, "SELECT count(*) FROM " + prefix + "members")).isEqualTo(1_200);
        assertThat(TestDatabase.count(ds, "SELECT count(*) FROM " + prefix + "members WHERE snapshot_version = 2"))
                .isEqualTo(1_200);
        assertThat(TestDatabase.count(ds, "SELECT member_count FROM " + prefix + "target_groups WHERE id = '"
                + v2.id().value() + "' AND version = 2 AND members_version = 2")).isEqualTo(1_200);
        assertThat(TestDatabase.count(ds, "SELECT count(*) FROM " + prefix + "import_history WHERE group_id = '"
                + v2.id().value() + "' AND ((seq_no = 1 AND kind = 'IMPORT' AND added = 2500) "
                + "OR (seq_no = 2 AND kind = 'REIMPORT' AND added = 1200 AND removed = 2500))")).isEqualTo(2);
    }

    @Test
    @DisplayName("a store whose tables are missing fails with a StoreException naming the target group")
    void missingTablesFailWithStoreExceptionNamingTheGroup() {
        JdbcTargetGroupStore store = JdbcTargetGroupStore.builder(TestDatabase.dataSource(schema))
                .tablePrefix("never_created_").build();

        assertThatThrownBy(() -> store.find(TargetGroupId.of("wanted")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("wanted")
                .hasMessageContaining("never_created_target_groups");
    }

    @Test
    @DisplayName("a connection killed in the middle of a re-import leaves the previous snapshot intact")
    void connectionKilledMidReimportLeavesThePreviousSnapshot() {
        String prefix = prefix();
        List<String> before = members("a", 3_000);
        List<String> after = members("b", 5_000);
        InMemorySegmentSource source = source(before);
        JdbcTargetGroupStore store = JdbcTargetGroupStore.builder(new TestPool(TestDatabase.dataSource(schema)))
                .tablePrefix(prefix).batchSize(500).build().createSchemaIfMissing();
        TargetGroup v1 = ImportService.create(source, store).importSegment(SEGMENT).targetGroup();
        AtomicInteger killed = new AtomicInteger(-1);
        // 2,000 members (four batches) are staged when the writer's backend is terminated.
        HookedSource killing = new HookedSource(source, export -> after, (export, index) -> {
            if (index == 2_000) {
                killed.set(terminateBackendsInserting(prefix + "members"));
            }
        });

        assertThatThrownBy(() -> ImportService.create(killing, store).reimport(v1.id()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(v1.id().value());

        assertThat(killed).as("backends terminated").hasValue(1);
        assertThat(store.find(v1.id())).contains(v1);
        assertThat(members(store, v1.id())).isEqualTo(before);
        assertThat(TestDatabase.count(TestDatabase.dataSource(schema), "SELECT count(*) FROM " + prefix + "members"))
                .as("member rows: only the previous snapshot's").isEqualTo(before.size());
        TargetGroup v2 = ImportService.create(new HookedSource(source, export -> after, (e, i) -> { }), store)
                .reimport(v1.id()).targetGroup();
        assertThat(members(store, v2.id())).isEqualTo(after);
    }

    @Test
    @DisplayName("two stores on two pools re-importing one group at once: one wins, the other gets the conflict, no mix")
    void twoStoresRacingToReimportOneGroup() throws Exception {
        String prefix = prefix();
        List<String> setA = members("a", 2_500);
        List<String> setB = members("b", 3_700);
        InMemorySegmentSource source = source(members("start", 10));
        JdbcTargetGroupStore first = store(prefix);
        JdbcTargetGroupStore second = JdbcTargetGroupStore.builder(new TestPool(TestDatabase.dataSource(schema)))
                .tablePrefix(prefix).build();
        TargetGroup current = ImportService.create(source, first).importSegment(SEGMENT).targetGroup();
        CyclicBarrier bothStaging = new CyclicBarrier(2);
        // Export n hands out set A or B by its parity; both writers wait for each other at their first member,
        // when both have read the same version and neither has committed.
        HookedSource racing = new HookedSource(source, export -> export % 2 == 0 ? setA : setB, (export, index) -> {
            if (index == 0) {
                await(bothStaging);
            }
        });
        List<ImportService> services = List.of(ImportService.create(racing, first),
                ImportService.create(racing, second));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                TargetGroupId id = current.id();
                List<Future<ImportResult>> futures = new ArrayList<>();
                for (ImportService service : services) {
                    futures.add(pool.submit(() -> service.reimport(id)));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<ImportResult> f : futures) {
                    outcomes.add(outcome(f));
                }

                List<ImportResult> wins = outcomes.stream().filter(ImportResult.class::isInstance)
                        .map(ImportResult.class::cast).toList();
                assertThat(wins).as("round %d: winners", round).hasSize(1);
                long expected = current.version();
                assertThat(outcomes).filteredOn(o -> !(o instanceof ImportResult)).singleElement()
                        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                            assertThat(e.expectedVersion()).isEqualTo(expected);
                            assertThat(e.actualVersion()).isEqualTo(expected + 1);
                        });
                current = wins.get(0).targetGroup();
                List<String> winnersMembers = current.snapshot().memberCount() == setA.size() ? setA : setB;
                for (TargetGroupStore store : List.of(first, second)) {
                    assertThat(store.find(id)).contains(current);
                    assertThat(members(store, id)).isEqualTo(winnersMembers);
                }
                assertThat(TestDatabase.count(TestDatabase.dataSource(schema),
                        "SELECT count(*) FROM " + prefix + "members")).isEqualTo(winnersMembers.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String prefix() {
        return "t" + PREFIXES.incrementAndGet() + "_";
    }

    private static JdbcTargetGroupStore store(String prefix) {
        return JdbcTargetGroupStore.builder(new TestPool(TestDatabase.dataSource(schema)))
                .tablePrefix(prefix).build().createSchemaIfMissing();
    }

    private static InMemorySegmentSource source(List<String> members) {
        InMemorySegmentSource source = SegmentSource.inMemory();
        source.put(SEGMENT, "Buyers", SegmentDefinition.of(Condition.performedCount(EventFilter.named("order"),
                Operator.GTE, 1, TimeWindow.last(Duration.ofDays(30)))), members);
        return source;
    }

    private static List<String> members(String prefix, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(prefix + (100_000 + i));
        }
        return out;
    }

    private static List<String> members(TargetGroupStore store, TargetGroupId id) {
        try (Stream<String> members = store.members(id)) {
            return members.toList();
        }
    }

    private static List<String> tables(String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabase.dataSource(schema).getConnection();
                ResultSet rs = c.getMetaData().getTables(null, schema, prefix.replace("_", "\\_") + "%",
                        new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /** Terminates the backends whose last statement inserted into the table; returns how many. */
    private static int terminateBackendsInserting(String table) {
        int terminated = 0;
        try (Connection c = TestDatabase.dataSource(null).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND query LIKE 'INSERT INTO " + table + " %'")) {
            while (rs.next()) {
                if (rs.getBoolean(1)) {
                    terminated++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the writer: " + e.getMessage(), e);
        }
        return terminated;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other writer never started staging", e);
        }
    }

    private static Object outcome(Future<ImportResult> future) throws InterruptedException {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("a re-import did not finish within 30 s (deadlock?)", e);
        }
    }
}
