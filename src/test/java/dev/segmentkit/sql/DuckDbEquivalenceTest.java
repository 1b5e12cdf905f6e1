package dev.segmentkit.sql;

/** The equivalence tests on DuckDB, embedded, in memory. */
class DuckDbEquivalenceTest extends EquivalenceContract {

    @Override
    Engine createEngine() {
        return Engine.duckdb();
    }

    @Override
    int randomTries() {
        return 200;
    }
}
