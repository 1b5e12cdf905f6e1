package dev.segmentkit.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for the tests: reuses physical connections (opening one costs
 * PostgreSQL a process) and checks, on every return, that the store handed the connection back
 * as it got it: auto-commit on, READ COMMITTED, no open transaction. A violation is recorded and
 * fails the test through {@link #violations()}.
 */
final class TestPool implements DataSource {

    private final DataSource physical;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    TestPool(DataSource physical) {
        this.physical = physical;
    }

    /** What the store left wrong on returned connections; empty when all came back clean. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Closes the idle physical connections. */
    synchronized void closeIdle() throws SQLException {
        for (Connection c : idle) {
            c.close();
        }
        idle.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c;
        synchronized (this) {
            c = idle.poll();
        }
        if (c == null) {
            c = physical.getConnection();
        }
        Connection target = c;
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (!returned[0]) {
                                returned[0] = true;
                                giveBack(target);
                            }
                            return null;
                        case "isClosed":
                            return returned[0] || target.isClosed();
                        default:
                            if (returned[0]) {
                                throw new SQLException("connection used after close: " + method.getName());
                            }
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    private void giveBack(Connection c) throws SQLException {
        if (c.isClosed() || !c.isValid(2)) {
            c.close();
            return;
        }
        if (!c.getAutoCommit()) {
            violations.add("a connection came back with auto-commit off");
            c.rollback();
            c.setAutoCommit(true);
        }
        if (c.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
            violations.add("a connection came back with isolation " + c.getTransactionIsolation());
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        synchronized (this) {
            idle.push(c);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the test pool has one user");
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
}
