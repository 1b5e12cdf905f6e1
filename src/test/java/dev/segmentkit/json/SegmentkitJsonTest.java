package dev.segmentkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.targetgroup.TargetGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentkitJsonTest {

    private final SegmentkitJson json = SegmentkitJson.instance();

    static Stream<Condition> everyConditionKind() {
        Condition everything = Fixtures.everything();
        Stream.Builder<Condition> all = Stream.builder();
        all.add(everything);
        collect(everything, all);
        return all.build();
    }

    private static void collect(Condition c, Stream.Builder<Condition> out) {
        List<Condition> children = c instanceof Condition.AllOf ? ((Condition.AllOf) c).conditions()
                : c instanceof Condition.AnyOf ? ((Condition.AnyOf) c).conditions()
                : c instanceof Condition.Not ? List.of(((Condition.Not) c).condition()) : List.of();
        for (Condition child : children) {
            out.add(child);
            collect(child, out);
        }
    }

    @ParameterizedTest
    @MethodSource("everyConditionKind")
    void everyConditionRoundTripsThroughADefinitionDocument(Condition condition) {
        SegmentDefinition definition = SegmentDefinition.of(condition);

        SegmentDefinition back = json.readDefinition(json.writeDefinition(definition), "def.json");

        assertThat(back).isEqualTo(definition);
        assertThat(back.fingerprint()).isEqualTo(definition.fingerprint());
    }

    @Test
    void theFixtureCoversEveryConditionKind() {
        assertThat(everyConditionKind().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(Condition.AllOf.class, Condition.AnyOf.class,
                        Condition.Not.class, Condition.Performed.class, Condition.Abandoned.class,
                        Condition.Attribute.class, Condition.Score.class);
    }

    @Test
    void segmentRoundTrips() {
        Segment segment = new Segment(SegmentId.of("vip.2026"), "VIPs", "", SegmentOrigin.PREDEFINED,
                SegmentDefinition.of(Fixtures.everything()), "2026-03-01T00:00:00Z");

        assertThat(json.readSegment(json.writeSegment(segment), "s.json")).isEqualTo(segment);
    }

    @Test
    void targetGroupRoundTrips() {
        TargetGroup group = Fixtures.targetGroup();

        assertThat(json.readTargetGroup(json.writeTargetGroup(group), "g.json")).isEqualTo(group);
    }

    @Test
    void catalogMatchesTheGoldenFileBothWays() throws IOException {
        Catalog catalog = new Catalog(List.of(
                CatalogSegment.of(new Segment(SegmentId.of("shoe-lovers"), "Shoe lovers",
                        "Bought shoes twice in 90 days", SegmentOrigin.CUSTOM,
                        SegmentDefinition.of(Fixtures.shoeLovers()), "7"), List.of("v-3", "v-1", "v-2")),
                CatalogSegment.of(Fixtures.segment("everything", Fixtures.everything(), "1"), List.of())));
        String golden = resource("catalog-golden.json");

        assertThat(json.writeCatalog(catalog)).isEqualTo(golden);
        assertThat(json.readCatalog(golden, "catalog-golden.json")).isEqualTo(catalog);
    }

    @Test
    void targetGroupMatchesTheGoldenFileBothWays() throws IOException {
        String golden = resource("target-group-golden.json");

        assertThat(json.writeTargetGroup(Fixtures.targetGroup())).isEqualTo(golden);
        assertThat(json.readTargetGroup(golden, "target-group-golden.json"))
                .isEqualTo(Fixtures.targetGroup());
    }

    @Test
    void theIssueExampleReadsWithDefaults() {
        String doc = "{\"schemaVersion\": 1, \"segments\": [{\"id\": \"shoe-lovers\", \"name\": \"Shoe lovers\","
                + " \"definition\": {\"condition\": {\"type\": \"performed\", \"event\": {\"name\": \"order\"},"
                + " \"aggregate\": \"count\", \"op\": \"gte\", \"value\": 2}}, \"members\": [\"b\", \"a\", \"b\"]}]}";

        CatalogSegment entry = json.readCatalog(doc, "c.json").segments().get(0);

        Condition.Performed performed = (Condition.Performed) entry.segment().definition().condition();
        assertThat(performed.window()).isEqualTo(TimeWindow.ever());
        assertThat(entry.segment().revision()).isEqualTo(entry.segment().fingerprint().hex());
        assertThat(entry.segment().description()).isEmpty();
        assertThat(entry.segment().origin()).isEqualTo(SegmentOrigin.CUSTOM);
        assertThat(entry.members()).containsExactly("a", "b");
    }

    @Test
    void whole90DaysAreWrittenAsDaysAndReadBackEqual() {
        SegmentDefinition definition = SegmentDefinition.of(Condition.performedCount(
                EventFilter.named("order"), Operator.GTE, 1, TimeWindow.last(Duration.ofDays(90))));

        assertThat(json.writeDefinition(definition)).contains("\"last\": \"P90D\"");
    }

    @Test
    void aDomainRuleBrokenOnReadNamesThePath() {
        String doc = "{\"condition\": {\"type\": \"score\", \"model\": \"RFE\", \"dimension\": \"M\","
                + " \"min\": 1, \"max\": 2}}";

        assertThatThrownBy(() -> json.readDefinition(doc, "d.json"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("d.json:1:2 at $.condition")
                .hasMessageContaining("model RFE has no dimension M");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SegmentkitJsonTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
