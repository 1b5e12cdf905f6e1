package dev.segmentkit.store.memory;

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
 * A target group store held in the heap; the reference implementation of the store contract.
 * Members are staged outside the lock and committed with the metadata in one step.
 *
 * <p>Thread-safe. Member streams read an immutable snapshot.
 */
public final class InMemoryTargetGroupStore implements TargetGroupStore {

    private record Entry(TargetGroup group, List<String> members) {
    }

    private final Map<TargetGroupId, Entry> entries = new TreeMap<>();

    /** Creates an empty store; prefer {@link TargetGroupStore#inMemory()}. */
    public InMemoryTargetGroupStore() {
    }

    @Override
    public synchronized Optional<TargetGroup> find(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(entries.get(id)).map(Entry::group);
    }

    @Override
    public synchronized List<TargetGroup> list() {
        List<TargetGroup> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            out.add(e.group());
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized Stream<String> members(TargetGroupId id) {
        return existing(id).members().stream();
    }

    @Override
    public TargetGroup create(GroupWrite write) {
        Objects.requireNonNull(write, "write");
        synchronized (this) {
            if (entries.containsKey(write.id())) {
                throw new TargetGroupExistsException(write.id());
            }
        }
        List<String> staged = stage(write);
        TargetGroup group = write.group();
        if (group.version() != 1) {
            throw new IllegalArgumentException("a new target group has version 1, got " + group.version());
        }
        synchronized (this) {
            if (entries.containsKey(group.id())) {
                throw new TargetGroupExistsException(group.id());
            }
            entries.put(group.id(), new Entry(group, staged));
        }
        return group;
    }

    @Override
    public TargetGroup replace(GroupWrite write, long expectedVersion) {
        Objects.requireNonNull(write, "write");
        checkVersion(existingVersion(write.id()), write.id(), expectedVersion);
        List<String> staged = stage(write);
        TargetGroup group = write.group();
        requireNext(group, expectedVersion);
        synchronized (this) {
            checkVersion(existing(group.id()).group().version(), group.id(), expectedVersion);
            entries.put(group.id(), new Entry(group, staged));
        }
        return group;
    }

    @Override
    public synchronized TargetGroup update(TargetGroup group, long expectedVersion) {
        Objects.requireNonNull(group, "group");
        Entry current = existing(group.id());
        checkVersion(current.group().version(), group.id(), expectedVersion);
        requireNext(group, expectedVersion);
        if (!current.group().snapshot().equals(group.snapshot())
                || !current.group().history().equals(group.history())) {
            throw new IllegalArgumentException(
                    "update keeps the snapshot and history; use replace to change them");
        }
        entries.put(group.id(), new Entry(group, current.members()));
        return group;
    }

    @Override
    public synchronized void delete(TargetGroupId id, long expectedVersion) {
        checkVersion(existing(id).group().version(), id, expectedVersion);
        entries.remove(id);
    }

    private static List<String> stage(GroupWrite write) {
        List<String> staged = new ArrayList<>();
        Iterator<String> it = write.members();
        while (it.hasNext()) {
            staged.add(it.next());
        }
        return List.copyOf(staged);
    }

    private synchronized long existingVersion(TargetGroupId id) {
        return existing(id).group().version();
    }

    private Entry existing(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        Entry e = entries.get(id);
        if (e == null) {
            throw new TargetGroupNotFoundException(id);
        }
        return e;
    }

    private static void checkVersion(long actual, TargetGroupId id, long expected) {
        if (actual != expected) {
            throw new VersionConflictException(id, expected, actual);
        }
    }

    private static void requireNext(TargetGroup group, long expectedVersion) {
        if (group.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be " + (expectedVersion + 1)
                    + ", got " + group.version());
        }
    }
}
