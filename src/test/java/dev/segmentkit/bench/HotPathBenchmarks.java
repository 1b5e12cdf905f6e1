package dev.segmentkit.bench;

import dev.segmentkit.cli.HistoryGenerator;
import dev.segmentkit.history.Evaluation;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.ReadReport;
import dev.segmentkit.history.SegmentEvaluator;
import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.importing.ImportResult;
import dev.segmentkit.importing.ImportService;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.RfmScoringPass;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.Fingerprint;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH micro-benchmarks of the hot paths, per event, visitor or member, so that regressions show:
 * {@code mvn -B -Pbench test-compile exec:exec@jmh}.
 */
public class HotPathBenchmarks {

    /** Visitors in the generated history (about 13 events each). */
    static final int VISITORS = 2_000;
    /** Events the generator writes for those visitors (seed 7, 400 days). */
    static final int EVENTS = 27_366;
    /** Members of the merged target group. */
    static final int MEMBERS = 100_000;

    /** A generated history, on disk and in memory, and the predefined catalog. */
    @State(Scope.Benchmark)
    public static class History {
        Path dir;
        HistoricalData file;
        HistoricalData memory;
        int events;
        Map<SegmentId, SegmentDefinition> catalog = new LinkedHashMap<>();
        SegmentEvaluator evaluator;
        SegmentDefinition definition;

        /**
         * Writes the history and loads it.
         *
         * @throws IOException if writing fails
         */
        @Setup
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("segmentkit-jmh");
            Path path = dir.resolve("history.ndjson");
            events = (int) HistoryGenerator.of(VISITORS, 400, 7, HistoryGenerator.DEFAULT_AS_OF).write(path);
            if (events != EVENTS) {
                throw new IllegalStateException("the generator now writes " + events + " events; update EVENTS");
            }
            file = HistoricalData.ndjson(path);
            List<TrackedEvent> list = new ArrayList<>();
            file.read(list::add, (l, b) -> { });
            memory = HistoricalData.of("memory", list);
            ScoringConfig config = ScoringConfig.defaults();
            for (Segment s : PredefinedCatalog.segments(config)) {
                catalog.put(s.id(), s.definition());
            }
            definition = catalog.values().iterator().next();
            evaluator = SegmentEvaluator.builder().scoring(RfmScoringPass.factory(config)).build();
        }

        /**
         * Removes the files.
         *
         * @throws IOException if deleting fails
         */
        @TearDown
        public void tearDown() throws IOException {
            ImportRun.deleteTree(dir);
        }
    }

    /**
     * NDJSON decode, per event: read the file once into events.
     *
     * @param h the history
     * @param bh the sink
     * @return the report
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(EVENTS)
    public ReadReport decodePerEvent(History h, Blackhole bh) {
        return h.file.read(bh::consume, (l, b) -> { });
    }

    /**
     * Condition evaluation per visitor: the whole predefined catalog with RFM scoring over events
     * held in memory (no parsing).
     *
     * @param h the history
     * @return the evaluation
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(VISITORS)
    public Evaluation catalogPerVisitor(History h) {
        return h.evaluator.evaluate(h.memory, HistoryGenerator.DEFAULT_AS_OF, h.catalog);
    }

    /**
     * Fingerprint of a predefined definition (canonical JSON and SHA-256).
     *
     * @param h the history (for the definition)
     * @return the fingerprint
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Fingerprint fingerprint(History h) {
        return h.definition.fingerprint();
    }

    /** A target group of {@link #MEMBERS} in memory, re-imported with 1% churn. */
    @State(Scope.Thread)
    public static class Merge {
        SyntheticSegmentSource source;
        ImportService service;
        TargetGroupId id;
        int revision = 1;

        /** Imports the group. */
        @Setup(Level.Trial)
        public void setUp() {
            source = new SyntheticSegmentSource(MEMBERS);
            service = ImportService.create(source, TargetGroupStore.inMemory());
            id = service.importSegment(SyntheticSegmentSource.ID).targetGroup().id();
        }
    }

    /**
     * Member merge of a re-import, per member: alternately churned and original members against
     * the stored ones, counting added and removed (in-memory store, so the merge dominates).
     *
     * @param m the group
     * @return the result
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(MEMBERS)
    public ImportResult reimportMergePerMember(Merge m) {
        m.revision = m.revision == 1 ? 2 : 1;
        m.source.revision(m.revision);
        return m.service.reimport(m.id);
    }
}
