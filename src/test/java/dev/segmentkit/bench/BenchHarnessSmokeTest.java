package dev.segmentkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.segmentkit.cli.HistoryGenerator;
import dev.segmentkit.segment.SegmentId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the benchmark harnesses on tiny sizes, so that they keep working between benchmark runs:
 * the forked, measured JVMs report what the code under test computes. Times are not checked.
 */
class BenchHarnessSmokeTest {

    @TempDir
    Path dir;

    @Test
    void catalogHarnessReportsTheMembersOfAnInProcessEvaluation() throws Exception {
        List<Bench.Measured> runs = CatalogBench.run(2_000, 1, dir, "256m");

        int visitors = (int) Math.round(2_000 / CatalogBench.EVENTS_PER_VISITOR);
        Path history = dir.resolve("history-" + visitors + "v.ndjson");
        Map<String, Object> out = new HashMap<>();
        Map<SegmentId, List<String>> expected = CatalogRun.evaluate("segmentkit", history,
                HistoryGenerator.DEFAULT_AS_OF, out);
        Bench.Measured run = runs.get(0);
        assertThat(run.number("lines")).isEqualTo(((Number) out.get("lines")).doubleValue());
        for (Map.Entry<SegmentId, List<String>> e : expected.entrySet()) {
            assertThat(run.result()).containsEntry("n." + e.getKey(), String.valueOf(e.getValue().size()))
                    .containsEntry("sha." + e.getKey(), CatalogRun.digest(e.getValue()));
        }
        assertThat(run.peakRssKb()).isPositive();
    }

    @Test
    void importHarnessReimportsWithOnePercentChurn() throws Exception {
        List<Bench.Measured> runs = ImportBench.run("files", 20_000, 1, dir, null, "128m");

        Bench.Measured run = runs.get(0);
        assertThat(run.result()).containsEntry("members", "20000").containsEntry("added", "100")
                .containsEntry("removed", "100").containsEntry("copyBytes", "240000");
    }

    @Test
    void syntheticMembersAreSortedUniqueAndChurnAsCounted() {
        for (boolean churned : new boolean[] {false, true}) {
            List<String> ids = new ArrayList<>();
            Iterator<String> it = SyntheticSegmentSource.ids(1_000, churned);
            it.forEachRemaining(ids::add);
            assertThat(ids).isSorted().doesNotHaveDuplicates()
                    .hasSize((int) SyntheticSegmentSource.count(1_000, churned));
        }
        assertThat(SyntheticSegmentSource.id(42)).isEqualTo("m0000000042");
    }
}
