package dev.segmentkit.sql;

import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.history.SegmentEvaluator;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.SegmentDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Compiles segment definitions into one SQL query each, which computes the same members as the
 * JVM's {@link SegmentEvaluator} with an {@link dev.segmentkit.rfm.RfmScoringPass} would on the
 * same events: the historical rule (events after as-of dropped, open sessions and, with
 * {@link HistoryPolicy#EXCLUDE_ACTIVE_VISITORS}, active visitors excluded), every condition kind
 * with the operator semantics of the README's "Historical data" section, and the RFM, RFE and
 * RFM_QUINTILE scores with the rules of "RFM and RFE" (rank-based cut, exact decimal sums,
 * configured thresholds).
 *
 * <p>All time arithmetic happens here: window bounds, the open-session bound and the recency
 * thresholds are computed in Java and bound as instants, rounded to the microsecond precision of
 * SQL timestamps so that the comparisons stay exact. Values from the definition are bound as
 * parameters; names go into the text only as validated, quoted identifiers.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SegmentSqlCompiler {

    private final SqlDialect dialect;
    private final EventsTable table;
    private final Duration sessionTimeout;
    private final HistoryPolicy policy;
    private final ScoringConfig scoring;

    private SegmentSqlCompiler(Builder b) {
        this.dialect = b.dialect;
        this.table = b.table == null ? EventsTable.named("events") : b.table;
        this.sessionTimeout = b.sessionTimeout == null ? SegmentEvaluator.DEFAULT_SESSION_TIMEOUT
                : b.sessionTimeout;
        this.policy = b.policy == null ? HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS : b.policy;
        this.scoring = b.scoring == null ? ScoringConfig.defaults() : b.scoring;
    }

    /**
     * Returns a builder; the session timeout, policy and scoring configuration have defaults.
     *
     * @param dialect the SQL dialect
     * @param table the events table
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(SqlDialect dialect, EventsTable table) {
        return builder(dialect).table(table);
    }

    /**
     * Returns a builder over the table {@code events} (see {@link EventsTable#named(String)})
     * unless {@link Builder#table(EventsTable)} names another; the session timeout, policy and
     * scoring configuration have defaults.
     *
     * @param dialect the SQL dialect
     * @return a new builder
     * @throws NullPointerException if {@code dialect} is null
     */
    public static Builder builder(SqlDialect dialect) {
        return new Builder(Objects.requireNonNull(dialect, "dialect"));
    }

    /**
     * Compiles a definition for evaluation as of an instant.
     *
     * @param definition the definition
     * @param asOf the evaluation instant {@code T}, between the years 1 and 9999
     * @return the query
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the definition uses a property that the table has no
     *     column for, or a number the dialect cannot hold exactly, or {@code asOf} lies outside
     *     the years 1 to 9999
     */
    public CompiledQuery compile(SegmentDefinition definition, Instant asOf) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(asOf, "asOf");
        return new Compilation(dialect, table, asOf, sessionTimeout, policy, scoring)
                .compile(definition.condition());
    }

    /**
     * Returns the dialect.
     *
     * @return the dialect
     */
    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Returns the events table.
     *
     * @return the table
     */
    public EventsTable table() {
        return table;
    }

    /**
     * Returns the session timeout.
     *
     * @return the timeout
     */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /**
     * Returns the policy for active visitors.
     *
     * @return the policy
     */
    public HistoryPolicy policy() {
        return policy;
    }

    /**
     * Returns the scoring configuration of {@code score} conditions.
     *
     * @return the configuration
     */
    public ScoringConfig scoring() {
        return scoring;
    }

    @Override
    public String toString() {
        return "SegmentSqlCompiler[" + dialect + ", " + String.join(".", table.table())
                + ", timeout=" + sessionTimeout + ", policy=" + policy + "]";
    }

    /** Configures a {@link SegmentSqlCompiler}; every option may be set once. Not thread-safe. */
    public static final class Builder {
        private final SqlDialect dialect;
        private EventsTable table;
        private Duration sessionTimeout;
        private HistoryPolicy policy;
        private ScoringConfig scoring;

        private Builder(SqlDialect dialect) {
            this.dialect = dialect;
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
            Objects.requireNonNull(table, "table");
            if (this.table != null) {
                throw new IllegalStateException("table was already set to " + this.table);
            }
            this.table = table;
            return this;
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
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(
                        "session timeout must be positive, got " + timeout);
            }
            if (sessionTimeout != null) {
                throw new IllegalStateException("session timeout was already set to "
                        + sessionTimeout);
            }
            sessionTimeout = timeout;
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
            Objects.requireNonNull(policy, "policy");
            if (this.policy != null) {
                throw new IllegalStateException("policy was already set to " + this.policy);
            }
            this.policy = policy;
            return this;
        }

        /**
         * Sets the scoring configuration (lookbacks, thresholds) of {@code score} conditions;
         * default {@link ScoringConfig#defaults()}.
         *
         * @param config the configuration
         * @return this builder
         * @throws NullPointerException if {@code config} is null
         * @throws IllegalStateException if the configuration was already set
         */
        public Builder scoring(ScoringConfig config) {
            Objects.requireNonNull(config, "config");
            if (scoring != null) {
                throw new IllegalStateException("scoring configuration was already set to "
                        + scoring);
            }
            scoring = config;
            return this;
        }

        /**
         * Builds the compiler.
         *
         * @return the compiler
         */
        public SegmentSqlCompiler build() {
            return new SegmentSqlCompiler(this);
        }
    }
}
