package dev.segmentkit.bench;

import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * HOOK for the catalog benchmark's comparison engine: another way to evaluate the whole catalog
 * over the same NDJSON file, e.g. DuckDB with the SQL compiler's queries ({@code read_ndjson}).
 *
 * <p>To wire one in, implement this interface in {@code src/test/java} and name the class in
 * {@code src/test/resources/META-INF/services/dev.segmentkit.bench.CatalogEngine}. The catalog
 * benchmark finds it with {@link java.util.ServiceLoader}, runs it in its own forked JVM (same
 * heap limit, peak RSS measured, which includes native memory), checks that its member sets equal
 * segmentkit's (count and SHA-256 of the sorted members, per segment) and prints both times and
 * the ratio segmentkit / engine. Without one, the benchmark prints segmentkit's figures only.
 */
public interface CatalogEngine {

    /**
     * Returns the engine's name, as given to {@code CatalogRun --engine=NAME}.
     *
     * @return a name without spaces, e.g. {@code duckdb}
     */
    String name();

    /**
     * Evaluates every definition over the history as of the task's instant, with the same
     * historical rules segmentkit applies (session timeout, policy, RFM/RFE scoring config).
     * The timed section is this call, file reading included.
     *
     * @param task what to evaluate
     * @return the members of every definition, each list sorted ascending in
     *     {@link String#compareTo} order and unique
     * @throws Exception if the engine fails; the benchmark then fails
     */
    Map<SegmentId, List<String>> evaluate(Task task) throws Exception;

    /**
     * What to evaluate.
     *
     * @param history the NDJSON history file (uncompressed)
     * @param asOf the evaluation instant
     * @param sessionTimeout the session timeout
     * @param policy the open-session policy
     * @param scoring the RFM/RFE scoring configuration
     * @param definitions the catalog, by segment id
     */
    record Task(Path history, Instant asOf, Duration sessionTimeout, HistoryPolicy policy,
            ScoringConfig scoring, Map<SegmentId, SegmentDefinition> definitions) {
    }
}
