package dev.segmentkit.kitproof;

import dev.segmentkit.spi.StoreException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Target group stores that each break one rule of the contract, the way real adapters do. */
final class BrokenStores {

    private BrokenStores() {
    }

    /** TGS-1: hands out its own index of groups, which it keeps updating, instead of a copy. */
    static final class ReturnsItsMutableIndex extends SimpleStore {
        private final List<TargetGroup> index = new ArrayList<>();

        @Override
        public synchronized List<TargetGroup> list() {
            return index;
        }

        @Override
        protected void changed() {
            index.clear();
            entries.values().forEach(e -> index.add(e.group));
        }
    }

    /** TGS-2: create overwrites an existing group ("upsert"). */
    static final class CreateOverwrites extends SimpleStore {
        @Override
        protected boolean refusesCreate(TargetGroupId id) {
            return false;
        }
    }

    /** TGS-3: ignores the expected version (last writer wins). */
    static final class IgnoresExpectedVersion extends SimpleStore {
        @Override
        protected boolean versionMatches(long stored, long expected) {
            return true;
        }
    }

    /** TGS-5: deletes the old members, then inserts the new ones as they come, without a transaction. */
    static final class WritesMembersInPlace extends SimpleStore {
        @Override
        protected List<String> stage(Iterator<String> members, Entry previous) {
            if (previous == null) {
                return super.stage(members, null);
            }
            synchronized (this) {
                previous.members.clear();
                members.forEachRemaining(previous.members::add);
                return previous.members;
            }
        }
    }

    /** TGS-6: sorts members case-insensitively, like a database's default collation. */
    static final class CollatesCaseInsensitively extends SimpleStore {
        @Override
        protected Stream<String> stream(Entry entry) {
            List<String> collated = new ArrayList<>(entry.members);
            collated.sort(String.CASE_INSENSITIVE_ORDER);
            return collated.stream();
        }
    }

    /** TGS-7: streams the live member list, which a replace rewrites in place. */
    static final class StreamsLiveMembers extends SimpleStore {
        @Override
        protected void commit(TargetGroup group, List<String> staged) {
            Entry current = entries.get(group.id());
            if (current == null) {
                super.commit(group, staged);
            } else {
                current.members.clear();
                current.members.addAll(staged);
                entries.put(group.id(), new Entry(group, current.members));
            }
        }

        @Override
        protected Stream<String> stream(Entry entry) {
            return entry.members.stream();
        }
    }

    /** TGS-8: frees a stream's cursor only when the stream is read to its end, not when closed. */
    static final class LeaksUnfinishedStreams extends SimpleStore {
        private final Semaphore cursors = new Semaphore(64);

        @Override
        protected Stream<String> stream(Entry entry) {
            if (!cursors.tryAcquire()) {
                throw new StoreException("no free cursor");
            }
            Iterator<String> it = List.copyOf(entry.members).iterator();
            Iterator<String> releasing = new Iterator<>() {
                private boolean released;

                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more && !released) {
                        released = true;
                        cursors.release();
                    }
                    return more;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return it.next();
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(releasing, 0), false);
        }
    }

    /** TGS-12: caches its list and refreshes it on create and delete only. */
    static final class ListGoesStale extends SimpleStore {
        private List<TargetGroup> cached = List.of();

        @Override
        public synchronized List<TargetGroup> list() {
            return cached;
        }

        @Override
        protected void commit(TargetGroup group, List<String> staged) {
            boolean isNew = !entries.containsKey(group.id());
            entries.put(group.id(), new Entry(group, staged));
            if (isNew) {
                cached = super.list();
            }
        }

        @Override
        protected void changed() {
            cached = super.list();
        }
    }
}
