package dev.segmentkit.importing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 8. Null, blank and malformed arguments on every public method: NPE/IAE naming the parameter. */
class ArgumentValidationTest {

    private final InMemorySegmentSource source = SegmentSource.inMemory();
    private final TargetGroupStore store = TargetGroupStore.inMemory();
    private final ImportService service = ImportService.create(source, store);
    private final TargetGroupId tg = TargetGroupId.of("tg-1");
    private final SegmentId sid = SegmentId.of("s");
    private final SegmentDefinition def = SegmentDefinition.of(Condition.performedCount(
            EventFilter.named("order"), dev.segmentkit.segment.Operator.GTE, 1,
            dev.segmentkit.segment.TimeWindow.ever()));

    private static void npe(ThrowingCallable call, String parameter) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
    }

    private static void iae(ThrowingCallable call, String mentions) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(mentions);
    }

    @Test
    @DisplayName("ImportService and its builder reject nulls by parameter name")
    void serviceNulls() {
        npe(() -> ImportService.create(null, store), "source");
        npe(() -> ImportService.create(source, null), "store");
        npe(() -> ImportService.builder(source, store).clock(null), "clock");
        npe(() -> ImportService.builder(source, store).listener(null), "listener");
        npe(() -> ImportService.builder(source, store).idGenerator(null), "idGenerator");
        npe(() -> service.importSegment(null), "segmentId");
        npe(() -> service.importSegment(sid, null), "options");
        npe(() -> service.reimport(null), "targetGroupId");
        npe(() -> service.reimport(tg, null), "importedBy");
        npe(() -> service.rename(null, "x"), "targetGroupId");
        npe(() -> service.rename(tg, null), "name");
        npe(() -> service.delete(null), "targetGroupId");
        npe(() -> service.staleness(null), "targetGroupId");
        npe(() -> service.members(null), "targetGroupId");
        npe(() -> service.targetGroup(null), "targetGroupId");
    }

    @Test
    @DisplayName("ImportService rejects blank and oversized texts, naming the parameter")
    void serviceBlanks() {
        iae(() -> service.rename(tg, " "), "name must not be blank");
        iae(() -> service.rename(tg, "x".repeat(201)), "name must be at most 200");
        iae(() -> service.reimport(tg, ""), "importedBy must not be blank");
        iae(() -> ImportOptions.builder().name("\t"), "name must not be blank");
        iae(() -> ImportOptions.builder().importedBy(""), "importedBy must not be blank");
        iae(() -> ImportOptions.builder().idempotencyKey(" "), "idempotencyKey must not be blank");
        npe(() -> ImportOptions.builder().idempotencyKey(null), "idempotencyKey");
        npe(() -> ImportOptions.builder().name(null), "name");
        npe(() -> ImportOptions.builder().importedBy(null), "importedBy");
    }

    @Test
    @DisplayName("ids are validated where they are made")
    void ids() {
        npe(() -> SegmentId.of(null), "value");
        npe(() -> TargetGroupId.of(null), "value");
        iae(() -> TargetGroupId.of("../etc"), "target group id must be");
        iae(() -> TargetGroupId.of("a/b"), "target group id must be");
        iae(() -> TargetGroupId.of("a\u0000b"), "target group id must be");
        iae(() -> TargetGroupId.of("x".repeat(65)), "target group id must be");
        iae(() -> TargetGroupId.of(""), "target group id must be");
        npe(() -> TargetGroupId.fromIdempotencyKey(null), "idempotencyKey");
    }

    @Test
    @DisplayName("domain records reject nulls and blanks by component name")
    void domain() {
        npe(() -> new Segment(null, "n", "", SegmentOrigin.CUSTOM, def, "1"), "id");
        npe(() -> new Segment(sid, null, "", SegmentOrigin.CUSTOM, def, "1"), "name");
        iae(() -> new Segment(sid, " ", "", SegmentOrigin.CUSTOM, def, "1"), "name must not be blank");
        npe(() -> new Segment(sid, "n", null, SegmentOrigin.CUSTOM, def, "1"), "description");
        npe(() -> new Segment(sid, "n", "", null, def, "1"), "origin");
        npe(() -> new Segment(sid, "n", "", SegmentOrigin.CUSTOM, null, "1"), "definition");
        iae(() -> new Segment(sid, "n", "", SegmentOrigin.CUSTOM, def, ""), "revision must not be blank");
        npe(() -> SegmentDefinition.of(null), "condition");
        npe(() -> Condition.not(null), "condition");
        npe(() -> EventFilter.named(null), "name");
        iae(() -> EventFilter.named(""), "name must not be blank");
    }

    @Test
    @DisplayName("SPI adapters and value types reject nulls by parameter name")
    void spi() {
        npe(() -> source.find(null), "id");
        npe(() -> source.export(null), "id");
        npe(() -> source.put(null, "n", def, List.of()), "id");
        npe(() -> source.put(sid, "n", def, null), "members");
        iae(() -> source.put(sid, "n", def, List.of("a\nb")), "control character");
        iae(() -> source.put(sid, "n", def, List.of("")), "member id is empty");
        npe(() -> source.remove(null), "id");
        npe(() -> SegmentSource.inMemory(null), "clock");
        npe(() -> store.find(null), "id");
        npe(() -> store.members(null), "id");
        npe(() -> store.create(null), "write");
        npe(() -> store.replace(null, 1), "write");
        npe(() -> store.update(null, 1), "group");
        npe(() -> store.delete(null, 1), "id");
        npe(() -> GroupWrite.of(null, List.of()), "group");
        npe(() -> SegmentExport.of(null, Instant.EPOCH, Stream.empty()), "segment");
    }
}
