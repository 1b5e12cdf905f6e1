package dev.segmentkit.source.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory source's authoring API, beyond what the compatibility kit checks. */
class InMemorySegmentSourceTest {

    private static final SegmentDefinition DEFINITION = SegmentDefinition.of(
            Condition.performedCount(EventFilter.named("order"), Operator.GTE, 1, TimeWindow.ever()));

    @Test
    void putSortsMembersAndFoldsDuplicates() {
        InMemorySegmentSource source = SegmentSource.inMemory();
        source.put(SegmentId.of("s"), "S", DEFINITION, List.of("c", "a", "b", "a", "c"));

        try (SegmentExport export = source.export(SegmentId.of("s"))) {
            assertThat(export.members().toList()).containsExactly("a", "b", "c");
        }
    }

    @Test
    void putRejectsAnInvalidMemberAndKeepsThePreviousState() {
        InMemorySegmentSource source = SegmentSource.inMemory();
        source.put(SegmentId.of("s"), "S", DEFINITION, List.of("a"));

        assertThatThrownBy(() -> source.setMembers(SegmentId.of("s"), List.of("b", "bad\nid")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        try (SegmentExport export = source.export(SegmentId.of("s"))) {
            assertThat(export.members().toList()).containsExactly("a");
        }
    }
}
