package dev.segmentkit.source.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.InvalidDataException;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SourceUnavailableException;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoricalSegmentSourceTest {

    private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
    private static final SegmentDefinition BUYERS = SegmentDefinition.of(Condition.performedCount(
            EventFilter.named("order"), Operator.GTE, 1, TimeWindow.ever()));
    private static final SegmentDefinition VIEWERS = SegmentDefinition.of(Condition.performedCount(
            EventFilter.named("page_view"), Operator.GTE, 1, TimeWindow.ever()));

    private static TrackedEvent ev(String visitor, String session, long minutes, String event) {
        return new TrackedEvent(visitor, session, T.plus(Duration.ofMinutes(minutes)), event,
                Map.of());
    }

    private final HistoricalData data = HistoricalData.of("h", List.of(
            ev("zoë", "s", -600, "order"), ev("bob", "s", -600, "order"),
            ev("ann", "s", -600, "page_view"), ev("bob", "s2", -10, "page_view"),
            ev("late", "s", -50, "order")));

    private final InMemorySegmentSource catalog = SegmentSource.inMemory();

    private static Segment segment(String id, SegmentDefinition definition) {
        return new Segment(SegmentId.of(id), id, "", SegmentOrigin.PREDEFINED, definition, "1");
    }

    private static List<String> exported(SegmentSource source, String id) {
        try (SegmentExport export = source.export(SegmentId.of(id))) {
            return export.members().collect(Collectors.toList());
        }
    }

    @Test
    void exportsTheEvaluatedMembersSortedWithTheDefinitionAndAsOf() {
        catalog.put(SegmentId.of("buyers"), "Buyers", BUYERS, List.of("ignored", "members"));
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(data).catalog(catalog)
                .asOf(T).build();

        try (SegmentExport export = source.export(SegmentId.of("buyers"))) {
            assertThat(export.segment().definition()).isEqualTo(BUYERS);
            assertThat(export.dataAsOf()).isEqualTo(T);
            assertThat(export.members()).containsExactly("bob", "late", "zoë");
        }
    }

    @Test
    void appliesThePolicyAndTheTimeout() {
        catalog.put(SegmentId.of("buyers"), "Buyers", BUYERS, List.of());

        assertThat(exported(HistoricalSegmentSource.builder(data).catalog(catalog).asOf(T)
                .policy(HistoryPolicy.EXCLUDE_ACTIVE_VISITORS).build(), "buyers"))
                .containsExactly("late", "zoë");
        assertThat(exported(HistoricalSegmentSource.builder(data).catalog(catalog).asOf(T)
                .sessionTimeout(Duration.ofHours(1)).build(), "buyers"))
                .containsExactly("bob", "zoë");
    }

    @Test
    void takesAsOfFromTheClockAtEachExport() {
        catalog.put(SegmentId.of("buyers"), "Buyers", BUYERS, List.of());
        Instant earlier = T.minus(Duration.ofHours(9));
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(data).catalog(catalog)
                .clock(Clock.fixed(earlier, ZoneOffset.UTC)).build();

        try (SegmentExport export = source.export(SegmentId.of("buyers"))) {
            assertThat(export.dataAsOf()).isEqualTo(earlier);
            assertThat(export.members()).containsExactly("bob", "zoë");
        }
    }

    @Test
    void listsAndFindsAcrossCatalogs() {
        catalog.put(SegmentId.of("viewers"), "Viewers", VIEWERS, List.of());
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(data).catalog(catalog)
                .catalog("predefined", () -> List.of(segment("buyers", BUYERS))).asOf(T).build();

        assertThat(source.list()).extracting(SegmentSummary::id)
                .containsExactly(SegmentId.of("buyers"), SegmentId.of("viewers"));
        assertThat(source.find(SegmentId.of("buyers"))).contains(segment("buyers", BUYERS));
        assertThat(source.find(SegmentId.of("nope"))).isEmpty();
        assertThat(exported(source, "viewers")).containsExactly("ann");
        assertThatThrownBy(() -> source.export(SegmentId.of("nope")))
                .isInstanceOf(SegmentNotFoundException.class);
    }

    @Test
    void evaluatesAllSegmentsInOneEvaluation() {
        catalog.put(SegmentId.of("viewers"), "Viewers", VIEWERS, List.of());
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(data).catalog(catalog)
                .catalog("predefined", () -> List.of(segment("buyers", BUYERS))).asOf(T).build();

        assertThat(source.evaluateAll().members()).isEqualTo(Map.of(
                SegmentId.of("buyers"), List.of("bob", "late", "zoë"),
                SegmentId.of("viewers"), List.of("ann")));
    }

    @Test
    void anIdInTwoCatalogsIsATypedError() {
        catalog.put(SegmentId.of("buyers"), "Buyers", BUYERS, List.of());
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(data).catalog(catalog)
                .catalog("predefined", () -> List.of(segment("buyers", VIEWERS))).asOf(T).build();

        assertThatThrownBy(source::list).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("buyers").hasMessageContaining("predefined");
        assertThatThrownBy(() -> source.find(SegmentId.of("buyers")))
                .isInstanceOf(InvalidDefinitionException.class);
        assertThatThrownBy(() -> source.export(SegmentId.of("buyers")))
                .isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void malformedDataBecomesSourceUnavailableNamingFileAndLine(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("h.ndjson");
        Files.writeString(file, "{\"visitor\":\"v\",\"session\":\"s\",\"time\":\"2026-11-30T10:00:00Z\","
                + "\"event\":\"order\"}\n{\"visitor\":\"v\"}\n");
        catalog.put(SegmentId.of("buyers"), "Buyers", BUYERS, List.of());
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(
                HistoricalData.ndjson(file)).catalog(catalog).asOf(T).build();

        assertThatThrownBy(() -> source.export(SegmentId.of("buyers")))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining(file + ":2")
                .cause().isInstanceOf(InvalidDataException.class);
    }

    @Test
    void aFailingSupplierCatalogIsWrapped() {
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(data)
                .catalog("broken", () -> {
                    throw new IllegalStateException("boom");
                }).asOf(T).build();

        assertThatThrownBy(source::list).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("broken").hasRootCauseMessage("boom");
    }

    @Test
    void builderValidatesItsOptions() {
        assertThatThrownBy(() -> HistoricalSegmentSource.builder(data).asOf(T).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("catalog");
        assertThatThrownBy(() -> HistoricalSegmentSource.builder(data).asOf(T)
                .clock(Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HistoricalSegmentSource.builder(data).catalog(catalog)
                .catalog(catalog)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistoricalSegmentSource.builder(data).catalog("a", List::of)
                .catalog("a", List::of)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> HistoricalSegmentSource.builder(data)
                .sessionTimeout(Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1M");
        assertThatThrownBy(() -> HistoricalSegmentSource.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("data");
    }
}
