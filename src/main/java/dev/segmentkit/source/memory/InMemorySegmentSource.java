package dev.segmentkit.source.memory;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.spi.MemberIds;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A segment source held in the heap, with an authoring API ({@link #put}, {@link #rename},
 * {@link #redefine}, {@link #setMembers}, {@link #remove}) for host applications and tests. Every
 * authoring call gives the segment a new revision, the next value of a counter shared by the
 * source.
 *
 * <p>Thread-safe: every method may be called from any thread. An export takes the segment and
 * its members at one revision; authoring calls made while it streams do not affect it.
 */
public final class InMemorySegmentSource implements SegmentSource {

    private record Entry(Segment segment, List<String> members) {
    }

    private final Clock clock;
    private final Map<SegmentId, Entry> entries = new TreeMap<>();
    private long revisionCounter;

    /**
     * Creates an empty source; prefer {@link SegmentSource#inMemory(Clock)}.
     *
     * @param clock the clock that dates exports
     * @throws NullPointerException if {@code clock} is null
     */
    public InMemorySegmentSource(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates or replaces a custom segment with an empty description.
     *
     * @param id the segment id
     * @param name the name
     * @param definition the definition
     * @param members the members, in any order; duplicates are folded
     * @return the stored segment, with its new revision
     * @throws NullPointerException if an argument or a member is null
     * @throws IllegalArgumentException if the name is blank or a member id is invalid
     */
    public Segment put(SegmentId id, String name, SegmentDefinition definition,
            Collection<String> members) {
        return put(id, name, "", SegmentOrigin.CUSTOM, definition, members);
    }

    /**
     * Creates or replaces a segment.
     *
     * @param id the segment id
     * @param name the name
     * @param description the description, possibly empty
     * @param origin the origin
     * @param definition the definition
     * @param members the members, in any order; duplicates are folded
     * @return the stored segment, with its new revision
     * @throws NullPointerException if an argument or a member is null
     * @throws IllegalArgumentException if the name is blank or a member id is invalid
     */
    public Segment put(SegmentId id, String name, String description, SegmentOrigin origin,
            SegmentDefinition definition, Collection<String> members) {
        Objects.requireNonNull(id, "id");
        List<String> sorted = sortedMembers(members);
        synchronized (this) {
            Segment segment = new Segment(id, name, description, origin, definition, nextRevision());
            entries.put(id, new Entry(segment, sorted));
            return segment;
        }
    }

    /**
     * Renames a segment.
     *
     * @param id the segment id
     * @param name the new name
     * @return the segment with its new revision
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank
     * @throws SegmentNotFoundException if there is no such segment
     */
    public synchronized Segment rename(SegmentId id, String name) {
        Entry e = existing(id);
        Segment s = e.segment();
        return store(new Entry(new Segment(id, name, s.description(), s.origin(), s.definition(),
                nextRevision()), e.members()));
    }

    /**
     * Changes a segment's definition.
     *
     * @param id the segment id
     * @param definition the new definition
     * @return the segment with its new revision
     * @throws NullPointerException if an argument is null
     * @throws SegmentNotFoundException if there is no such segment
     */
    public synchronized Segment redefine(SegmentId id, SegmentDefinition definition) {
        Entry e = existing(id);
        Segment s = e.segment();
        return store(new Entry(new Segment(id, s.name(), s.description(), s.origin(), definition,
                nextRevision()), e.members()));
    }

    /**
     * Changes a segment's members.
     *
     * @param id the segment id
     * @param members the new members, in any order; duplicates are folded
     * @return the segment with its new revision
     * @throws NullPointerException if an argument or a member is null
     * @throws IllegalArgumentException if a member id is invalid
     * @throws SegmentNotFoundException if there is no such segment
     */
    public Segment setMembers(SegmentId id, Collection<String> members) {
        List<String> sorted = sortedMembers(members);
        synchronized (this) {
            Entry e = existing(id);
            Segment s = e.segment();
            return store(new Entry(new Segment(id, s.name(), s.description(), s.origin(),
                    s.definition(), nextRevision()), sorted));
        }
    }

    /**
     * Removes a segment.
     *
     * @param id the segment id
     * @return true when there was such a segment
     * @throws NullPointerException if {@code id} is null
     */
    public synchronized boolean remove(SegmentId id) {
        Objects.requireNonNull(id, "id");
        return entries.remove(id) != null;
    }

    @Override
    public synchronized List<SegmentSummary> list() {
        List<SegmentSummary> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            out.add(SegmentSummary.of(e.segment()));
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized Optional<Segment> find(SegmentId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(entries.get(id)).map(Entry::segment);
    }

    @Override
    public SegmentExport export(SegmentId id) {
        Objects.requireNonNull(id, "id");
        Entry e;
        synchronized (this) {
            e = existing(id);
        }
        return SegmentExport.of(e.segment(), clock.instant(), e.members().stream());
    }

    private Entry existing(SegmentId id) {
        Objects.requireNonNull(id, "id");
        Entry e = entries.get(id);
        if (e == null) {
            throw new SegmentNotFoundException(id);
        }
        return e;
    }

    private Segment store(Entry entry) {
        entries.put(entry.segment().id(), entry);
        return entry.segment();
    }

    private String nextRevision() {
        return Long.toString(++revisionCounter);
    }

    private static List<String> sortedMembers(Collection<String> members) {
        Objects.requireNonNull(members, "members");
        List<String> sorted = new ArrayList<>(members);
        for (String m : sorted) {
            Objects.requireNonNull(m, "member");
            String problem = MemberIds.problem(m);
            if (problem != null) {
                throw new IllegalArgumentException(problem + ": '" + m + "'");
            }
        }
        sorted.sort(null);
        int unique = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (unique == 0 || !sorted.get(unique - 1).equals(sorted.get(i))) {
                sorted.set(unique++, sorted.get(i));
            }
        }
        return List.copyOf(sorted.subList(0, unique));
    }
}
