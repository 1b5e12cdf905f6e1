package dev.segmentkit.spi;

import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.Objects;

/**
 * Thrown when a write names an expected version that is not the stored one: another writer
 * changed the target group in between. Nothing was written.
 */
public class VersionConflictException extends SegmentkitException {

    private static final long serialVersionUID = 1L;

    private final transient TargetGroupId targetGroupId;
    /** The version the writer expected. */
    private final long expectedVersion;
    /** The version found in the store. */
    private final long actualVersion;

    /**
     * Creates the exception.
     *
     * @param targetGroupId the target group
     * @param expectedVersion the version the writer expected
     * @param actualVersion the version found in the store
     */
    public VersionConflictException(TargetGroupId targetGroupId, long expectedVersion,
            long actualVersion) {
        super("version conflict on target group " + Objects.requireNonNull(targetGroupId, "targetGroupId")
                + ": expected version " + expectedVersion + ", found " + actualVersion);
        this.targetGroupId = targetGroupId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * Returns the target group.
     *
     * @return its id
     */
    public TargetGroupId targetGroupId() {
        return targetGroupId;
    }

    /**
     * Returns the version the writer expected.
     *
     * @return the expected version
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * Returns the version found in the store.
     *
     * @return the actual version
     */
    public long actualVersion() {
        return actualVersion;
    }
}
