package dev.segmentkit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.SegmentEvaluator;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The compiler's own rules, on DuckDB: rounding to microseconds, ties, names, limits. */
class SegmentSqlCompilerTest {

    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Engine.duckdb();
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    private static SegmentSqlCompiler compiler(EventsTable table) {
        return SegmentSqlCompiler.builder(SqlDialect.duckdb(), table).build();
    }

    private static List<String> run(CompiledQuery query) {
        List<String> out = new ArrayList<>();
        try (Connection c = engine.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(query.sql())) {
            query.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<String> jvm(List<TrackedEvent> events, Instant asOf, Condition c) {
        return SegmentEvaluator.defaults().members(HistoricalData.of("h", events), asOf,
                SegmentDefinition.of(c));
    }

    private static TrackedEvent event(String visitor, String session, Instant time,
            Map<String, Value> properties) {
        return new TrackedEvent(visitor, session, time, "order", properties);
    }

    @Test
    @DisplayName("bounds with sub-microsecond parts are rounded so that microsecond event times compare as in Java")
    void microsecondRounding() {
        Instant at = T.minus(Duration.ofHours(2));
        List<TrackedEvent> events = List.of(
                event("at-bound", "s1", at, Map.of()),
                event("micro-after", "s1", at.plusNanos(1_000), Map.of()),
                event("later", "s2", T.minusSeconds(3600), Map.of()),
                // after as-of (T + 500 ns): does not exist, so it leaves session s1 closed
                event("micro-after", "s1", T.plusNanos(1_000), Map.of()));
        engine.load("events", events);
        Instant asOf = T.plusNanos(500);
        List<Condition> conditions = List.of(
                Condition.performedCount(EventFilter.named("order"), Operator.GTE, 1,
                        TimeWindow.between(at.plusNanos(500), T)),
                Condition.performedCount(EventFilter.named("order"), Operator.GTE, 1,
                        TimeWindow.between(at.minus(Duration.ofHours(1)), at.plusNanos(500))),
                Condition.performedCount(EventFilter.named("order"), Operator.GTE, 1,
                        TimeWindow.last(Duration.ofHours(2).plusNanos(400))),
                Condition.performedCount(EventFilter.named("order"), Operator.GTE, 1,
                        TimeWindow.last(Duration.ofHours(2).plusNanos(600))));
        for (Condition c : conditions) {
            List<String> expected = jvm(events, asOf, c);
            assertThat(run(compiler(EventsTable.named("events"))
                    .compile(SegmentDefinition.of(c), asOf))).as("%s", c)
                    .isEqualTo(expected);
        }
        assertThat(jvm(events, asOf, conditions.get(0))).containsExactly("later", "micro-after");
        assertThat(jvm(events, asOf, conditions.get(1))).containsExactly("at-bound");
    }

    @Test
    @DisplayName("without an order column, an attribute tie at one instant goes to the greater session id")
    void tieWithoutOrderColumn() {
        Instant at = T.minus(Duration.ofHours(2));
        engine.load("events", List.of(
                event("v", "s2", at, Map.of("tier", Value.of("gold"))),
                event("v", "s1", at, Map.of("tier", Value.of("silver")))));
        SegmentSqlCompiler compiler = compiler(EventsTable.named("events"));

        assertThat(run(compiler.compile(SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.eq("tier", "gold"))), T))).containsExactly("v");
        assertThat(run(compiler.compile(SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.eq("tier", "silver"))), T))).isEmpty();
    }

    @Test
    @DisplayName("every value of a definition is a parameter, none is in the text; describe() lists them in order")
    void parameters() {
        Condition c = Condition.allOf(
                Condition.attribute(PropertyPredicate.of("colour", Operator.CONTAINS,
                        Value.of("uniqueNeedle"))),
                new Condition.Performed(EventFilter.named("checkout_done"),
                        Aggregate.sum("amount"), Operator.GT, new BigDecimal("1234.5678"),
                        TimeWindow.last(Duration.ofDays(9))));

        CompiledQuery q = compiler(EventsTable.named("events")).compile(SegmentDefinition.of(c), T);

        assertThat(q.sql()).doesNotContain("uniqueNeedle", "colour", "checkout_done", "amount",
                "1234", "2026");
        assertThat(q.parameters()).contains("uniqueNeedle", "/colour", "checkout_done",
                "/amount", new BigDecimal("1234.5678"), T, T.minus(Duration.ofDays(9)));
        assertThat(q.sql().chars().filter(ch -> ch == '?').count())
                .isEqualTo(q.parameters().size());
        assertThat(q.describe()).contains("-- $1 TIMESTAMPTZ = 2026-11-30T12:00:00Z",
                "VARCHAR = 'uniqueNeedle'", "= 1234.5678");
        assertThat(q.asOf()).isEqualTo(T);
        assertThat(q.dialect()).isEqualTo(SqlDialect.duckdb());
    }

    @Test
    @DisplayName("PostgreSQL output: jsonb, numeric, COLLATE \"C\", integer division of bigints")
    void postgresqlText() {
        CompiledQuery q = SegmentSqlCompiler.builder(SqlDialect.postgresql(),
                EventsTable.named("analytics.events")).build()
                .compile(SegmentDefinition.of(Condition.allOf(
                        Condition.score(dev.segmentkit.segment.ScoreModel.RFM,
                                dev.segmentkit.segment.ScoreDimension.M, 3, 3),
                        Condition.attribute(PropertyPredicate.eq("country", "DE")))), T);

        assertThat(q.sql()).contains("FROM \"analytics\".\"events\"", "CAST(\"properties\" AS jsonb)",
                "jsonb_typeof(", "AS numeric)", "COLLATE \"C\"",
                "1 + (3 * (RANK() OVER (ORDER BY sk_v) - 1)) / (COUNT(*) OVER ())");
        assertThat(q.parameterType(0)).isEqualTo("timestamptz");
    }

    @Test
    @DisplayName("a property with no column, a number DuckDB cannot hold, an as-of beyond year 9999 do not compile")
    void refusals() {
        EventsTable columnsOnly = EventsTable.builder("events").noPropertiesColumn()
                .propertyColumn("revenue", "revenue", EventsTable.ColumnType.NUMBER).build();
        SegmentDefinition onCountry = SegmentDefinition.of(Condition.attribute(
                PropertyPredicate.eq("country", "DE")));
        SegmentDefinition tiny = SegmentDefinition.of(Condition.attribute(PropertyPredicate.of(
                "revenue", Operator.GT, Value.of(new BigDecimal("0.0000000000001")))));
        SegmentDefinition huge = SegmentDefinition.of(Condition.attribute(PropertyPredicate.of(
                "revenue", Operator.GT, Value.of(new BigDecimal("1E+30")))));

        assertThatThrownBy(() -> compiler(columnsOnly).compile(onCountry, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'country'");
        assertThatThrownBy(() -> compiler(columnsOnly).compile(tiny, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0000000000001").hasMessageContaining("DECIMAL(38,12)");
        assertThatThrownBy(() -> compiler(columnsOnly).compile(huge, T))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DECIMAL");
        assertThat(SegmentSqlCompiler.builder(SqlDialect.postgresql(), columnsOnly).build()
                .compile(tiny, T).parameters()).contains(new BigDecimal("0.0000000000001"));
        assertThatThrownBy(() -> compiler(columnsOnly).compile(tiny,
                Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
    }

    @Test
    @DisplayName("table and column names are validated identifiers; options are set once")
    void names() {
        assertThatThrownBy(() -> EventsTable.named("events; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events; DROP TABLE x");
        assertThatThrownBy(() -> EventsTable.named("a.b.c.d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three");
        assertThatThrownBy(() -> EventsTable.builder("events").visitorColumn("\"x\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> EventsTable.builder("events").timeColumn("t").timeColumn("u"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventsTable.builder("events").propertiesColumn("p")
                .noPropertiesColumn()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventsTable.builder("events")
                .propertyColumn("r", "r", EventsTable.ColumnType.NUMBER)
                .propertyColumn("r", "s", EventsTable.ColumnType.NUMBER))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SegmentSqlCompiler.builder(SqlDialect.duckdb(),
                EventsTable.named("e")).sessionTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SqlDialect.named("Postgres")).contains(SqlDialect.postgresql());
        assertThat(SqlDialect.named("duckdb")).contains(SqlDialect.duckdb());
        assertThat(SqlDialect.named("trino")).isEmpty();
    }
}
