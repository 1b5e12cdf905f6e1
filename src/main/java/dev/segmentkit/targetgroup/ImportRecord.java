package dev.segmentkit.targetgroup;

import dev.segmentkit.segment.Fingerprint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a target group's history: an import or a re-import, with what it changed.
 *
 * @param sequence 1 for the first import, then one more per entry
 * @param kind IMPORT or REIMPORT
 * @param at when the (re-)import committed
 * @param revision the source revision that was copied
 * @param fingerprint the fingerprint of the definition that was copied
 * @param memberCount the number of members after it
 * @param added members that were not in the previous snapshot (all members for IMPORT)
 * @param removed members of the previous snapshot that are gone (0 for IMPORT)
 * @param importedBy who asked for it, when the caller said so
 */
public record ImportRecord(
        long sequence,
        Kind kind,
        Instant at,
        String revision,
        Fingerprint fingerprint,
        long memberCount,
        long added,
        long removed,
        Optional<String> importedBy) {

    /** The kind of a history entry. */
    public enum Kind {
        /** The first import, which created the target group. */
        IMPORT,
        /** An explicit refresh of an existing target group. */
        REIMPORT
    }

    /**
     * Validates the record.
     *
     * @param sequence 1 for the first import, then one more per entry
     * @param kind IMPORT or REIMPORT
     * @param at when the (re-)import committed
     * @param revision the source revision that was copied
     * @param fingerprint the fingerprint of the definition that was copied
     * @param memberCount the number of members after it
     * @param added members that were not in the previous snapshot (all members for IMPORT)
     * @param removed members of the previous snapshot that are gone (0 for IMPORT)
     * @param importedBy who asked for it, when the caller said so
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a number is out of range or the counts disagree
     */
    public ImportRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(importedBy, "importedBy");
        if (memberCount < 0 || added < 0 || removed < 0) {
            throw new IllegalArgumentException("memberCount, added and removed must not be negative");
        }
        if (added > memberCount) {
            throw new IllegalArgumentException(
                    "added (" + added + ") cannot exceed memberCount (" + memberCount + ")");
        }
        if (kind == Kind.IMPORT && (removed != 0 || added != memberCount)) {
            throw new IllegalArgumentException(
                    "an IMPORT adds every member and removes none");
        }
        importedBy.ifPresent(by -> {
            if (by.isBlank()) {
                throw new IllegalArgumentException("importedBy must not be blank when present");
            }
        });
    }
}
