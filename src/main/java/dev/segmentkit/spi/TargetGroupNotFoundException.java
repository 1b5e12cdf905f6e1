package dev.segmentkit.spi;

import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.Objects;

/** Thrown when a store has no target group with the requested id. */
public class TargetGroupNotFoundException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    private final transient TargetGroupId targetGroupId;

    /**
     * Creates the exception.
     *
     * @param targetGroupId the id that was not found
     */
    public TargetGroupNotFoundException(TargetGroupId targetGroupId) {
        super("target group not found: " + Objects.requireNonNull(targetGroupId, "targetGroupId"));
        this.targetGroupId = targetGroupId;
    }

    /**
     * Returns the id that was not found.
     *
     * @return the target group id
     */
    public TargetGroupId targetGroupId() {
        return targetGroupId;
    }
}
