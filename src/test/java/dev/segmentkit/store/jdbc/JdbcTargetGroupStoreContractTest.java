package dev.segmentkit.store.jdbc;

import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.tck.TargetGroupStoreContract;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the compatibility kit on the JDBC store against the PostgreSQL server of
 * {@code SEGMENTKIT_TEST_JDBC_URL}: every test gets fresh tables (a table prefix of its own) in a
 * database schema of this class; the second instance of TGS-15 is another store on another data
 * source.
 */
class JdbcTargetGroupStoreContractTest extends TargetGroupStoreContract {

    private static final AtomicInteger STORES = new AtomicInteger();
    private static String schema;

    @BeforeAll
    static void createDatabaseSchema() {
        schema = TestDatabase.createSchema();
    }

    @AfterAll
    static void dropDatabaseSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Override
    protected TargetGroupStore createStore() {
        return JdbcTargetGroupStore.builder(TestDatabase.dataSource(schema))
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
        return Optional.of(JdbcTargetGroupStore.builder(TestDatabase.dataSource(schema))
                .tablePrefix(first.tablePrefix())
                .build());
    }
}
