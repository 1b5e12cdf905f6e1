package dev.segmentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.tck.TargetGroupStoreContract;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the compatibility kit on the JDBC store against the PostgreSQL server of
 * {@code SEGMENTKIT_TEST_JDBC_URL}: every test gets fresh tables (a table prefix of its own) in a
 * database schema of this class, on a pool that checks every connection comes back clean; the
 * second instance of TGS-15 is another store on another pool.
 */
class JdbcTargetGroupStoreContractTest extends TargetGroupStoreContract {

    private static final AtomicInteger STORES = new AtomicInteger();
    private static String schema;

    private final List<TestPool> pools = new ArrayList<>();

    @BeforeAll
    static void createDatabaseSchema() {
        schema = TestDatabase.createSchema();
    }

    @AfterAll
    static void dropDatabaseSchema() {
        TestDatabase.dropSchema(schema);
    }

    @AfterEach
    void connectionsCameBackClean() throws SQLException {
        for (TestPool pool : pools) {
            pool.closeIdle();
            assertThat(pool.violations()).as("connections returned to the pool").isEmpty();
        }
    }

    @Override
    protected TargetGroupStore createStore() {
        return JdbcTargetGroupStore.builder(pool())
                .tablePrefix("kit" + STORES.incrementAndGet() + "_")
                .build()
                .createSchemaIfMissing();
    }

    @Override
    protected boolean keepsMembersOutsideHeap() {
        return true;
    }

    @Override
    protected Optional<TargetGroupStore> openSecondInstance(TargetGroupStore store) {
        JdbcTargetGroupStore first = (JdbcTargetGroupStore) store;
        return Optional.of(JdbcTargetGroupStore.builder(pool()).tablePrefix(first.tablePrefix()).build());
    }

    private TestPool pool() {
        TestPool pool = new TestPool(TestDatabase.dataSource(schema));
        pools.add(pool);
        return pool;
    }
}
