package dev.segmentkit.bench;

import dev.segmentkit.history.Evaluation;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.rfm.PredefinedCatalog;
import dev.segmentkit.rfm.RfmScoringPass;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.history.HistoricalSegmentSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * One measured catalog evaluation, run in a forked JVM by {@link CatalogBench}: evaluates the
 * whole predefined catalog over an NDJSON history with segmentkit ({@code --engine=segmentkit},
 * {@link HistoricalSegmentSource#evaluateAll()}) or with a {@link CatalogEngine} of that name,
 * and prints one RESULT line: seconds, peak heap, and per segment the member count and a digest.
 */
public final class CatalogRun {

    /** The session timeout of the benchmark (the evaluator's default). */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private CatalogRun() {
    }

    /**
     * Runs one evaluation.
     *
     * @param args {@code --history=FILE --as-of=INSTANT --engine=NAME}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        Path history = Path.of(o.get("history"));
        Instant asOf = Instant.parse(o.get("as-of"));
        String engine = Bench.option(o, "engine", "segmentkit");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine);
        long t0 = System.nanoTime();
        Map<SegmentId, List<String>> members = evaluate(engine, history, asOf, out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.put("seconds", String.format(java.util.Locale.ROOT, "%.3f", seconds));
        out.put("heapPeakMb", heapPeakMb());
        long total = 0;
        for (Map.Entry<SegmentId, List<String>> e : new TreeMap<>(members).entrySet()) {
            out.put("n." + e.getKey(), e.getValue().size());
            out.put("sha." + e.getKey(), digest(e.getValue()));
            total += e.getValue().size();
        }
        out.put("memberships", total);
        Bench.report(out);
    }

    /** Evaluates the predefined catalog with segmentkit or a named engine. */
    static Map<SegmentId, List<String>> evaluate(String engine, Path history, Instant asOf,
            Map<String, Object> out) throws Exception {
        ScoringConfig config = ScoringConfig.defaults();
        if (engine.equals("segmentkit")) {
            HistoricalSegmentSource source = HistoricalSegmentSource
                    .builder(HistoricalData.ndjson(history))
                    .asOf(asOf)
                    .sessionTimeout(TIMEOUT)
                    .policy(HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS)
                    .catalog("predefined", () -> PredefinedCatalog.segments(config))
                    .scoring(RfmScoringPass.factory(config))
                    .build();
            Evaluation evaluation = source.evaluateAll();
            out.put("population", evaluation.population());
            out.put("countedEvents", evaluation.countedEvents());
            out.put("lines", evaluation.report().lines());
            return evaluation.members();
        }
        CatalogEngine found = engine(engine);
        Map<SegmentId, SegmentDefinition> definitions = new LinkedHashMap<>();
        for (Segment s : PredefinedCatalog.segments(config)) {
            definitions.put(s.id(), s.definition());
        }
        return found.evaluate(new CatalogEngine.Task(history, asOf, TIMEOUT,
                HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS, config, definitions));
    }

    /** Returns the comparison engine of that name from the service loader. */
    static CatalogEngine engine(String name) {
        for (CatalogEngine e : ServiceLoader.load(CatalogEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no CatalogEngine named " + name);
    }

    /** The sum of the heap pools' peak usage, in MiB (an upper bound of the peak heap). */
    static long heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    /** SHA-256 over the members, one per line; first 16 hex digits. */
    static String digest(List<String> members) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String m : members) {
            sha.update(m.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }
}
