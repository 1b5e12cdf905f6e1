package dev.segmentkit.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the tests run against, named by the environment variable
 * {@value #URL_VARIABLE} (a JDBC URL with user and password). Without it the tests are skipped
 * with a message that says so, except under {@code CI=true}, where they fail: CI must never pass
 * without having run them. Each test class works in a database schema of its own, dropped after.
 */
public final class TestDatabase {

    /** The environment variable that names the server. */
    public static final String URL_VARIABLE = "SEGMENTKIT_TEST_JDBC_URL";

    private TestDatabase() {
    }

    /** The server's JDBC URL; skips the calling test (fails it under CI=true) when none is set. */
    public static String url() {
        return url("the PostgreSQL store tests", "PostgreSQL store");
    }

    /**
     * The server's JDBC URL; skips the calling test (fails it under CI=true) when none is set,
     * with a message naming the tests and the README section that tells how to start a server.
     */
    public static String url(String tests, String readmeSection) {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = URL_VARIABLE + " is not set, so " + tests + " cannot run "
                    + "(see the README's \"" + readmeSection + "\" section to start a server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; under CI=true this fails the build");
            }
            Assumptions.abort(message + "; skipped");
        }
        return url;
    }

    /** Creates a fresh, empty database schema and returns its name. */
    public static String createSchema() {
        String schema = "sk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(dataSource(null), "CREATE SCHEMA " + schema);
        return schema;
    }

    public static void dropSchema(String schema) {
        if (schema != null) {
            execute(dataSource(null), "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** A new, unpooled data source (each connection is a new session) on the schema, or the default one. */
    public static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url());
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        ds.setApplicationName("segmentkit-tests");
        return ds;
    }

    public static void execute(PGSimpleDataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
        }
    }

    static long count(PGSimpleDataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
        }
    }
}
