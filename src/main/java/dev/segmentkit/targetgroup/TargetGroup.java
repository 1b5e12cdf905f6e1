package dev.segmentkit.targetgroup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A target group of Marketing Automation: a frozen copy of a segment (its
 * {@link SegmentSnapshot}) with its own identity, local name and history. Its members live in a
 * {@code TargetGroupStore}, not in this object.
 *
 * <p>Instances are immutable and thread-safe; the {@code with...} methods return new instances.
 *
 * @param id the target group's own id
 * @param name the local name (copied from the segment at import, may be renamed)
 * @param version the optimistic-lock version, 1 after the first import, one more per change
 * @param snapshot the frozen copy of the segment
 * @param history the imports and re-imports, oldest first (an immutable copy)
 * @param createdAt when the target group was created
 * @param updatedAt when it was last changed
 */
public record TargetGroup(
        TargetGroupId id,
        String name,
        long version,
        SegmentSnapshot snapshot,
        List<ImportRecord> history,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Validates the target group and copies its history.
     *
     * @param id the target group's own id
     * @param name the local name (copied from the segment at import, may be renamed)
     * @param version the optimistic-lock version, 1 after the first import, one more per change
     * @param snapshot the frozen copy of the segment
     * @param history the imports and re-imports, oldest first (an immutable copy)
     * @param createdAt when the target group was created
     * @param updatedAt when it was last changed
     * @throws NullPointerException if a component or history entry is null
     * @throws IllegalArgumentException if the name is blank, the version is below 1, the history
     *     is empty, out of sequence or disagrees with the snapshot, or {@code updatedAt} is before
     *     {@code createdAt}
     */
    public TargetGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got " + version);
        }
        Objects.requireNonNull(snapshot, "snapshot");
        history = List.copyOf(Objects.requireNonNull(history, "history"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history must hold at least the first import");
        }
        for (int i = 0; i < history.size(); i++) {
            ImportRecord record = history.get(i);
            if (record.sequence() != i + 1) {
                throw new IllegalArgumentException("history entry " + i + " has sequence "
                        + record.sequence() + ", expected " + (i + 1));
            }
            ImportRecord.Kind expected = i == 0 ? ImportRecord.Kind.IMPORT : ImportRecord.Kind.REIMPORT;
            if (record.kind() != expected) {
                throw new IllegalArgumentException(
                        "history entry " + (i + 1) + " must be " + expected + ", got " + record.kind());
            }
        }
        ImportRecord last = history.get(history.size() - 1);
        if (last.memberCount() != snapshot.memberCount()
                || !last.fingerprint().equals(snapshot.fingerprint())
                || !last.revision().equals(snapshot.revision())) {
            throw new IllegalArgumentException(
                    "the latest history entry must describe the snapshot (member count, revision, fingerprint)");
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException(
                    "updatedAt (" + updatedAt + ") must not be before createdAt (" + createdAt + ")");
        }
    }

    /**
     * Returns the latest history entry, the one that produced the current snapshot.
     *
     * @return the latest import record
     */
    public ImportRecord latestImport() {
        return history.get(history.size() - 1);
    }

    /**
     * Returns a copy with a new local name, the next version and the given update time.
     *
     * @param newName the new local name
     * @param at the time of the change
     * @return the renamed target group
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code newName} is blank
     */
    public TargetGroup renamed(String newName, Instant at) {
        return new TargetGroup(id, newName, version + 1, snapshot, history, createdAt, at);
    }
}
