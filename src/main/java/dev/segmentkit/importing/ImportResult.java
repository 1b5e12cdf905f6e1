package dev.segmentkit.importing;

import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.TargetGroup;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of an import or re-import.
 *
 * @param targetGroup the target group as stored after it
 * @param record the history entry it produced (for an idempotent replay: the first import's)
 * @param created true when this call wrote; false when an idempotency key found the target
 *     group of an earlier import
 * @param elapsed how long the call took
 */
public record ImportResult(TargetGroup targetGroup, ImportRecord record, boolean created,
        Duration elapsed) {

    /**
     * Validates the result.
     *
     * @param targetGroup the target group as stored after it
     * @param record the history entry it produced (for an idempotent replay: the first import's)
     * @param created true when this call wrote; false when an idempotency key found the target group of an earlier import
     * @param elapsed how long the call took
     * @throws NullPointerException if a component is null
     */
    public ImportResult {
        Objects.requireNonNull(targetGroup, "targetGroup");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
