package dev.segmentkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.importing.ImportResult;
import dev.segmentkit.importing.ImportService;
import dev.segmentkit.importing.Staleness;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.targetgroup.TargetGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs the README's quick start, and checks the README shows exactly this code. */
class QuickStartTest {

    @Test
    @DisplayName("the README quick start runs and shows snapshot semantics")
    void quickStart() {
        // quick-start:begin
        // The Segment Manager side: a source of segments (here in memory, with an authoring API).
        InMemorySegmentSource source = SegmentSource.inMemory();
        SegmentId shoeLovers = SegmentId.of("shoe-lovers");
        source.put(shoeLovers, "Shoe lovers", SegmentDefinition.of(
                Condition.performedCount(
                        EventFilter.named("order", PropertyPredicate.eq("category", "shoes")),
                        Operator.GTE, 2, TimeWindow.last(Duration.ofDays(90)))),
                List.of("visitor-1", "visitor-2", "visitor-3"));

        // The Marketing Automation side: import the segment as a target group.
        TargetGroupStore store = TargetGroupStore.inMemory();
        ImportService service = ImportService.create(source, store);
        ImportResult imported = service.importSegment(shoeLovers);
        TargetGroup group = imported.targetGroup();

        // Later edits of the segment never reach the target group...
        source.setMembers(shoeLovers, List.of("visitor-1", "visitor-4"));
        Staleness staleness = service.staleness(group.id()); // ...they only make it stale.

        // Re-import is the one, explicit refresh: same id and name, version + 1, history appended.
        ImportResult refreshed = service.reimport(group.id());
        try (Stream<String> members = service.members(group.id())) {
            System.out.println(members.collect(Collectors.toList())); // [visitor-1, visitor-4]
        }
        // quick-start:end

        assertThat(staleness.reasons()).containsExactly(Staleness.Reason.REVISION_CHANGED);
        assertThat(group.snapshot().memberCount()).isEqualTo(3);
        assertThat(refreshed.targetGroup().id()).isEqualTo(group.id());
        assertThat(refreshed.targetGroup().version()).isEqualTo(2);
        assertThat(refreshed.record().added()).isEqualTo(1);
        assertThat(refreshed.record().removed()).isEqualTo(2);
    }

    @Test
    @DisplayName("the README shows the quick start exactly as it is tested here")
    void readmeShowsThisCode() throws IOException {
        String self = Files.readString(Path.of("src/test/java/dev/segmentkit/readme/QuickStartTest.java"),
                StandardCharsets.UTF_8);
        String snippet = self.substring(self.indexOf("// quick-start:begin") + "// quick-start:begin".length(),
                self.indexOf("        // quick-start:end"));
        String unindented = snippet.lines().skip(1).map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains(unindented);
    }
}
