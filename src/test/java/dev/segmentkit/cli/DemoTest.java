package dev.segmentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentkit.history.Evaluation;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.history.HistoricalSegmentSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @Test
    @DisplayName("demo generates its history once, imports two predefined segments, and is idempotent")
    void demo(@TempDir Path dir) throws Exception {
        String store = dir.resolve("data").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"demo", "--store", store, "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode first = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(first.get("segments")).hasSize(16);
        assertThat(first.get("targetGroups")).hasSize(2);
        assertThat(first.get("asOf").asText()).isEqualTo(HistoryGenerator.DEFAULT_AS_OF.toString());
        for (JsonNode g : first.get("targetGroups")) {
            assertThat(g.get("snapshot").get("memberCount").asLong()).isPositive();
        }
        Path history = Path.of(store, "demo-history.ndjson.gz");
        assertThat(history).isRegularFile();
        long size = Files.size(history);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"demo", "--store", store, "--quiet"},
                new PrintStream(again, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false)).isZero();
        assertThat(again.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(first.get("targetGroups").get(0).get("id").asText(),
                        first.get("targetGroups").get(1).get("id").asText());
        assertThat(Files.size(history)).isEqualTo(size);
    }

    @Test
    @DisplayName("every predefined segment has members on the demo history")
    void everyPredefinedSegmentIsNonEmpty(@TempDir Path dir) {
        Path history = Workspace.demoHistory(dir, new Progress(System.err, false));
        ScoringConfig config = ScoringConfig.defaults();
        HistoricalSegmentSource source = HistoricalSegmentSource.builder(HistoricalData.ndjson(history))
                .asOf(HistoryGenerator.DEFAULT_AS_OF)
                .predefined(config)
                .build();

        Evaluation all = source.evaluateAll();

        for (SegmentId id : PredefinedCatalog.ids()) {
            assertThat(all.members(id)).as("members of %s", id).isNotEmpty();
        }
    }
}
