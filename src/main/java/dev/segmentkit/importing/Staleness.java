package dev.segmentkit.importing;

import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a target group's snapshot still matches its segment, and if not, why. Information
 * only: nothing is changed; a re-import is the one way to refresh a target group.
 *
 * @param targetGroupId the target group
 * @param segmentId the segment it was imported from
 * @param reasons why it is stale, in the enum's order; empty when it is not (an immutable copy)
 */
public record Staleness(TargetGroupId targetGroupId, SegmentId segmentId, Set<Reason> reasons) {

    /** Why a target group is stale. */
    public enum Reason {
        /** The segment's definition has another fingerprint than the snapshot's. */
        DEFINITION_CHANGED,
        /** The segment's revision differs from the snapshot's. */
        REVISION_CHANGED,
        /** The segment's name differs from the name it had at import. */
        RENAMED,
        /** The source has no segment with the id any more. */
        SEGMENT_DELETED
    }

    /**
     * Validates and copies the reasons.
     *
     * @param targetGroupId the target group
     * @param segmentId the segment it was imported from
     * @param reasons why it is stale, in the enum's order; empty when it is not (an immutable copy)
     * @throws NullPointerException if a component is null
     */
    public Staleness {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(reasons, "reasons");
        reasons = reasons.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    /**
     * Tells whether the target group is stale.
     *
     * @return true when there is at least one reason
     */
    public boolean isStale() {
        return !reasons.isEmpty();
    }
}
