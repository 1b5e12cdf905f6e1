package dev.segmentkit.targetgroup;

import dev.segmentkit.segment.Fingerprint;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import java.time.Instant;
import java.util.Objects;

/**
 * The frozen copy of a segment that a target group holds: what the segment was when it was
 * (re-)imported. Nothing in it is resolved from the source afterwards.
 *
 * @param segmentId the segment's id, kept as provenance for re-import and staleness checks
 * @param segmentName the segment's name at import
 * @param origin the segment's origin
 * @param definition the definition as imported
 * @param revision the source's revision of the segment at import
 * @param fingerprint the fingerprint of {@code definition}
 * @param importedAt when the import committed
 * @param dataAsOf the instant the source's data (and the membership) refers to
 * @param memberCount the number of members copied into the store
 */
public record SegmentSnapshot(
        SegmentId segmentId,
        String segmentName,
        SegmentOrigin origin,
        SegmentDefinition definition,
        String revision,
        Fingerprint fingerprint,
        Instant importedAt,
        Instant dataAsOf,
        long memberCount) {

    /**
     * Validates the snapshot.
     *
     * @param segmentId the segment's id, kept as provenance for re-import and staleness checks
     * @param segmentName the segment's name at import
     * @param origin the segment's origin
     * @param definition the definition as imported
     * @param revision the source's revision of the segment at import
     * @param fingerprint the fingerprint of {@code definition}
     * @param importedAt when the import committed
     * @param dataAsOf the instant the source's data (and the membership) refers to
     * @param memberCount the number of members copied into the store
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the name or revision is blank, the member count is
     *     negative, or the fingerprint is not the definition's
     */
    public SegmentSnapshot {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(segmentName, "segmentName");
        if (segmentName.isBlank()) {
            throw new IllegalArgumentException("segmentName must not be blank");
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(revision, "revision");
        if (revision.isBlank()) {
            throw new IllegalArgumentException("revision must not be blank");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(importedAt, "importedAt");
        Objects.requireNonNull(dataAsOf, "dataAsOf");
        if (memberCount < 0) {
            throw new IllegalArgumentException("memberCount must not be negative, got " + memberCount);
        }
        if (!fingerprint.equals(definition.fingerprint())) {
            throw new IllegalArgumentException("fingerprint " + fingerprint
                    + " is not the fingerprint of the definition (" + definition.fingerprint() + ")");
        }
    }
}
