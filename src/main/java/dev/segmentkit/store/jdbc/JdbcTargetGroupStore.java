package dev.segmentkit.store.jdbc;

import dev.segmentkit.json.SegmentkitJson;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.StoreException;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TargetGroupStore} in a relational database reached through a {@link DataSource}
 * (tested on PostgreSQL 15). Three tables hold the data: {@code <prefix>target_groups} (one row
 * per group: metadata columns, the version and the group's JSON document with its snapshot and
 * history), {@code <prefix>members} (one row per member of each snapshot) and
 * {@code <prefix>import_history} (one row per import record). {@link #createSchemaIfMissing()}
 * creates them; {@link #schemaSql()} returns the DDL for hosts that manage their schema
 * themselves.
 *
 * <p>Each write is one transaction: the new snapshot's members are inserted next to the current
 * ones in multi-row {@code INSERT}s of {@link #batchSize()} rows, then the group's row is switched
 * with {@code UPDATE ... WHERE id = ? AND version = ?} and the previous snapshot's members are
 * deleted. Readers see the old state or the new one, never a mix; a write that fails (the member
 * source throws, the connection dies, the version is stale) is rolled back and changes nothing.
 * Member streams read one snapshot through a cursor ({@link #fetchSize()} rows per round trip) on
 * a connection of their own, held until the stream is closed or read to its end, so no group
 * sits in the heap whatever its size.
 *
 * <p>Thread-safe: the store keeps no state but its settings, and every call takes its own
 * connection from the data source. A re-import through {@code ImportService} holds two
 * connections at once (the old members stream and the write), so a pool needs at least two per
 * concurrent re-import. Several stores, in one process or many, may share the same tables.
 *
 * <p>SQL failures are wrapped in {@link StoreException}s that name the target group; exceptions
 * thrown by a write's member iterator or metadata supplier propagate unchanged after the
 * rollback.
 */
public final class JdbcTargetGroupStore implements TargetGroupStore {

    /** The table prefix used unless the builder sets another. */
    public static final String DEFAULT_TABLE_PREFIX = "segmentkit_";

    /**
     * The number of member rows per {@code INSERT} unless the builder sets another: 1,000 was the
     * fastest of 100, 500, 1,000, 2,000 and 4,000 for a million members on PostgreSQL 15 (see the
     * README's "PostgreSQL store" section).
     */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /** The number of member rows fetched per round trip unless the builder sets another. */
    public static final int DEFAULT_FETCH_SIZE = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTargetGroupStore.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}");
    private static final int MEMBER_COLUMNS = 4;
    private static final String GROUP_COLUMNS = "name, version, members_version, member_count, segment_id, "
            + "revision, fingerprint, created_at, updated_at, document";

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String prefix;
    private final int batchSize;
    private final int fetchSize;

    private final String groups;
    private final String members;
    private final String history;
    private final String insertBatchSql;

    private JdbcTargetGroupStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.dialect = SqlDialect.POSTGRESQL;
        this.prefix = builder.tablePrefix == null ? DEFAULT_TABLE_PREFIX : builder.tablePrefix;
        this.batchSize = builder.batchSize == null ? DEFAULT_BATCH_SIZE : builder.batchSize;
        this.fetchSize = builder.fetchSize == null ? DEFAULT_FETCH_SIZE : builder.fetchSize;
        this.groups = prefix + "target_groups";
        this.members = prefix + "members";
        this.history = prefix + "import_history";
        this.insertBatchSql = insertMembersSql(batchSize);
    }

    /**
     * Returns a builder for a store on the data source.
     *
     * @param dataSource where the tables live
     * @return a builder with the default settings
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Creates the store's tables where they do not exist yet, in one transaction. Existing tables
     * are left as they are (their data too). Safe to call on every start.
     *
     * @return this store
     * @throws StoreException if the statements fail; the transaction is rolled back
     */
    public JdbcTargetGroupStore createSchemaIfMissing() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : schemaStatements()) {
                    s.execute(statement);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create the tables " + groups + ", " + members + ", " + history
                    + ": " + e.getMessage(), e);
        }
        LOG.debug("schema ready: {}, {}, {}", groups, members, history);
        return this;
    }

    /**
     * Returns the DDL that {@link #createSchemaIfMissing()} runs, with this store's table prefix:
     * for hosts that manage their schema with a migration tool.
     *
     * @return the statements, each ending with a semicolon and a line end
     */
    public String schemaSql() {
        StringBuilder out = new StringBuilder();
        for (String statement : schemaStatements()) {
            out.append(statement).append(";\n");
        }
        return out.toString();
    }

    /**
     * Returns the table prefix.
     *
     * @return the prefix of every table name
     */
    public String tablePrefix() {
        return prefix;
    }

    /**
     * Returns the number of member rows per {@code INSERT}.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the number of member rows a member stream fetches per round trip.
     *
     * @return the fetch size
     */
    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public Optional<TargetGroup> find(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT document FROM " + groups + " WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(parse(id.value(), rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(id, "find", e);
        }
    }

    @Override
    public List<TargetGroup> list() {
        List<TargetGroup> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, document FROM " + groups + " ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(parse(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list the target groups in " + groups + ": " + e.getMessage(), e);
        }
        // The contract's order is TargetGroupId's; do not depend on the database collation.
        out.sort(Comparator.comparing(TargetGroup::id));
        return List.copyOf(out);
    }

    @Override
    public Stream<String> members(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        Connection c = open(id, "read the members of");
        MemberCursor cursor = new MemberCursor(id, c);
        try {
            cursor.open();
        } catch (SQLException e) {
            cursor.close();
            throw failure(id, "read the members of", e);
        } catch (RuntimeException | Error e) {
            cursor.close();
            throw e;
        }
        return StreamSupport.stream(cursor, false).onClose(cursor::close);
    }

    @Override
    public TargetGroup create(GroupWrite write) {
        Objects.requireNonNull(write, "write");
        TargetGroupId id = write.id();
        return inTransaction(id, "create", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + groups + " WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new TargetGroupExistsException(id);
                    }
                }
            }
            long count = stage(c, id, 1, write.members());
            TargetGroup group = write.group();
            if (group.version() != 1) {
                throw new IllegalArgumentException("a new target group has version 1, got " + group.version());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + groups + " (" + GROUP_COLUMNS
                    + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindGroup(ps, group, 1);
                ps.executeUpdate();
            }
            writeHistory(c, group);
            c.commit();
            LOG.debug("target group {}: created with {} members", id, count);
            return group;
        }, (c, e) -> new TargetGroupExistsException(id));
    }

    @Override
    public TargetGroup replace(GroupWrite write, long expectedVersion) {
        Objects.requireNonNull(write, "write");
        TargetGroupId id = write.id();
        long snapshot = expectedVersion + 1;
        return inTransaction(id, "replace", c -> {
            long actual = storedVersion(c, id);
            if (actual != expectedVersion) {
                throw new VersionConflictException(id, expectedVersion, actual);
            }
            long count = stage(c, id, snapshot, write.members());
            TargetGroup group = write.group();
            requireNext(group, expectedVersion);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + groups + " SET name = ?, version = ?, "
                    + "members_version = ?, member_count = ?, segment_id = ?, revision = ?, fingerprint = ?, "
                    + "created_at = ?, updated_at = ?, document = ? WHERE id = ? AND version = ?")) {
                bindGroup(ps, group, snapshot);
                ps.setLong(12, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    throw conflictOrMissing(c, id, expectedVersion);
                }
            }
            writeHistory(c, group);
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + members + " WHERE group_id = ? AND snapshot_version <> ?")) {
                ps.setString(1, id.value());
                ps.setLong(2, snapshot);
                ps.executeUpdate();
            }
            c.commit();
            LOG.debug("target group {}: replaced version {} with {} members", id, expectedVersion, count);
            return group;
        }, (c, e) -> conflictAfterRollback(c, id, expectedVersion, e));
    }

    @Override
    public TargetGroup update(TargetGroup group, long expectedVersion) {
        Objects.requireNonNull(group, "group");
        TargetGroupId id = group.id();
        return inTransaction(id, "update", c -> {
            TargetGroup stored;
            long membersVersion;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT document, members_version FROM " + groups + " WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new TargetGroupNotFoundException(id);
                    }
                    stored = parse(id.value(), rs.getString(1));
                    membersVersion = rs.getLong(2);
                }
            }
            if (stored.version() != expectedVersion) {
                throw new VersionConflictException(id, expectedVersion, stored.version());
            }
            requireNext(group, expectedVersion);
            if (!stored.snapshot().equals(group.snapshot()) || !stored.history().equals(group.history())) {
                throw new IllegalArgumentException(
                        "update keeps the snapshot and history; use replace to change them");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + groups + " SET name = ?, version = ?, "
                    + "members_version = ?, member_count = ?, segment_id = ?, revision = ?, fingerprint = ?, "
                    + "created_at = ?, updated_at = ?, document = ? WHERE id = ? AND version = ?")) {
                bindGroup(ps, group, membersVersion);
                ps.setLong(12, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    throw conflictOrMissing(c, id, expectedVersion);
                }
            }
            c.commit();
            LOG.debug("target group {}: updated to version {}", id, group.version());
            return group;
        }, null);
    }

    @Override
    public void delete(TargetGroupId id, long expectedVersion) {
        Objects.requireNonNull(id, "id");
        inTransaction(id, "delete", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + groups + " WHERE id = ? AND version = ?")) {
                ps.setString(1, id.value());
                ps.setLong(2, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    throw conflictOrMissing(c, id, expectedVersion);
                }
            }
            for (String table : List.of(members, history)) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE group_id = ?")) {
                    ps.setString(1, id.value());
                    ps.executeUpdate();
                }
            }
            c.commit();
            LOG.debug("target group {}: deleted", id);
            return null;
        }, null);
    }

    /** Does nothing: the data source belongs to the caller, who closes it. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "JdbcTargetGroupStore[tablePrefix=" + prefix + ", batchSize=" + batchSize + ", fetchSize="
                + fetchSize + "]";
    }

    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface UniqueViolation {
        /** Called after the rollback, on the same connection, to tell who won the race. */
        RuntimeException map(Connection c, SQLException e) throws SQLException;
    }

    /**
     * Runs work in a READ COMMITTED transaction on a connection of its own; rolls back on any
     * failure, maps a unique violation with {@code onUniqueViolation} (after the rollback) and
     * other SQL failures to a StoreException; lets every other exception through unchanged.
     */
    private <T> T inTransaction(TargetGroupId id, String action, Work<T> work, UniqueViolation onUniqueViolation) {
        Connection c = open(id, action);
        try {
            boolean autoCommit;
            int isolation;
            try {
                autoCommit = c.getAutoCommit();
                isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            } catch (SQLException e) {
                throw failure(id, action, e);
            }
            try {
                return work.run(c);
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                if (onUniqueViolation != null && dialect.isUniqueViolation(e)) {
                    LOG.debug("target group {}: {} collided with a concurrent writer: {}", id, action,
                            e.getMessage());
                    RuntimeException mapped;
                    try {
                        mapped = onUniqueViolation.map(c, e);
                        c.rollback();
                    } catch (SQLException again) {
                        again.addSuppressed(e);
                        throw failure(id, action, again);
                    }
                    throw mapped;
                }
                throw failure(id, action, e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                try {
                    c.setTransactionIsolation(isolation);
                } catch (SQLException e) {
                    LOG.debug("target group {}: cannot restore the isolation level", id, e);
                }
                restoreAutoCommit(c, autoCommit);
            }
        } finally {
            closeQuietly(c, id);
        }
    }

    private Connection open(TargetGroupId id, String action) {
        try {
            return Objects.requireNonNull(dataSource.getConnection(), "the data source returned no connection");
        } catch (SQLException e) {
            throw failure(id, action, e);
        }
    }

    /** Inserts the members in multi-row INSERTs and returns how many there were. */
    private long stage(Connection c, TargetGroupId id, long snapshot, Iterator<String> source) throws SQLException {
        String[] batch = new String[batchSize];
        int n = 0;
        long ordinal = 0;
        PreparedStatement full = null;
        try {
            while (source.hasNext()) {
                batch[n++] = source.next();
                if (n == batchSize) {
                    if (full == null) {
                        full = c.prepareStatement(insertBatchSql);
                    }
                    bindMembers(full, id, snapshot, ordinal, batch, n);
                    full.executeUpdate();
                    ordinal += n;
                    n = 0;
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
        if (n > 0) {
            try (PreparedStatement rest = c.prepareStatement(insertMembersSql(n))) {
                bindMembers(rest, id, snapshot, ordinal, batch, n);
                rest.executeUpdate();
            }
        }
        return ordinal + n;
    }

    private static void bindMembers(PreparedStatement ps, TargetGroupId id, long snapshot, long firstOrdinal,
            String[] batch, int n) throws SQLException {
        int p = 1;
        for (int i = 0; i < n; i++) {
            ps.setString(p++, id.value());
            ps.setLong(p++, snapshot);
            ps.setLong(p++, firstOrdinal + i);
            ps.setString(p++, batch[i]);
        }
    }

    private String insertMembersSql(int rows) {
        StringBuilder sql = new StringBuilder(64 + rows * 16).append("INSERT INTO ").append(members)
                .append(" (group_id, snapshot_version, ordinal, member) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /** Binds the group's columns as parameters 1 to 11 (the id last). */
    private static void bindGroup(PreparedStatement ps, TargetGroup group, long membersVersion) throws SQLException {
        ps.setString(1, group.name());
        ps.setLong(2, group.version());
        ps.setLong(3, membersVersion);
        ps.setLong(4, group.snapshot().memberCount());
        ps.setString(5, group.snapshot().segmentId().value());
        ps.setString(6, group.snapshot().revision());
        ps.setString(7, group.snapshot().fingerprint().hex());
        ps.setObject(8, utc(group.createdAt()));
        ps.setObject(9, utc(group.updatedAt()));
        ps.setString(10, SegmentkitJson.instance().writeTargetGroup(group));
        ps.setString(11, group.id().value());
    }

    private void writeHistory(Connection c, TargetGroup group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + history + " WHERE group_id = ?")) {
            ps.setString(1, group.id().value());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + history + " (group_id, seq_no, kind, "
                + "imported_at, revision, fingerprint, member_count, added, removed, imported_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ImportRecord r : group.history()) {
                ps.setString(1, group.id().value());
                ps.setLong(2, r.sequence());
                ps.setString(3, r.kind().name());
                ps.setObject(4, utc(r.at()));
                ps.setString(5, r.revision());
                ps.setString(6, r.fingerprint().hex());
                ps.setLong(7, r.memberCount());
                ps.setLong(8, r.added());
                ps.setLong(9, r.removed());
                ps.setString(10, r.importedBy().orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private long storedVersion(Connection c, TargetGroupId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + groups + " WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TargetGroupNotFoundException(id);
                }
                return rs.getLong(1);
            }
        }
    }

    /** After a write matched no row: the group is gone, or its version moved on. */
    private RuntimeException conflictOrMissing(Connection c, TargetGroupId id, long expectedVersion)
            throws SQLException {
        return new VersionConflictException(id, expectedVersion, storedVersion(c, id));
    }

    /**
     * After a replace collided with members another writer staged and committed for the same
     * version: reports the version that writer left (or that the group is gone).
     */
    private RuntimeException conflictAfterRollback(Connection c, TargetGroupId id, long expectedVersion,
            SQLException cause) throws SQLException {
        long actual;
        try {
            actual = storedVersion(c, id);
        } catch (TargetGroupNotFoundException e) {
            return e;
        }
        return actual == expectedVersion ? failure(id, "replace", cause)
                : new VersionConflictException(id, expectedVersion, actual);
    }

    private static void requireNext(TargetGroup group, long expectedVersion) {
        if (group.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be " + (expectedVersion + 1)
                    + ", got " + group.version());
        }
    }

    private TargetGroup parse(String id, String document) {
        try {
            return SegmentkitJson.instance().readTargetGroup(document, groups + " row '" + id + "'");
        } catch (InvalidDefinitionException e) {
            throw new StoreException("target group " + id + ": the stored document is corrupt: " + e.getMessage(), e);
        }
    }

    private List<String> schemaStatements() {
        String resource = dialect.schemaResource();
        String text;
        try (InputStream in = JdbcTargetGroupStore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema resource " + resource + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema resource " + resource, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line.stripTrailing());
            if (trimmed.endsWith(";")) {
                current.setLength(current.length() - 1);
                statements.add(current.toString().replace("{prefix}", prefix));
                current.setLength(0);
            }
        }
        return List.copyOf(statements);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static StoreException failure(TargetGroupId id, String action, SQLException e) {
        return new StoreException("target group " + id + ": cannot " + action + " it: " + e.getMessage()
                + " (SQLState " + e.getSQLState() + ")", e);
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.debug("cannot restore auto-commit on a connection", e);
        }
    }

    private static void closeQuietly(Connection c, TargetGroupId id) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("target group {}: cannot close a connection", id, e);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The members of one snapshot, read through a cursor in a REPEATABLE READ, read-only
     * transaction on a connection of its own: the group's row and its members are read from one
     * database snapshot, so a replace or delete that commits meanwhile is not seen.
     */
    private final class MemberCursor extends Spliterators.AbstractSpliterator<String> {

        private final TargetGroupId id;
        private final Connection connection;
        private boolean autoCommit = true;
        private int isolation = Connection.TRANSACTION_READ_COMMITTED;
        private boolean configured;
        private PreparedStatement statement;
        private ResultSet rows;
        private boolean closed;

        MemberCursor(TargetGroupId id, Connection connection) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.SORTED
                    | Spliterator.NONNULL);
            this.id = id;
            this.connection = connection;
        }

        void open() throws SQLException {
            autoCommit = connection.getAutoCommit();
            isolation = connection.getTransactionIsolation();
            configured = true;
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long snapshot;
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT members_version FROM " + groups + " WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new TargetGroupNotFoundException(id);
                    }
                    snapshot = rs.getLong(1);
                }
            }
            statement = connection.prepareStatement("SELECT member FROM " + members
                    + " WHERE group_id = ? AND snapshot_version = ? ORDER BY ordinal",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            statement.setString(1, id.value());
            statement.setLong(2, snapshot);
            rows = statement.executeQuery();
        }

        @Override
        public boolean tryAdvance(Consumer<? super String> action) {
            if (closed) {
                return false;
            }
            String member;
            try {
                if (!rows.next()) {
                    close();
                    return false;
                }
                member = rows.getString(1);
            } catch (SQLException e) {
                close();
                throw failure(id, "read the members of", e);
            }
            action.accept(member);
            return true;
        }

        @Override
        public Comparator<? super String> getComparator() {
            return null;
        }

        /** Ends the read transaction and gives the connection back; idempotent, never throws. */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            quietly(rows == null ? null : rows::close);
            quietly(statement == null ? null : statement::close);
            if (configured) {
                quietly(connection::rollback);
                quietly(() -> connection.setTransactionIsolation(isolation));
                quietly(() -> connection.setAutoCommit(autoCommit));
            }
            closeQuietly(connection, id);
        }

        private void quietly(SqlAction action) {
            if (action == null) {
                return;
            }
            try {
                action.run();
            } catch (SQLException e) {
                LOG.debug("target group {}: cannot end a member stream cleanly", id, e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Builds a {@link JdbcTargetGroupStore}. Each option may be set once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        /** The largest batch size: PostgreSQL takes at most 32,767 parameters per statement. */
        public static final int MAX_BATCH_SIZE = SqlDialect.POSTGRESQL.maxBindParameters() / MEMBER_COLUMNS;

        private final DataSource dataSource;
        private String tablePrefix;
        private Integer batchSize;
        private Integer fetchSize;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Sets the prefix of the table names ({@code <prefix>target_groups}, {@code <prefix>members},
         * {@code <prefix>import_history}), so that several stores can share one schema. The
         * default is {@value JdbcTargetGroupStore#DEFAULT_TABLE_PREFIX}. To use another database
         * schema, set it on the data source (PostgreSQL: {@code currentSchema}).
         *
         * @param tablePrefix 1 to 30 characters of {@code [A-Za-z0-9_]}, not starting with a digit
         * @return this builder
         * @throws NullPointerException if {@code tablePrefix} is null
         * @throws IllegalArgumentException if {@code tablePrefix} is not such an identifier
         * @throws IllegalStateException if the prefix was set already
         */
        public Builder tablePrefix(String tablePrefix) {
            Objects.requireNonNull(tablePrefix, "tablePrefix");
            if (this.tablePrefix != null) {
                throw new IllegalStateException("tablePrefix was already set to " + this.tablePrefix);
            }
            if (!PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must be 1 to 30 characters of [A-Za-z0-9_], "
                        + "not starting with a digit, got '" + tablePrefix.replaceAll("\\p{Cntrl}", "?") + "'");
            }
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * Sets the number of member rows per multi-row {@code INSERT}. The default is
         * {@value JdbcTargetGroupStore#DEFAULT_BATCH_SIZE}.
         *
         * @param batchSize 1 to {@link #MAX_BATCH_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if {@code batchSize} is out of range
         * @throws IllegalStateException if the batch size was set already
         */
        public Builder batchSize(int batchSize) {
            if (this.batchSize != null) {
                throw new IllegalStateException("batchSize was already set to " + this.batchSize);
            }
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException(
                        "batchSize must be 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the number of member rows a member stream fetches per round trip; the stream holds
         * at most that many in the heap. The default is
         * {@value JdbcTargetGroupStore#DEFAULT_FETCH_SIZE}.
         *
         * @param fetchSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code fetchSize} is below 1
         * @throws IllegalStateException if the fetch size was set already
         */
        public Builder fetchSize(int fetchSize) {
            if (this.fetchSize != null) {
                throw new IllegalStateException("fetchSize was already set to " + this.fetchSize);
            }
            if (fetchSize < 1) {
                throw new IllegalArgumentException("fetchSize must be at least 1, got " + fetchSize);
            }
            this.fetchSize = fetchSize;
            return this;
        }

        /**
         * Builds the store. It does not touch the database; call
         * {@link JdbcTargetGroupStore#createSchemaIfMissing()} to create the tables.
         *
         * @return the store
         */
        public JdbcTargetGroupStore build() {
            return new JdbcTargetGroupStore(this);
        }
    }
}
