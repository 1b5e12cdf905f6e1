package dev.segmentkit.kitproof;

import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A small, correct store whose protected hooks the broken adapters override, each to break one
 * rule. Entries hold mutable member lists on purpose, so that a hook can misuse them.
 */
class SimpleStore implements TargetGroupStore {

    static final class Entry {
        final TargetGroup group;
        final List<String> members;

        Entry(TargetGroup group, List<String> members) {
            this.group = group;
            this.members = members;
        }
    }

    protected final Map<TargetGroupId, Entry> entries = new TreeMap<>();

    @Override
    public synchronized Optional<TargetGroup> find(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(entries.get(id)).map(e -> e.group);
    }

    @Override
    public synchronized List<TargetGroup> list() {
        return entries.values().stream().map(e -> e.group).toList();
    }

    @Override
    public synchronized Stream<String> members(TargetGroupId id) {
        return stream(existing(id));
    }

    @Override
    public TargetGroup create(GroupWrite write) {
        synchronized (this) {
            if (refusesCreate(write.id())) {
                throw new TargetGroupExistsException(write.id());
            }
        }
        List<String> staged = stage(write.members(), null);
        TargetGroup group = write.group();
        if (group.version() != 1) {
            throw new IllegalArgumentException("version must be 1");
        }
        synchronized (this) {
            if (refusesCreate(write.id())) {
                throw new TargetGroupExistsException(write.id());
            }
            commit(group, staged);
        }
        return group;
    }

    @Override
    public TargetGroup replace(GroupWrite write, long expectedVersion) {
        Entry current;
        synchronized (this) {
            current = existing(write.id());
            check(current, expectedVersion);
        }
        List<String> staged = stage(write.members(), current);
        TargetGroup group = write.group();
        if (group.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("version must be " + (expectedVersion + 1));
        }
        synchronized (this) {
            check(existing(write.id()), expectedVersion);
            commit(group, staged);
        }
        return group;
    }

    @Override
    public synchronized TargetGroup update(TargetGroup group, long expectedVersion) {
        Entry current = existing(group.id());
        check(current, expectedVersion);
        if (group.version() != expectedVersion + 1 || !group.snapshot().equals(current.group.snapshot())) {
            throw new IllegalArgumentException("bad update");
        }
        entries.put(group.id(), new Entry(group, current.members));
        changed();
        return group;
    }

    @Override
    public synchronized void delete(TargetGroupId id, long expectedVersion) {
        check(existing(id), expectedVersion);
        entries.remove(id);
        changed();
    }

    /** Whether create must refuse the id: it exists. */
    protected boolean refusesCreate(TargetGroupId id) {
        return entries.containsKey(id);
    }

    /** Reads the members of a write into a new list; {@code previous} is the entry it replaces. */
    protected List<String> stage(Iterator<String> members, Entry previous) {
        List<String> staged = new ArrayList<>();
        members.forEachRemaining(staged::add);
        return staged;
    }

    /** Makes the staged write the current state; called holding the lock. */
    protected void commit(TargetGroup group, List<String> staged) {
        entries.put(group.id(), new Entry(group, staged));
        changed();
    }

    /** Called holding the lock after every change. */
    protected void changed() {
    }

    /** Whether a stored version satisfies an expected one. */
    protected boolean versionMatches(long stored, long expected) {
        return stored == expected;
    }

    /** Streams an entry's members; called holding the lock. */
    protected Stream<String> stream(Entry entry) {
        return List.copyOf(entry.members).stream();
    }

    private void check(Entry current, long expectedVersion) {
        if (!versionMatches(current.group.version(), expectedVersion)) {
            throw new VersionConflictException(current.group.id(), expectedVersion, current.group.version());
        }
    }

    private Entry existing(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        Entry e = entries.get(id);
        if (e == null) {
            throw new TargetGroupNotFoundException(id);
        }
        return e;
    }
}
