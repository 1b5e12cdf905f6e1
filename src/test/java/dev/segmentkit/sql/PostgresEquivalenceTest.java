package dev.segmentkit.sql;

/**
 * The equivalence tests on the PostgreSQL server of {@code SEGMENTKIT_TEST_JDBC_URL}; skipped
 * with a message when it is unset, failed under {@code CI=true}.
 */
class PostgresEquivalenceTest extends EquivalenceContract {

    @Override
    Engine createEngine() {
        return Engine.postgresql();
    }

    @Override
    int randomTries() {
        return 120;
    }
}
