package dev.segmentkit.spi;

import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.Objects;

/** Thrown by {@link TargetGroupStore#create} when a target group with the id exists already. */
public class TargetGroupExistsException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    private final transient TargetGroupId targetGroupId;

    /**
     * Creates the exception.
     *
     * @param targetGroupId the id that exists
     */
    public TargetGroupExistsException(TargetGroupId targetGroupId) {
        super("target group exists already: " + Objects.requireNonNull(targetGroupId, "targetGroupId"));
        this.targetGroupId = targetGroupId;
    }

    /**
     * Returns the id that exists.
     *
     * @return the target group id
     */
    public TargetGroupId targetGroupId() {
        return targetGroupId;
    }
}
