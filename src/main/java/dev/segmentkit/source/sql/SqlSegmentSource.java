package dev.segmentkit.source.sql;

import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.DefinitionCatalogs;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.MemberIds;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SegmentkitException;
import dev.segmentkit.spi.SourceUnavailableException;
import dev.segmentkit.sql.CompiledQuery;
import dev.segmentkit.sql.EventsTable;
import dev.segmentkit.sql.SegmentSqlCompiler;
import dev.segmentkit.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segment source whose members a SQL engine computes: the definitions come from one or more
 * catalogs (other segment sources, whose members are ignored, or suppliers of segment lists),
 * and an export compiles the segment's definition with a {@link SegmentSqlCompiler} into one
 * query over the events table, runs it through a {@link DataSource} as of a fixed instant or the
 * clock's current one, and streams the members. The events never enter the JVM; only the member
 * ids do, one fetch at a time.
 *
 * <p>Members are streamed sorted ascending in {@link String#compareTo} order and unique: the
 * query sorts them in binary (code point) order, which is the same order except for ids that
 * hold a character in U+E000..U+FFFF where another holds a supplementary character; those are
 * reordered on the way (held in memory until their place comes). Ids the engine returns out of
 * binary order, repeated or invalid (see {@link MemberIds}) fail the stream.
 *
 * <p>Each export takes one connection from the data source, turns auto-commit off for the query
 * (PostgreSQL streams with a cursor only inside a transaction), sets the fetch size, and on
 * close ends the transaction, restores auto-commit and closes (releases) the connection.
 * Failures are wrapped in {@link SourceUnavailableException} naming the segment.
 *
 * <p>Thread-safe: the source is immutable, catalogs are read on every call, every export has its
 * own connection. Supplier catalogs and the data source must be thread-safe.
 */
public final class SqlSegmentSource implements SegmentSource {

    private static final Logger LOG = LoggerFactory.getLogger(SqlSegmentSource.class);

    /** The default number of rows fetched per round trip. */
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final SegmentSqlCompiler compiler;
    private final DefinitionCatalogs catalogs;
    private final Instant fixedAsOf;
    private final Clock clock;
    private final int fetchSize;

    private SqlSegmentSource(Builder b) {
        this.dataSource = b.dataSource;
        this.compiler = b.compiler.build();
        ScoringConfig scoring = compiler.scoring();
        DefinitionCatalogs all = b.catalogs.build();
        this.catalogs = b.predefined
                ? all.with("predefined", () -> PredefinedCatalog.segments(scoring)) : all;
        this.fixedAsOf = b.asOf;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.fetchSize = b.fetchSize == 0 ? DEFAULT_FETCH_SIZE : b.fetchSize;
    }

    /**
     * Returns a builder over a data source in a dialect. The events table defaults to
     * {@code events} with the default columns (see {@link EventsTable}).
     *
     * @param dataSource where connections come from
     * @param dialect the SQL dialect of that database
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(DataSource dataSource, SqlDialect dialect) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"),
                Objects.requireNonNull(dialect, "dialect"));
    }

    /**
     * Returns the compiler this source uses (dialect, table, timeout, policy, scoring).
     *
     * @return the compiler
     */
    public SegmentSqlCompiler compiler() {
        return compiler;
    }

    /**
     * Returns the instant an export started now refers to: the fixed as-of instant, or the
     * clock's current instant.
     *
     * @return the evaluation instant
     */
    public Instant asOf() {
        return fixedAsOf != null ? fixedAsOf : clock.instant();
    }

    /**
     * Returns the fetch size of exports.
     *
     * @return the rows fetched per round trip
     */
    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public List<SegmentSummary> list() {
        return catalogs.list();
    }

    @Override
    public Optional<Segment> find(SegmentId id) {
        return catalogs.find(id);
    }

    /**
     * Returns the query an export of the segment would run now, without running it (for
     * {@code segments show --sql}, or to run it elsewhere).
     *
     * @param id the segment id
     * @return the compiled query, as of {@link #asOf()}
     * @throws NullPointerException if {@code id} is null
     * @throws SegmentNotFoundException if no catalog has the segment
     * @throws InvalidDefinitionException if two catalogs define the id, or the definition
     *     cannot be compiled for this table and dialect (a property without a column, a number
     *     the dialect cannot hold exactly)
     * @throws SourceUnavailableException if a catalog cannot be read
     */
    public CompiledQuery compile(SegmentId id) {
        Segment segment = find(id).orElseThrow(() -> new SegmentNotFoundException(id));
        return compile(segment, asOf());
    }

    private CompiledQuery compile(Segment segment, Instant asOf) {
        try {
            return compiler.compile(segment.definition(), asOf);
        } catch (IllegalArgumentException e) {
            throw new InvalidDefinitionException("segment '" + segment.id() + "' cannot be "
                    + "compiled to " + compiler.dialect() + " SQL: " + e.getMessage(),
                    null, 0, 0, null, e);
        }
    }

    /**
     * Exports a segment: compiles its definition as of {@link #asOf()}, runs the query and
     * streams the members, sorted ascending and unique, as the engine returns them. Close the
     * export to release the connection.
     *
     * @param id the segment id
     * @return the export, dated with the evaluation instant
     * @throws NullPointerException if {@code id} is null
     * @throws SegmentNotFoundException if no catalog has the segment
     * @throws InvalidDefinitionException if two catalogs define the id, or the definition
     *     cannot be compiled for this table and dialect
     * @throws SourceUnavailableException if a catalog cannot be read, or the query fails (no
     *     connection is held then); reading the member stream throws it too if the engine fails
     *     or returns members out of order, repeated or invalid
     */
    @Override
    public SegmentExport export(SegmentId id) {
        Segment segment = find(id).orElseThrow(() -> new SegmentNotFoundException(id));
        Instant asOf = asOf();
        CompiledQuery query = compile(segment, asOf);
        LOG.debug("exporting segment {} as of {} in {}:\n{}", id, asOf, compiler.dialect(),
                query.describe());
        Cursor cursor = new Cursor(id);
        try {
            cursor.open(query);
        } catch (SQLException | RuntimeException e) {
            cursor.close();
            if (e instanceof SegmentkitException) {
                throw (SegmentkitException) e;
            }
            throw new SourceUnavailableException("cannot export segment '" + id + "' from "
                    + compiler.dialect() + ": " + e.getMessage(), e);
        }
        Iterator<String> members = new JavaOrder(cursor);
        Iterator<String> checked = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return members.hasNext();
                } catch (IllegalStateException e) {
                    throw new SourceUnavailableException("export of segment '" + id + "': "
                            + compiler.dialect() + " returned " + e.getMessage()
                            + "; is the visitor column's collation binary?", e);
                }
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return members.next();
            }
        };
        Stream<String> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(checked,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false)
                .onClose(cursor::close);
        return SegmentExport.of(segment, asOf, stream);
    }

    /** One export's connection, statement and result set, read row by row. */
    private final class Cursor implements Iterator<String> {
        private final SegmentId id;
        private Connection connection;
        private Boolean autoCommit;
        private PreparedStatement statement;
        private ResultSet rows;
        private String next;
        private boolean done;
        private long count;

        Cursor(SegmentId id) {
            this.id = id;
        }

        void open(CompiledQuery query) throws SQLException {
            connection = dataSource.getConnection();
            autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            statement = connection.prepareStatement(query.sql());
            statement.setFetchSize(fetchSize);
            query.bind(statement);
            rows = statement.executeQuery();
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (done) {
                return false;
            }
            try {
                if (!rows.next()) {
                    done = true;
                    LOG.debug("exported segment {}: {} members", id, count);
                    return false;
                }
                String member = rows.getString(1);
                String problem = member == null ? "member id is null" : MemberIds.problem(member);
                if (problem != null) {
                    throw new SourceUnavailableException("export of segment '" + id + "': "
                            + compiler.dialect() + " returned an invalid member id after "
                            + count + " members: " + problem);
                }
                count++;
                next = member;
                return true;
            } catch (SQLException e) {
                throw new SourceUnavailableException("export of segment '" + id
                        + "' failed after " + count + " members: " + e.getMessage(), e);
            }
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String out = next;
            next = null;
            return out;
        }

        /** Releases everything, in reverse order; the connection is closed whatever fails. */
        void close() {
            done = true;
            List<Exception> failures = new ArrayList<>();
            if (rows != null) {
                quietly(rows::close, failures);
            }
            if (statement != null) {
                quietly(statement::close, failures);
            }
            if (connection != null) {
                if (Boolean.TRUE.equals(autoCommit)) {
                    quietly(connection::rollback, failures);
                    quietly(() -> connection.setAutoCommit(true), failures);
                }
                quietly(connection::close, failures);
            }
            rows = null;
            statement = null;
            connection = null;
            for (Exception e : failures) {
                LOG.warn("closing the export of segment {}: {}", id, e.toString());
            }
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void quietly(SqlAction action, List<Exception> failures) {
        try {
            action.run();
        } catch (SQLException | RuntimeException e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "SqlSegmentSource[" + compiler + ", " + catalogs + "]";
    }

    /**
     * Configures a {@link SqlSegmentSource}. At least one catalog is required; each option may
     * be set once; a fixed as-of instant and a clock exclude each other (neither: the system UTC
     * clock). Not thread-safe.
     */
    public static final class Builder {
        private final DataSource dataSource;
        /** The query options are the compiler's own, checked by its builder. */
        private final SegmentSqlCompiler.Builder compiler;
        private final DefinitionCatalogs.Builder catalogs = DefinitionCatalogs.builder();
        private Instant asOf;
        private Clock clock;
        private boolean predefined;
        private int fetchSize;

        private Builder(DataSource dataSource, SqlDialect dialect) {
            this.dataSource = dataSource;
            this.compiler = SegmentSqlCompiler.builder(dialect);
        }

        /**
         * Sets the events table; default {@code EventsTable.named("events")}.
         *
         * @param table the table
         * @return this builder
         * @throws NullPointerException if {@code table} is null
         * @throws IllegalStateException if the table was already set
         */
        public Builder table(EventsTable table) {
            compiler.table(table);
            return this;
        }

        /**
         * Adds a catalog that is another segment source; only its definitions are used, its
         * members are ignored.
         *
         * @param catalog the source of definitions
         * @return this builder
         * @throws NullPointerException if {@code catalog} is null
         * @throws IllegalArgumentException if the same source was already added
         */
        public Builder catalog(SegmentSource catalog) {
            catalogs.add(catalog);
            return this;
        }

        /**
         * Adds a catalog given as a supplier of segments, called on every list, find and export.
         *
         * @param name the catalog's name, used in messages
         * @param catalog supplies the segments; must be thread-safe
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank or already used
         */
        public Builder catalog(String name, Supplier<? extends List<Segment>> catalog) {
            catalogs.add(name, catalog);
            return this;
        }

        /**
         * Adds the predefined RFM/RFE catalog ({@link PredefinedCatalog}) under the name
         * {@code predefined}, with this source's scoring configuration (so its revisions follow
         * that configuration).
         *
         * @return this builder
         * @throws IllegalStateException if it was already added
         */
        public Builder predefinedCatalog() {
            if (predefined) {
                throw new IllegalStateException("the predefined catalog was already added");
            }
            predefined = true;
            return this;
        }

        /**
         * Evaluates as of a fixed instant.
         *
         * @param asOf the evaluation instant
         * @return this builder
         * @throws NullPointerException if {@code asOf} is null
         * @throws IllegalStateException if an instant or a clock was already set
         */
        public Builder asOf(Instant asOf) {
            Objects.requireNonNull(asOf, "asOf");
            requireNoInstant();
            this.asOf = asOf;
            return this;
        }

        /**
         * Evaluates as of the clock's current instant at each export.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         * @throws IllegalStateException if an instant or a clock was already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            requireNoInstant();
            this.clock = clock;
            return this;
        }

        private void requireNoInstant() {
            if (asOf != null || clock != null) {
                throw new IllegalStateException("the evaluation instant was already set ("
                        + (asOf != null ? "as of " + asOf : "clock " + clock)
                        + "); set either a fixed instant or a clock, once");
            }
        }

        /**
         * Sets the session timeout; default 30 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         * @throws IllegalStateException if the timeout was already set
         */
        public Builder sessionTimeout(Duration timeout) {
            compiler.sessionTimeout(timeout);
            return this;
        }

        /**
         * Sets the policy for active visitors; default
         * {@link HistoryPolicy#EXCLUDE_OPEN_SESSION_EVENTS}.
         *
         * @param policy the policy
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         * @throws IllegalStateException if the policy was already set
         */
        public Builder policy(HistoryPolicy policy) {
            compiler.policy(policy);
            return this;
        }

        /**
         * Sets the scoring configuration of {@code score} conditions; default
         * {@link ScoringConfig#defaults()}.
         *
         * @param config the configuration
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         * @throws IllegalStateException if the configuration was already set
         */
        public Builder scoring(ScoringConfig config) {
            compiler.scoring(config);
            return this;
        }

        /**
         * Sets the number of rows fetched per round trip; default
         * {@value SqlSegmentSource#DEFAULT_FETCH_SIZE}.
         *
         * @param rows a positive number of rows
         * @return this builder
         * @throws IllegalArgumentException if {@code rows} is not positive
         * @throws IllegalStateException if the fetch size was already set
         */
        public Builder fetchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("fetch size must be positive, got " + rows);
            }
            if (fetchSize != 0) {
                throw new IllegalStateException("fetch size was already set to " + fetchSize);
            }
            fetchSize = rows;
            return this;
        }

        /**
         * Builds the source.
         *
         * @return the source
         * @throws IllegalStateException if no catalog was added
         */
        public SqlSegmentSource build() {
            if (catalogs.isEmpty() && !predefined) {
                throw new IllegalStateException("a SQL segment source needs at least one "
                        + "catalog of segment definitions");
            }
            return new SqlSegmentSource(this);
        }
    }
}
