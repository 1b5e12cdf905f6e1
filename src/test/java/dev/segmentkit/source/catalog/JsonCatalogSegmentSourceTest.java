package dev.segmentkit.source.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonCatalogSegmentSourceTest {

    private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
    private static final String SCORE = "{\"condition\": {\"type\": \"score\", \"model\": \"RFM\","
            + " \"dimension\": \"R\", \"min\": 3, \"max\": 3}}";

    @TempDir
    Path dir;

    private Path file;
    private SegmentSource source;

    @BeforeEach
    void setUp() {
        file = dir.resolve("catalog.json");
        source = SegmentSource.catalog(file, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String catalog(String name, String revisionField, String members) {
        return "{\"schemaVersion\": 1, \"segments\": [\n"
                + "  {\"id\": \"zeta\", \"name\": \"Zeta\", \"revision\": \"3\", \"definition\": " + SCORE + "},\n"
                + "  {\"id\": \"alpha\", \"name\": \"" + name + "\"" + revisionField + ", \"origin\": \"PREDEFINED\","
                + " \"definition\": " + SCORE + members + "}\n"
                + "]}\n";
    }

    private void write(String content) throws IOException {
        Files.writeString(file, content);
    }

    @Test
    void listsSummariesOrderedById() throws IOException {
        write(catalog("Alpha", ", \"revision\": \"9\"", ""));

        assertThat(source.list()).extracting(SegmentSummary::id, SegmentSummary::revision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SegmentId.of("alpha"), "9"),
                        org.assertj.core.groups.Tuple.tuple(SegmentId.of("zeta"), "3"));
    }

    @Test
    void aSegmentWithoutRevisionHasItsFingerprintAsRevision() throws IOException {
        write(catalog("Alpha", "", ""));

        Segment alpha = source.find(SegmentId.of("alpha")).orElseThrow();

        assertThat(alpha.revision()).isEqualTo(alpha.fingerprint().hex());
    }

    @Test
    void exportsTheDefinitionWithItsMembersSortedAndUnique() throws IOException {
        write(catalog("Alpha", "", ", \"members\": [\"v3\", \"v1\", \"v2\", \"v1\"]"));

        try (SegmentExport export = source.export(SegmentId.of("alpha"))) {
            assertThat(export.segment()).isEqualTo(source.find(SegmentId.of("alpha")).orElseThrow());
            assertThat(export.dataAsOf()).isEqualTo(NOW);
            assertThat(export.members().collect(Collectors.toList())).containsExactly("v1", "v2", "v3");
        }
        try (SegmentExport export = source.export(SegmentId.of("zeta"))) {
            assertThat(export.members()).isEmpty();
        }
    }

    @Test
    void exportOfAnUnknownSegmentIsNotFound() throws IOException {
        write(catalog("Alpha", "", ""));

        assertThatThrownBy(() -> source.export(SegmentId.of("nope")))
                .isInstanceOf(SegmentNotFoundException.class);
        assertThat(source.find(SegmentId.of("nope"))).isEmpty();
    }

    @Test
    void seesAnEditOfEqualSizeAndModificationTimeOnTheNextCall() throws IOException {
        write(catalog("AAAA", "", ""));
        FileTime mtime = FileTime.from(Instant.now());
        Files.setLastModifiedTime(file, mtime);
        assertThat(source.find(SegmentId.of("alpha")).orElseThrow().name()).isEqualTo("AAAA");

        write(catalog("BBBB", "", ""));
        Files.setLastModifiedTime(file, mtime);

        assertThat(source.find(SegmentId.of("alpha")).orElseThrow().name()).isEqualTo("BBBB");
    }

    @Test
    void seesAnEditWithANewModificationTime() throws IOException {
        write(catalog("Alpha", "", ""));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(source.list()).hasSize(2);

        write("{\"schemaVersion\": 1, \"segments\": []}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:01Z")));

        assertThat(source.list()).isEmpty();
    }

    @Test
    void anExportKeepsTheRevisionItWasTakenAtWhenTheFileChanges() throws IOException {
        write(catalog("Alpha", "", ", \"members\": [\"a\", \"b\"]"));
        try (SegmentExport export = source.export(SegmentId.of("alpha"))) {
            write(catalog("Alpha", "", ", \"members\": [\"c\"]"));
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

            assertThat(export.members().collect(Collectors.toList())).containsExactly("a", "b");
        }
        try (SegmentExport export = source.export(SegmentId.of("alpha"))) {
            assertThat(export.members().collect(Collectors.toList())).containsExactly("c");
        }
    }

    @Test
    void aBrokenFileFailsEveryCallWithFileLineAndPathUntilItIsFixed() throws IOException {
        write(catalog("Alpha", "", ""));
        assertThat(source.list()).hasSize(2);
        write(catalog("Alpha", "", ", \"colour\": \"red\""));

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> source.list());

        assertThat(e.location()).contains(file.toString());
        assertThat(e.line()).hasValue(3);
        assertThat(e.field()).contains("$.segments[1].colour");
        assertThatThrownBy(() -> source.find(SegmentId.of("zeta")))
                .as("never a half-read catalog").isInstanceOf(InvalidDefinitionException.class);

        write(catalog("Fixed", "", ""));
        assertThat(source.find(SegmentId.of("alpha")).orElseThrow().name()).isEqualTo("Fixed");
    }

    @Test
    void aMissingFileMakesTheSourceUnavailable() {
        assertThatThrownBy(() -> source.list()).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void readsTheIssueExampleCatalog() throws IOException {
        write(String.join("\n", List.of(
                "{",
                "  \"schemaVersion\": 1,",
                "  \"segments\": [",
                "    {",
                "      \"id\": \"shoe-lovers\",",
                "      \"name\": \"Shoe lovers\",",
                "      \"description\": \"Bought shoes twice in 90 days\",",
                "      \"revision\": \"7\",",
                "      \"definition\": {",
                "        \"condition\": {",
                "          \"type\": \"allOf\",",
                "          \"conditions\": [",
                "            {\"type\": \"performed\", \"event\": {\"name\": \"order\", \"where\": [",
                "                {\"property\": \"category\", \"op\": \"eq\", \"value\": \"shoes\"}]},",
                "             \"aggregate\": \"count\", \"op\": \"gte\", \"value\": 2, \"window\": {\"last\": \"P90D\"}},",
                "            {\"type\": \"not\", \"condition\":",
                "              {\"type\": \"attribute\", \"property\": \"country\", \"op\": \"eq\", \"value\": \"CH\"}}",
                "          ]",
                "        }",
                "      }",
                "    }",
                "  ]",
                "}")));

        Segment segment = source.find(SegmentId.of("shoe-lovers")).orElseThrow();

        assertThat(segment.revision()).isEqualTo("7");
        assertThat(segment.description()).isEqualTo("Bought shoes twice in 90 days");
        assertThat(segment.definition().canonicalForm()).contains("\"last\":\"PT2160H\"");
    }
}
