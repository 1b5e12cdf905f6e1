package dev.segmentkit.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.Value;
import dev.segmentkit.store.jdbc.TestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database engine the tests load histories into: DuckDB embedded in memory, or the PostgreSQL
 * server of {@code SEGMENTKIT_TEST_JDBC_URL} in a schema of its own. The events table is
 * {@code events(line, visitor, session, time, event, properties)}, {@code line} being the input
 * line (the JVM evaluator's tie-break for attributes).
 */
abstract class Engine implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** Connections handed out and not yet closed, to prove exports release theirs. */
    final AtomicInteger openConnections = new AtomicInteger();
    final AtomicInteger connectionsTaken = new AtomicInteger();
    /** The fetch size last set on a statement prepared through the data source. */
    final AtomicInteger lastFetchSize = new AtomicInteger();

    abstract SqlDialect dialect();

    /** A data source whose connections are counted. */
    abstract DataSource dataSource();

    abstract String createTable(String table);

    static Engine duckdb() {
        return new DuckDb();
    }

    static Engine postgresql() {
        return new Postgres();
    }

    void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the table's rows with the events, line numbers from 1, in batches. */
    void load(String table, List<TrackedEvent> events) {
        execute("DROP TABLE IF EXISTS " + table);
        execute(createTable(table));
        int batch = 1000;
        try (Connection c = dataSource().getConnection()) {
            for (int from = 0; from < events.size(); from += batch) {
                int to = Math.min(events.size(), from + batch);
                StringBuilder sql = new StringBuilder("INSERT INTO " + table
                        + " (line, visitor, session, time, event, properties) VALUES ");
                for (int i = from; i < to; i++) {
                    sql.append(i > from ? ", " : "").append("(?, ?, ?, ?, ?, CAST(? AS ")
                            .append(dialect() == SqlDialect.postgresql() ? "jsonb" : "JSON")
                            .append("))");
                }
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (int i = from; i < to; i++) {
                        TrackedEvent e = events.get(i);
                        ps.setLong(p++, i + 1);
                        ps.setString(p++, e.visitor());
                        ps.setString(p++, e.session());
                        ps.setObject(p++, OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC));
                        ps.setString(p++, e.event());
                        ps.setString(p++, json(e.properties()));
                    }
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading " + events.size() + " events: "
                    + e.getMessage(), e);
        }
    }

    /** The SQL types of the typed table's revenue, category and flag columns. */
    abstract List<String> typedColumns();

    /**
     * Replaces the typed table's rows: {@code revenue} (numbers), {@code category} (strings) and
     * {@code flag} (booleans, from the property {@code missing}) in columns of their own.
     */
    void loadTyped(String table, List<TrackedEvent> events) {
        execute("DROP TABLE IF EXISTS " + table);
        List<String> types = typedColumns();
        execute("CREATE TABLE " + table + " (line BIGINT NOT NULL, visitor VARCHAR(512) NOT NULL,"
                + " session VARCHAR(100) NOT NULL, time TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " event VARCHAR(100) NOT NULL, revenue " + types.get(0) + ", category "
                + types.get(1) + ", flag " + types.get(2) + ")");
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                TrackedEvent e = events.get(i);
                ps.setLong(1, i + 1);
                ps.setString(2, e.visitor());
                ps.setString(3, e.session());
                ps.setObject(4, OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC));
                ps.setString(5, e.event());
                Value revenue = e.properties().get("revenue");
                Value category = e.properties().get("category");
                Value flag = e.properties().get("missing");
                ps.setObject(6, revenue == null ? null : ((Value.Number) revenue).number(),
                        java.sql.Types.DECIMAL);
                ps.setObject(7, category == null ? null : ((Value.Text) category).text(),
                        java.sql.Types.VARCHAR);
                ps.setObject(8, flag == null ? null : ((Value.Bool) flag).bool(),
                        java.sql.Types.BOOLEAN);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading typed events: " + e.getMessage(), e);
        }
    }

    static String json(Map<String, Value> properties) {
        Map<String, Object> plain = new TreeMap<>();
        properties.forEach((k, v) -> plain.put(k, v instanceof Value.Number
                ? ((Value.Number) v).number() : v instanceof Value.Text ? ((Value.Text) v).text()
                : (Object) ((Value.Bool) v).bool()));
        try {
            return JSON.writeValueAsString(plain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wraps connections so that closing them is counted. */
    DataSource counting(ConnectionFactory factory) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = factory.get();
                connectionsTaken.incrementAndGet();
                openConnections.incrementAndGet();
                return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                        Engine.class.getClassLoader(), new Class<?>[] {Connection.class},
                        new java.lang.reflect.InvocationHandler() {
                            private boolean closed;

                            @Override
                            public Object invoke(Object proxy, java.lang.reflect.Method m,
                                    Object[] args) throws Throwable {
                                if (m.getName().equals("close") && !closed) {
                                    closed = true;
                                    openConnections.decrementAndGet();
                                }
                                Object result;
                                try {
                                    result = m.invoke(real, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                                if (result instanceof PreparedStatement) {
                                    return recording((PreparedStatement) result);
                                }
                                return result;
                            }
                        });
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private PreparedStatement recording(PreparedStatement real) {
        return (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(
                Engine.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("setFetchSize")) {
                        lastFetchSize.set((Integer) args[0]);
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    interface ConnectionFactory {
        Connection get() throws SQLException;
    }

    /** DuckDB in memory: one database, a duplicate connection per request. */
    private static final class DuckDb extends Engine {
        private final DuckDBConnection root;
        private final DataSource dataSource;

        DuckDb() {
            try {
                root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            dataSource = counting(root::duplicate);
        }

        @Override
        SqlDialect dialect() {
            return SqlDialect.duckdb();
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        @Override
        String createTable(String table) {
            return "CREATE TABLE " + table + " (line BIGINT NOT NULL, visitor VARCHAR NOT NULL, "
                    + "session VARCHAR NOT NULL, time TIMESTAMPTZ NOT NULL, event VARCHAR NOT NULL,"
                    + " properties JSON NOT NULL)";
        }

        @Override
        List<String> typedColumns() {
            return List.of("DECIMAL(38,12)", "VARCHAR", "BOOLEAN");
        }

        @Override
        public void close() throws SQLException {
            root.close();
        }

        @Override
        public String toString() {
            return "DuckDB";
        }
    }

    /** The PostgreSQL server of SEGMENTKIT_TEST_JDBC_URL, in a schema of its own. */
    private static final class Postgres extends Engine {
        private final String schema;
        private final DataSource dataSource;

        Postgres() {
            TestDatabase.url("the SQL engine tests on PostgreSQL", "SQL engines");
            schema = TestDatabase.createSchema();
            PGSimpleDataSource pg = TestDatabase.dataSource(schema);
            dataSource = counting(pg::getConnection);
        }

        @Override
        SqlDialect dialect() {
            return SqlDialect.postgresql();
        }

        @Override
        DataSource dataSource() {
            return dataSource;
        }

        @Override
        String createTable(String table) {
            return "CREATE TABLE " + table + " (line bigint NOT NULL, visitor text NOT NULL, "
                    + "session text NOT NULL, time timestamptz NOT NULL, event text NOT NULL, "
                    + "properties jsonb NOT NULL)";
        }

        @Override
        List<String> typedColumns() {
            return List.of("numeric", "text", "boolean");
        }

        @Override
        public void close() {
            TestDatabase.dropSchema(schema);
        }

        @Override
        public String toString() {
            return "PostgreSQL";
        }
    }
}
