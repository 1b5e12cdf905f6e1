package dev.segmentkit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.importing.ImportResult;
import dev.segmentkit.importing.ImportService;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.source.sql.SqlSegmentSource;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SourceUnavailableException;
import dev.segmentkit.spi.TargetGroupStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SQL segment source on DuckDB: catalogs, streaming, ordering, resources, failures. */
class SqlSegmentSourceTest {

    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static final SegmentId BUYERS = SegmentId.of("buyers");

    private Engine engine;
    private final List<Segment> custom = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = Engine.duckdb();
        custom.add(segment("buyers", Condition.performedCount(EventFilter.named("order"),
                Operator.GTE, 1, TimeWindow.ever())));
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private static Segment segment(String id, Condition condition) {
        return new Segment(SegmentId.of(id), id, "", SegmentOrigin.CUSTOM,
                SegmentDefinition.of(condition), "r1");
    }

    private static TrackedEvent order(String visitor, Instant time) {
        return new TrackedEvent(visitor, "s-" + time.getEpochSecond(), time, "order",
                Map.of("revenue", Value.of(10)));
    }

    private SqlSegmentSource.Builder builder() {
        return SqlSegmentSource.builder(engine.dataSource(), engine.dialect())
                .catalog("custom", () -> custom).asOf(T);
    }

    private static List<String> members(SqlSegmentSource source, SegmentId id) {
        try (SegmentExport export = source.export(id); Stream<String> s = export.members()) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    @DisplayName("list and find read the catalogs, the predefined one with the source's scoring configuration")
    void listAndFind() {
        ScoringConfig config = ScoringConfig.builder().rfmLookback(Duration.ofDays(90)).build();
        SqlSegmentSource source = builder().predefinedCatalog().scoring(config).build();

        List<SegmentSummary> all = source.list();

        assertThat(all).hasSize(17);
        assertThat(all).extracting(SegmentSummary::id).isSorted().contains(BUYERS);
        assertThat(source.find(SegmentId.of("top-buyers"))).get()
                .isEqualTo(PredefinedCatalog.find(config, SegmentId.of("top-buyers")).orElseThrow());
        assertThat(source.find(SegmentId.of("nope"))).isEmpty();
        assertThatThrownBy(() -> source.export(SegmentId.of("nope")))
                .isInstanceOf(SegmentNotFoundException.class);
    }

    @Test
    @DisplayName("an id two catalogs define is an InvalidDefinitionException naming both")
    void collision() {
        SqlSegmentSource source = builder().catalog("again", () -> List.of(custom.get(0))).build();

        assertThatThrownBy(source::list).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("buyers").hasMessageContaining("custom")
                .hasMessageContaining("again");
    }

    @Test
    @DisplayName("members stream in String.compareTo order, also where it differs from the engine's binary order")
    void javaOrder() {
        List<String> ids = List.of("a", "z", "\uD7FF", "\uE000", "\uFF21", "\uFFFD", "\uD83D\uDE00",
                "\uD83D\uDE00\uFF21", "\uD83D\uDE00a", "a\uFF21", "a\uD83D\uDE00", "\uD800\uDC00");
        List<TrackedEvent> events = new ArrayList<>();
        ids.forEach(id -> events.add(order(id, T.minus(Duration.ofDays(1)))));
        engine.load("events", events);

        List<String> exported = members(builder().build(), BUYERS);

        List<String> expected = new ArrayList<>(ids);
        expected.sort(String::compareTo);
        assertThat(exported).isEqualTo(expected);
    }

    @Test
    @DisplayName("an export sets the fetch size and releases its connection on close, read to the end or not")
    void resources() {
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(order(String.format("v%03d", i), T.minus(Duration.ofDays(2))));
        }
        engine.load("events", events);
        SqlSegmentSource source = builder().fetchSize(16).build();
        int before = engine.connectionsTaken.get();

        try (SegmentExport export = source.export(BUYERS)) {
            Iterator<String> it = export.members().iterator();
            assertThat(it.next()).isEqualTo("v000");
            assertThat(engine.openConnections).hasValue(1);
        }

        assertThat(engine.openConnections).hasValue(0);
        assertThat(engine.connectionsTaken.get() - before).isEqualTo(1);
        assertThat(engine.lastFetchSize).hasValue(16);
        assertThat(source.fetchSize()).isEqualTo(16);
        assertThat(members(source, BUYERS)).hasSize(50);
        assertThat(engine.openConnections).hasValue(0);
    }

    @Test
    @DisplayName("a failing query is a SourceUnavailableException naming the segment, and no connection stays open")
    void failure() {
        SqlSegmentSource source = builder().table(EventsTable.named("no_such_table")).build();

        assertThatThrownBy(() -> source.export(BUYERS))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("'buyers'").hasMessageContaining("no_such_table");
        assertThat(engine.openConnections).hasValue(0);
    }

    @Test
    @DisplayName("a member id the engine returns that breaks the member id rules fails the stream, naming the segment")
    void invalidMember() {
        engine.load("events", List.of(order("ok", T.minusSeconds(3600)),
                order("bad\u0001id", T.minusSeconds(3600))));

        try (SegmentExport export = builder().build().export(BUYERS)) {
            assertThatThrownBy(() -> export.members().collect(Collectors.toList()))
                    .isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("'buyers'").hasMessageContaining("control character");
        }
        assertThat(engine.openConnections).hasValue(0);
    }

    @Test
    @DisplayName("a definition the dialect cannot express exactly is an InvalidDefinitionException naming the segment")
    void notCompilable() {
        custom.add(segment("huge", new Condition.Performed(EventFilter.named("order"),
                dev.segmentkit.segment.Aggregate.sum("revenue"), Operator.GT,
                new BigDecimal("0.0000000000001"), TimeWindow.ever())));
        SqlSegmentSource source = builder().build();

        assertThatThrownBy(() -> source.export(SegmentId.of("huge")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'huge'").hasMessageContaining("DECIMAL(38,12)");
        assertThat(engine.connectionsTaken).hasValue(0);
    }

    @Test
    @DisplayName("SegmentSource.sql: defaults (table events, system clock); exports are dated with their as-of instant")
    void factory() {
        engine.load("events", List.of(order("v1", Instant.now().minus(Duration.ofDays(1)))));
        InMemorySegmentSource catalog = SegmentSource.inMemory();
        catalog.put(custom.get(0).id(), "Buyers", custom.get(0).definition(), List.of("ignored"));
        SqlSegmentSource source = SegmentSource.sql(engine.dataSource(), engine.dialect(), catalog);
        Instant before = Instant.now();

        try (SegmentExport export = source.export(BUYERS)) {
            assertThat(export.members()).containsExactly("v1");
            assertThat(export.dataAsOf()).isBetween(before, Instant.now());
        }
    }

    @Test
    @DisplayName("import and re-import work unchanged: the re-import sees what the engine computes now")
    void importAndReimport() {
        engine.load("events", List.of(order("v1", T.minus(Duration.ofDays(3))),
                order("v2", T.minus(Duration.ofDays(2)))));
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        SqlSegmentSource source = SqlSegmentSource.builder(engine.dataSource(), engine.dialect())
                .catalog("custom", () -> custom).clock(clock).build();
        TargetGroupStore store = TargetGroupStore.inMemory();
        ImportService service = ImportService.create(source, store);

        ImportResult first = service.importSegment(BUYERS);
        engine.load("events", List.of(order("v2", T.minus(Duration.ofDays(2))),
                order("v3", T.minus(Duration.ofDays(1)))));
        ImportResult second = service.reimport(first.targetGroup().id());

        try (Stream<String> members = service.members(first.targetGroup().id())) {
            assertThat(members).containsExactly("v2", "v3");
        }
        assertThat(first.targetGroup().snapshot().memberCount()).isEqualTo(2);
        assertThat(second.record().added()).isEqualTo(1);
        assertThat(second.record().removed()).isEqualTo(1);
        assertThat(engine.openConnections).hasValue(0);
    }

    @Test
    @DisplayName("the builder refuses options set twice, no catalog, and a non-positive fetch size")
    void builderChecks() {
        assertThatThrownBy(() -> builder().asOf(T)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder().fetchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> SqlSegmentSource.builder(engine.dataSource(), engine.dialect())
                .build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder().predefinedCatalog().predefinedCatalog())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SqlSegmentSource.builder(null, engine.dialect()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dataSource");
    }
}
