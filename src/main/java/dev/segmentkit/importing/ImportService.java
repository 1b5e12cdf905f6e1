package dev.segmentkit.importing;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SegmentkitException;
import dev.segmentkit.spi.SourceUnavailableException;
import dev.segmentkit.spi.StoreException;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports segments of a {@link SegmentSource} into a {@link TargetGroupStore} as target groups,
 * with snapshot semantics: a target group holds a frozen copy of the segment's definition and
 * members, and never changes when the segment does. {@link #reimport} is the one, explicit way
 * to refresh it; it keeps the target group's id and local name, bumps its version and appends
 * to its history.
 *
 * <p>Every write is all or nothing: when the source fails (even in the middle of the member
 * stream), the segment is gone, or the store fails, the store is left exactly as it was and the
 * caller gets a typed {@link SegmentkitException} naming the segment or target group.
 *
 * <p>Concurrency: the service is thread-safe and holds no state of its own; the store's
 * optimistic versions arbitrate. Of concurrent re-imports, renames or deletes of one target
 * group, each either applies or fails with {@link dev.segmentkit.spi.VersionConflictException};
 * the service never retries on its own (a caller that wants the newest data simply calls
 * {@link #reimport} again).
 *
 * <p>Members are never held in memory: they stream from the source into the store, and a
 * re-import computes the members added and removed by merging the old and the new sorted
 * streams.
 */
public final class ImportService {

    /** How many members are copied between two {@link ImportListener#onProgress} calls. */
    public static final long PROGRESS_INTERVAL = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);

    private final SegmentSource source;
    private final TargetGroupStore store;
    private final Clock clock;
    private final List<ImportListener> listeners;
    private final Supplier<TargetGroupId> idGenerator;

    private ImportService(Builder builder) {
        this.source = builder.source;
        this.store = builder.store;
        this.clock = builder.clock == null ? Clock.systemUTC() : builder.clock;
        this.listeners = List.copyOf(builder.listeners);
        this.idGenerator = builder.idGenerator == null ? TargetGroupId::random : builder.idGenerator;
    }

    /**
     * Returns a service on the system UTC clock with no listeners.
     *
     * @param source where segments come from
     * @param store where target groups go
     * @return the service
     * @throws NullPointerException if an argument is null
     */
    public static ImportService create(SegmentSource source, TargetGroupStore store) {
        return builder(source, store).build();
    }

    /**
     * Returns a builder.
     *
     * @param source where segments come from
     * @param store where target groups go
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(SegmentSource source, TargetGroupStore store) {
        return new Builder(source, store);
    }

    /**
     * Lists the segments that can be imported.
     *
     * @return the source's segment summaries, ordered by id
     * @throws SourceUnavailableException if the source cannot be read
     */
    public List<SegmentSummary> importableSegments() {
        return fromSource(null, source::list);
    }

    /**
     * Imports a segment as a new target group named like the segment.
     *
     * @param segmentId the segment to import
     * @return the new target group and its first history entry
     * @throws NullPointerException if {@code segmentId} is null
     * @throws SegmentNotFoundException if the source has no such segment; nothing was written
     * @throws SourceUnavailableException if the source fails, also mid-stream; nothing was written
     * @throws dev.segmentkit.spi.InvalidMembersException if the source's members are unsorted,
     *     repeated or invalid; nothing was written
     * @throws StoreException if the store fails; nothing was written
     */
    public ImportResult importSegment(SegmentId segmentId) {
        return importSegment(segmentId, ImportOptions.defaults());
    }

    /**
     * Imports a segment as a new target group.
     *
     * @param segmentId the segment to import
     * @param options local name, requester, idempotency key
     * @return the new target group and its first history entry; with an idempotency key used
     *     before, the existing target group ({@link ImportResult#created()} false)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the idempotency key was used for another segment
     * @throws SegmentNotFoundException if the source has no such segment; nothing was written
     * @throws SourceUnavailableException if the source fails, also mid-stream; nothing was written
     * @throws dev.segmentkit.spi.InvalidMembersException if the source's members are unsorted,
     *     repeated or invalid; nothing was written
     * @throws StoreException if the store fails; nothing was written
     */
    public ImportResult importSegment(SegmentId segmentId, ImportOptions options) {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        TargetGroupId id;
        if (options.idempotencyKey().isPresent()) {
            id = TargetGroupId.fromIdempotencyKey(options.idempotencyKey().get());
            Optional<TargetGroup> earlier = fromStore(id, () -> store.find(id));
            if (earlier.isPresent()) {
                return replay(earlier.get(), segmentId, options, started);
            }
        } else {
            id = idGenerator.get();
        }
        TargetGroup group;
        try (SegmentExport export = fromSource(segmentId, () -> source.export(segmentId))) {
            Segment segment = checkedSegment(export, segmentId);
            CopyingIterator copy = new CopyingIterator(id, export, null);
            GroupWrite write = GroupWrite.deferred(id, copy, () -> {
                Instant now = clock.instant();
                long count = copy.copied;
                ImportRecord record = new ImportRecord(1, ImportRecord.Kind.IMPORT, now,
                        segment.revision(), segment.fingerprint(), count, count, 0,
                        options.importedBy());
                return new TargetGroup(id, options.name().orElse(segment.name()), 1,
                        snapshot(segment, export.dataAsOf(), now, count), List.of(record), now, now);
            });
            group = fromStore(id, () -> store.create(write));
        } catch (TargetGroupExistsException e) {
            if (options.idempotencyKey().isPresent()) {
                Optional<TargetGroup> winner = fromStore(id, () -> store.find(id));
                if (winner.isPresent()) {
                    return replay(winner.get(), segmentId, options, started);
                }
            }
            throw e;
        }
        ImportResult result = new ImportResult(group, group.latestImport(), true, since(started));
        LOG.info("imported segment {} (revision {}) as target group {}: {} members in {} ms",
                segmentId, group.snapshot().revision(), id, group.snapshot().memberCount(),
                result.elapsed().toMillis());
        notifyListeners(l -> l.onImported(result));
        return result;
    }

    /**
     * Refreshes a target group from its segment: reads the segment again and replaces the
     * definition and members in one atomic step, keeping the id and the local name, bumping the
     * version and appending a REIMPORT entry with the members added and removed.
     *
     * @param targetGroupId the target group
     * @return the refreshed target group and its new history entry
     * @throws NullPointerException if {@code targetGroupId} is null
     * @throws TargetGroupNotFoundException if there is no such target group
     * @throws SegmentNotFoundException if the segment is gone; the target group is unchanged
     * @throws SourceUnavailableException if the source fails, also mid-stream; the target group
     *     is unchanged
     * @throws dev.segmentkit.spi.VersionConflictException if the target group changed meanwhile;
     *     the other change stands, this one was not applied
     * @throws dev.segmentkit.spi.InvalidMembersException if the source's members are unsorted,
     *     repeated or invalid; the target group is unchanged
     * @throws StoreException if the store fails; the target group is unchanged
     */
    public ImportResult reimport(TargetGroupId targetGroupId) {
        return reimport(targetGroupId, Optional.empty());
    }

    /**
     * Refreshes a target group from its segment, recording who asked; see
     * {@link #reimport(TargetGroupId)}.
     *
     * @param targetGroupId the target group
     * @param importedBy who asks for the re-import
     * @return the refreshed target group and its new history entry
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code importedBy} is blank
     * @throws TargetGroupNotFoundException if there is no such target group
     * @throws SegmentNotFoundException if the segment is gone; the target group is unchanged
     * @throws SourceUnavailableException if the source fails; the target group is unchanged
     * @throws dev.segmentkit.spi.VersionConflictException if the target group changed meanwhile
     * @throws StoreException if the store fails; the target group is unchanged
     */
    public ImportResult reimport(TargetGroupId targetGroupId, String importedBy) {
        return reimport(targetGroupId,
                Optional.of(ImportOptions.checkText(importedBy, "importedBy", 200)));
    }

    private ImportResult reimport(TargetGroupId targetGroupId, Optional<String> importedBy) {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        long started = System.nanoTime();
        TargetGroup current = existing(targetGroupId);
        SegmentId segmentId = current.snapshot().segmentId();
        TargetGroup group;
        try (SegmentExport export = exportForReimport(current);
                Stream<String> oldMembers = fromStore(targetGroupId, () -> store.members(targetGroupId))) {
            Segment segment = checkedSegment(export, segmentId);
            CopyingIterator copy = new CopyingIterator(targetGroupId, export, oldMembers.iterator());
            GroupWrite write = GroupWrite.deferred(targetGroupId, copy, () -> {
                // a clock behind the group's last change (skew, a step back) must not break it
                Instant now = laterOf(clock.instant(), current.updatedAt());
                List<ImportRecord> history = new ArrayList<>(current.history());
                history.add(new ImportRecord(history.size() + 1L, ImportRecord.Kind.REIMPORT, now,
                        segment.revision(), segment.fingerprint(), copy.copied, copy.added,
                        copy.removed, importedBy));
                return new TargetGroup(targetGroupId, current.name(), current.version() + 1,
                        snapshot(segment, export.dataAsOf(), now, copy.copied), history,
                        current.createdAt(), now);
            });
            group = fromStore(targetGroupId, () -> store.replace(write, current.version()));
        }
        ImportResult result = new ImportResult(group, group.latestImport(), true, since(started));
        ImportRecord r = result.record();
        LOG.info("re-imported segment {} (revision {}) into target group {} version {}: {} members, "
                + "{} added, {} removed in {} ms", segmentId, r.revision(), targetGroupId,
                group.version(), r.memberCount(), r.added(), r.removed(), result.elapsed().toMillis());
        notifyListeners(l -> l.onReimported(result));
        return result;
    }

    /**
     * Gives a target group a new local name. The snapshot (including the segment's name at
     * import) is unchanged; the version goes up by one.
     *
     * @param targetGroupId the target group
     * @param name the new name: not blank, at most 200 characters
     * @return the renamed target group
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or too long
     * @throws TargetGroupNotFoundException if there is no such target group
     * @throws dev.segmentkit.spi.VersionConflictException if it changed meanwhile; nothing changed
     * @throws StoreException if the store fails; nothing changed
     */
    public TargetGroup rename(TargetGroupId targetGroupId, String name) {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        ImportOptions.checkText(name, "name", 200);
        TargetGroup current = existing(targetGroupId);
        TargetGroup renamed = current.renamed(name, laterOf(clock.instant(), current.updatedAt()));
        TargetGroup stored = fromStore(targetGroupId, () -> store.update(renamed, current.version()));
        LOG.info("renamed target group {} to '{}' (version {})", targetGroupId, name, stored.version());
        return stored;
    }

    /**
     * Deletes a target group and its members. The segment is not affected.
     *
     * @param targetGroupId the target group
     * @throws NullPointerException if {@code targetGroupId} is null
     * @throws TargetGroupNotFoundException if there is no such target group
     * @throws dev.segmentkit.spi.VersionConflictException if it changed meanwhile; nothing changed
     * @throws StoreException if the store fails; nothing changed
     */
    public void delete(TargetGroupId targetGroupId) {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        TargetGroup current = existing(targetGroupId);
        fromStore(targetGroupId, () -> {
            store.delete(targetGroupId, current.version());
            return null;
        });
        LOG.info("deleted target group {}", targetGroupId);
    }

    /**
     * Finds a target group in the store.
     *
     * @param targetGroupId the id
     * @return the target group, or empty
     * @throws NullPointerException if {@code targetGroupId} is null
     * @throws StoreException if the store fails
     */
    public Optional<TargetGroup> targetGroup(TargetGroupId targetGroupId) {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        return fromStore(targetGroupId, () -> store.find(targetGroupId));
    }

    /**
     * Lists the target groups in the store.
     *
     * @return the target groups, ordered by id
     * @throws StoreException if the store fails
     */
    public List<TargetGroup> targetGroups() {
        return fromStore(null, store::list);
    }

    /**
     * Streams the members of a target group from the store (never from the source). The caller
     * closes the stream.
     *
     * @param targetGroupId the target group
     * @return its members, sorted ascending and unique
     * @throws NullPointerException if {@code targetGroupId} is null
     * @throws TargetGroupNotFoundException if there is no such target group
     * @throws StoreException if the store fails
     */
    public Stream<String> members(TargetGroupId targetGroupId) {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        return fromStore(targetGroupId, () -> store.members(targetGroupId));
    }

    /**
     * Compares a target group's snapshot with its segment's current state. Changes nothing.
     *
     * @param targetGroupId the target group
     * @return the staleness, with no reason when the snapshot is current
     * @throws NullPointerException if {@code targetGroupId} is null
     * @throws TargetGroupNotFoundException if there is no such target group
     * @throws SourceUnavailableException if the source cannot be read
     * @throws StoreException if the store fails
     */
    public Staleness staleness(TargetGroupId targetGroupId) {
        Objects.requireNonNull(targetGroupId, "targetGroupId");
        return staleness(existing(targetGroupId), new HashMap<>());
    }

    /**
     * Lists the stale target groups with their reasons. Changes nothing.
     *
     * @return the stale target groups, ordered by id
     * @throws SourceUnavailableException if the source cannot be read
     * @throws StoreException if the store fails
     */
    public List<Staleness> staleTargetGroups() {
        Map<SegmentId, Optional<Segment>> segments = new HashMap<>();
        List<Staleness> out = new ArrayList<>();
        for (TargetGroup group : targetGroups()) {
            Staleness s = staleness(group, segments);
            if (s.isStale()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private Staleness staleness(TargetGroup group, Map<SegmentId, Optional<Segment>> cache) {
        SegmentSnapshot snap = group.snapshot();
        Optional<Segment> segment = cache.computeIfAbsent(snap.segmentId(),
                sid -> fromSource(sid, () -> source.find(sid)));
        Set<Staleness.Reason> reasons = EnumSet.noneOf(Staleness.Reason.class);
        if (segment.isEmpty()) {
            reasons.add(Staleness.Reason.SEGMENT_DELETED);
        } else {
            Segment s = segment.get();
            if (!s.fingerprint().equals(snap.fingerprint())) {
                reasons.add(Staleness.Reason.DEFINITION_CHANGED);
            }
            if (!s.revision().equals(snap.revision())) {
                reasons.add(Staleness.Reason.REVISION_CHANGED);
            }
            if (!s.name().equals(snap.segmentName())) {
                reasons.add(Staleness.Reason.RENAMED);
            }
        }
        return new Staleness(group.id(), snap.segmentId(), reasons);
    }

    private ImportResult replay(TargetGroup earlier, SegmentId segmentId, ImportOptions options,
            long started) {
        if (!earlier.snapshot().segmentId().equals(segmentId)) {
            throw new IllegalArgumentException("idempotency key '" + options.idempotencyKey().get()
                    + "' was used for segment " + earlier.snapshot().segmentId() + " (target group "
                    + earlier.id() + "), not for " + segmentId);
        }
        LOG.info("import of segment {} with idempotency key found target group {}; nothing created",
                segmentId, earlier.id());
        return new ImportResult(earlier, earlier.history().get(0), false, since(started));
    }

    private SegmentExport exportForReimport(TargetGroup current) {
        SegmentId segmentId = current.snapshot().segmentId();
        try {
            return fromSource(segmentId, () -> source.export(segmentId));
        } catch (SegmentNotFoundException e) {
            throw new SegmentNotFoundException(segmentId, "cannot re-import target group "
                    + current.id() + ": segment " + segmentId + " no longer exists; the target "
                    + "group is unchanged");
        }
    }

    private static Segment checkedSegment(SegmentExport export, SegmentId requested) {
        Segment segment = export.segment();
        if (!segment.id().equals(requested)) {
            throw new SourceUnavailableException("source exported segment " + segment.id()
                    + " when asked for " + requested);
        }
        return segment;
    }

    private static SegmentSnapshot snapshot(Segment segment, Instant dataAsOf, Instant now,
            long count) {
        return new SegmentSnapshot(segment.id(), segment.name(), segment.origin(),
                segment.definition(), segment.revision(), segment.fingerprint(), now, dataAsOf, count);
    }

    private TargetGroup existing(TargetGroupId id) {
        return fromStore(id, () -> store.find(id)).orElseThrow(() -> new TargetGroupNotFoundException(id));
    }

    private static Instant laterOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private void notifyListeners(java.util.function.Consumer<ImportListener> call) {
        for (ImportListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("import listener {} failed; ignored", l, e);
            }
        }
    }

    private static <T> T fromSource(SegmentId segmentId, Supplier<T> call) {
        try {
            return call.get();
        } catch (SegmentkitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SourceUnavailableException("segment source failed"
                    + (segmentId == null ? "" : " for segment " + segmentId) + ": " + e, e);
        }
    }

    private static <T> T fromStore(TargetGroupId id, Supplier<T> call) {
        try {
            return call.get();
        } catch (SegmentkitException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("target group store failed"
                    + (id == null ? "" : " for target group " + id) + ": " + e, e);
        }
    }

    /**
     * Feeds the source's members to the store: wraps source failures, counts, reports progress
     * and, on re-import, merges against the old members to count the added and removed ones.
     */
    private final class CopyingIterator implements Iterator<String> {
        private final TargetGroupId id;
        private final SegmentId segmentId;
        private final Iterator<String> members;
        private final Iterator<String> old;
        private String oldHead;
        private boolean done;
        long copied;
        long added;
        long removed;

        CopyingIterator(TargetGroupId id, SegmentExport export, Iterator<String> old) {
            this.id = id;
            this.segmentId = export.segment().id();
            this.members = fromSource(segmentId, () -> export.members().iterator());
            this.old = old;
            if (old != null) {
                oldHead = fromStore(id, () -> old.hasNext() ? old.next() : null);
            }
        }

        @Override
        public boolean hasNext() {
            boolean more = fromSource(segmentId, members::hasNext);
            if (!more && !done) {
                done = true;
                while (oldHead != null) {
                    removed++;
                    advanceOld();
                }
            }
            return more;
        }

        @Override
        public String next() {
            String member = fromSource(segmentId, members::next);
            copied++;
            if (old != null && member != null) {
                while (oldHead != null && oldHead.compareTo(member) < 0) {
                    removed++;
                    advanceOld();
                }
                if (oldHead != null && oldHead.equals(member)) {
                    advanceOld();
                } else {
                    added++;
                }
            } else {
                added++;
            }
            if (copied % PROGRESS_INTERVAL == 0) {
                long n = copied;
                notifyListeners(l -> l.onProgress(id, n));
            }
            return member;
        }

        private void advanceOld() {
            oldHead = fromStore(id, () -> old.hasNext() ? old.next() : null);
        }
    }

    /**
     * Builds an {@link ImportService}. Each option may be set once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final SegmentSource source;
        private final TargetGroupStore store;
        private Clock clock;
        private final List<ImportListener> listeners = new ArrayList<>();
        private Supplier<TargetGroupId> idGenerator;

        private Builder(SegmentSource source, TargetGroupStore store) {
            this.source = Objects.requireNonNull(source, "source");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets the clock that dates imports (default: the system UTC clock).
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         * @throws IllegalStateException if the clock was set already
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("clock was already set to " + this.clock);
            }
            this.clock = clock;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order they were added.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         * @throws IllegalArgumentException if the same listener was added already
         */
        public Builder listener(ImportListener listener) {
            Objects.requireNonNull(listener, "listener");
            if (listeners.contains(listener)) {
                throw new IllegalArgumentException("listener " + listener + " was already added");
            }
            listeners.add(listener);
            return this;
        }

        /**
         * Sets how ids of new target groups (imported without idempotency key) are made; the
         * default is {@link TargetGroupId#random()}.
         *
         * @param idGenerator the generator
         * @return this builder
         * @throws NullPointerException if {@code idGenerator} is null
         * @throws IllegalStateException if it was set already
         */
        public Builder idGenerator(Supplier<TargetGroupId> idGenerator) {
            Objects.requireNonNull(idGenerator, "idGenerator");
            if (this.idGenerator != null) {
                throw new IllegalStateException("idGenerator was already set");
            }
            this.idGenerator = idGenerator;
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         */
        public ImportService build() {
            return new ImportService(this);
        }
    }
}
