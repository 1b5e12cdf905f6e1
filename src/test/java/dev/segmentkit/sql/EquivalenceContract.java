package dev.segmentkit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.cli.HistoryGenerator;
import dev.segmentkit.history.Evaluation;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.history.SegmentEvaluator;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.RfmScoringPass;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.rfm.Thresholds;
import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import dev.segmentkit.source.sql.SqlSegmentSource;
import dev.segmentkit.spi.SegmentExport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Equivalence is the test: the JVM evaluator (with the RFM scoring pass) and the SQL engine give
 * identical member lists, in identical order, for seeded random definitions on seeded random
 * small histories, and for the whole predefined catalog (plus custom segments) on a generated
 * shop history. Any difference is a bug in one of them. Subclasses name the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EquivalenceContract {

    private static final EventsTable TABLE = EventsTable.builder("events").orderColumn("line")
            .build();

    private Engine engine;
    private List<TrackedEvent> generated;
    private Instant generatedAsOf;

    /** Creates the engine, or skips (fails under CI) when it is not there. */
    abstract Engine createEngine();

    /** How many random histories to try (each with five random definitions). */
    abstract int randomTries();

    @BeforeAll
    void startEngine() {
        engine = createEngine();
    }

    @AfterAll
    void stopEngine() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static List<String> jvm(List<TrackedEvent> events, Instant asOf, Duration timeout,
            HistoryPolicy policy, ScoringConfig config, List<Segment> segments,
            Map<SegmentId, List<String>> out) {
        Map<SegmentId, SegmentDefinition> definitions = new LinkedHashMap<>();
        segments.forEach(s -> definitions.put(s.id(), s.definition()));
        Evaluation evaluation = SegmentEvaluator.builder().sessionTimeout(timeout).policy(policy)
                .scoring(RfmScoringPass.factory(config)).build()
                .evaluate(HistoricalData.of("history", events), asOf, definitions);
        segments.forEach(s -> out.put(s.id(), evaluation.members(s.id())));
        return null;
    }

    private List<String> sql(SqlSegmentSource source, SegmentId id) {
        try (SegmentExport export = source.export(id); Stream<String> members = export.members()) {
            return members.collect(Collectors.toList());
        }
    }

    private SqlSegmentSource source(Instant asOf, Duration timeout, HistoryPolicy policy,
            ScoringConfig config, List<Segment> segments) {
        return SqlSegmentSource.builder(engine.dataSource(), engine.dialect()).table(TABLE)
                .catalog("definitions", () -> segments).asOf(asOf).sessionTimeout(timeout)
                .policy(policy).scoring(config).fetchSize(7).build();
    }

    private static Segment custom(String id, Condition condition) {
        return new Segment(SegmentId.of(id), id, "", SegmentOrigin.CUSTOM,
                SegmentDefinition.of(condition), "1");
    }

    @Test
    @DisplayName("random definitions on random small histories: the same members, in the same order")
    void randomDefinitionsOnRandomHistories() {
        int nonEmpty = 0;
        int total = 0;
        for (int i = 0; i < randomTries(); i++) {
            long seed = 9_000 + i;
            RandomCases random = new RandomCases(seed);
            List<TrackedEvent> events = random.history();
            HistoryPolicy policy = random.policy();
            Duration timeout = random.timeout();
            ScoringConfig config = random.scoring();
            List<Segment> segments = new ArrayList<>();
            for (int d = 0; d < 5; d++) {
                segments.add(custom("d" + d, random.condition(3)));
            }
            engine.load("events", events);
            Map<SegmentId, List<String>> expected = new LinkedHashMap<>();
            jvm(events, RandomCases.T, timeout, policy, config, segments, expected);
            SqlSegmentSource source = source(RandomCases.T, timeout, policy, config, segments);
            for (Segment segment : segments) {
                List<String> actual = sql(source, segment.id());
                assertThat(actual).as("seed %d, %s, timeout %s, %s, definition %s, history %s",
                        seed, policy, timeout, config, segment.definition().canonicalForm(),
                        events).isEqualTo(expected.get(segment.id()));
                total++;
                nonEmpty += actual.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("definitions with members (the test is not vacuous)")
                .isGreaterThan(total / 5);
        assertThat(engine.openConnections).as("connections still open").hasValue(0);
    }

    /** The history with each property in a column of one type: numbers, strings, booleans. */
    private static List<TrackedEvent> typed(List<TrackedEvent> events) {
        List<TrackedEvent> out = new ArrayList<>();
        for (TrackedEvent e : events) {
            Map<String, Value> properties = new LinkedHashMap<>();
            Value revenue = e.properties().get("revenue");
            Value category = e.properties().get("category");
            if (revenue instanceof Value.Number) {
                properties.put("revenue", revenue);
            }
            if (category instanceof Value.Text) {
                properties.put("category", category);
            }
            if (category instanceof Value.Bool) {
                properties.put("missing", category);
            }
            out.add(new TrackedEvent(e.visitor(), e.session(), e.time(), e.event(), properties));
        }
        return out;
    }

    @Test
    @DisplayName("properties in named, typed columns instead of JSON: the same members")
    void namedColumns() {
        EventsTable typedTable = EventsTable.builder("events_typed").noPropertiesColumn()
                .propertyColumn("revenue", "revenue", EventsTable.ColumnType.NUMBER)
                .propertyColumn("category", "category", EventsTable.ColumnType.STRING)
                .propertyColumn("missing", "flag", EventsTable.ColumnType.BOOLEAN)
                .orderColumn("line").build();
        int nonEmpty = 0;
        for (int i = 0; i < randomTries() / 4; i++) {
            long seed = 7_000 + i;
            RandomCases random = new RandomCases(seed);
            List<TrackedEvent> events = typed(random.history());
            HistoryPolicy policy = random.policy();
            Duration timeout = random.timeout();
            ScoringConfig config = random.scoring();
            List<Segment> segments = new ArrayList<>();
            for (int d = 0; d < 5; d++) {
                segments.add(custom("d" + d, random.condition(2)));
            }
            engine.loadTyped("events_typed", events);
            Map<SegmentId, List<String>> expected = new LinkedHashMap<>();
            jvm(events, RandomCases.T, timeout, policy, config, segments, expected);
            SqlSegmentSource source = SqlSegmentSource.builder(engine.dataSource(),
                    engine.dialect()).table(typedTable).catalog("definitions", () -> segments)
                    .asOf(RandomCases.T).sessionTimeout(timeout).policy(policy).scoring(config)
                    .build();
            for (Segment segment : segments) {
                List<String> actual = sql(source, segment.id());
                assertThat(actual).as("seed %d, %s, %s, definition %s, history %s", seed, policy,
                        config, segment.definition().canonicalForm(), events)
                        .isEqualTo(expected.get(segment.id()));
                nonEmpty += actual.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).isPositive();
    }

    @Test
    @DisplayName("values and property names are bound as parameters: quotes and SQL in them are data")
    void injection() {
        String value = "x'); DROP TABLE events; --";
        String property = "we'ird \"name\" -- ?";
        Instant t = RandomCases.T;
        List<TrackedEvent> events = List.of(
                new TrackedEvent("v1", "s1", t.minusSeconds(7200), "order",
                        Map.of(property, Value.of(value))),
                new TrackedEvent("v2", "s1", t.minusSeconds(7200), "order",
                        Map.of(property, Value.of("x"))));
        engine.load("events", events);
        Segment segment = custom("odd", Condition.allOf(
                Condition.attribute(PropertyPredicate.eq(property, value)),
                Condition.performedCount(new EventFilter("order",
                        List.of(PropertyPredicate.of(property, Operator.STARTS_WITH,
                                Value.of("x'")))), Operator.GTE, 1, TimeWindow.ever())));
        SqlSegmentSource source = source(t, Duration.ofMinutes(30),
                HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS, ScoringConfig.defaults(),
                List.of(segment));

        String sql = source.compile(segment.id()).sql();
        List<String> members = sql(source, segment.id());

        assertThat(sql).doesNotContain("DROP", "we'ird", "x'");
        assertThat(members).containsExactly("v1");
        assertThat(sql(source, segment.id())).containsExactly("v1");
    }

    private List<TrackedEvent> generated(Path dir) {
        if (generated == null) {
            HistoryGenerator generator = HistoryGenerator.of(400, 400, 20261203L,
                    HistoryGenerator.DEFAULT_AS_OF);
            Path file = dir.resolve("generated.ndjson");
            generator.write(file);
            List<TrackedEvent> events = new ArrayList<>();
            HistoricalData.ndjson(file).read(events::add, (lines, bytes) -> { });
            generated = List.copyOf(events);
            generatedAsOf = generator.asOf();
            engine.load("events", generated);
            try {
                Files.delete(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return generated;
    }

    enum Variant { DEFAULTS, ACTIVE_VISITORS_EXCLUDED, CONFIGURED_THRESHOLDS, TWO_HOUR_TIMEOUT }

    @ParameterizedTest
    @EnumSource(Variant.class)
    @DisplayName("the predefined catalog and custom segments on a generated shop history")
    void predefinedCatalogOnGeneratedHistory(Variant variant, @TempDir Path dir) {
        List<TrackedEvent> events = generated(dir);
        Instant asOf = generatedAsOf;
        HistoryPolicy policy = variant == Variant.ACTIVE_VISITORS_EXCLUDED
                ? HistoryPolicy.EXCLUDE_ACTIVE_VISITORS : HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS;
        Duration timeout = variant == Variant.TWO_HOUR_TIMEOUT ? Duration.ofHours(2)
                : Duration.ofMinutes(30);
        ScoringConfig config = variant != Variant.CONFIGURED_THRESHOLDS ? ScoringConfig.defaults()
                : ScoringConfig.builder()
                        .thresholds(Thresholds.rfm(30, 120, 2, 4, new BigDecimal("100"),
                                new BigDecimal("400.50")))
                        .thresholds(Thresholds.rfe(7, 30, 3, 8, 10, 40))
                        .build();
        List<Segment> segments = new ArrayList<>(PredefinedCatalog.segments(config));
        segments.add(custom("shoe-lovers", Condition.allOf(
                Condition.performedCount(new EventFilter("product_view",
                        List.of(PropertyPredicate.eq("category", "shoes"))), Operator.GTE, 2,
                        TimeWindow.last(Duration.ofDays(90))),
                Condition.not(Condition.performedCount(EventFilter.named("order"), Operator.GTE,
                        1, TimeWindow.last(Duration.ofDays(30)))))));
        segments.add(custom("big-revenue", new Condition.Performed(EventFilter.named("order"),
                Aggregate.sum("revenue"), Operator.GT, new BigDecimal("250.5"),
                TimeWindow.between(asOf.minus(Duration.ofDays(200)), asOf))));
        segments.add(custom("latest-value", Condition.anyOf(
                Condition.attribute(PropertyPredicate.in("category",
                        List.of(Value.of("bags"), Value.of("hats")))),
                Condition.attribute(PropertyPredicate.of("revenue", Operator.LT,
                        Value.of(new BigDecimal("20")))))));
        Map<SegmentId, List<String>> expected = new LinkedHashMap<>();
        jvm(events, asOf, timeout, policy, config, segments, expected);
        SqlSegmentSource source = source(asOf, timeout, policy, config, segments);
        int nonEmpty = 0;
        for (Segment segment : segments) {
            List<String> actual = sql(source, segment.id());
            assertThat(actual).as("segment %s (%s)", segment.id(), variant)
                    .isEqualTo(expected.get(segment.id()));
            nonEmpty += actual.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("segments with members").isGreaterThanOrEqualTo(14);
        assertThat(engine.openConnections).as("connections still open").hasValue(0);
    }
}
