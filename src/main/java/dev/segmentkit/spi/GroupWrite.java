package dev.segmentkit.spi;

import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One atomic write of a target group: its members and its metadata, handed to
 * {@link TargetGroupStore#create} or {@link TargetGroupStore#replace}.
 *
 * <p>The members come first, as an iterator to read to its end; the metadata
 * ({@link #group()}) is available only after that, because an import learns its member count and
 * its added and removed counts while the members stream by. A store therefore: stages every
 * member of {@link #members()} (a temp file, a temp table...), then calls {@link #group()}, then
 * commits metadata and members in one atomic step. If reading the members or the metadata throws,
 * the store discards what it staged and rethrows: the previous state stays.
 *
 * <p>The iterator checks the member contract as it goes and throws
 * {@link InvalidMembersException} on a member id that {@link MemberIds} rejects, on members out of
 * ascending order or repeated; {@link #group()} throws it when the snapshot's member count
 * differs from the number of members read.
 *
 * <p>Not thread-safe: one store call consumes it, once.
 */
public final class GroupWrite {

    private final TargetGroupId id;
    private final Iterator<String> source;
    private final Supplier<TargetGroup> metadata;
    private boolean membersTaken;
    private long count;
    private String previous;
    private boolean exhausted;
    private TargetGroup group;

    private GroupWrite(TargetGroupId id, Iterator<String> members, Supplier<TargetGroup> metadata) {
        this.id = id;
        this.source = members;
        this.metadata = metadata;
    }

    /**
     * Creates a write whose metadata is known up front.
     *
     * @param group the target group's metadata
     * @param members the members, sorted ascending and unique
     * @return the write
     * @throws NullPointerException if an argument is null
     */
    public static GroupWrite of(TargetGroup group, Iterable<String> members) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(members, "members");
        return new GroupWrite(group.id(), members.iterator(), () -> group);
    }

    /**
     * Creates a write whose metadata is computed once the members have been read.
     *
     * @param id the target group's id
     * @param members the members, sorted ascending and unique
     * @param metadata called once, after the last member, to produce the metadata; its id must be
     *     {@code id}
     * @return the write
     * @throws NullPointerException if an argument is null
     */
    public static GroupWrite deferred(TargetGroupId id, Iterator<String> members,
            Supplier<TargetGroup> metadata) {
        return new GroupWrite(Objects.requireNonNull(id, "id"), Objects.requireNonNull(members, "members"),
                Objects.requireNonNull(metadata, "metadata"));
    }

    /**
     * Returns the id of the target group being written.
     *
     * @return the id
     */
    public TargetGroupId id() {
        return id;
    }

    /**
     * Returns the members, checked against the member contract as they are read.
     *
     * @return an iterator over the members, sorted ascending and unique
     * @throws IllegalStateException if called a second time
     */
    public Iterator<String> members() {
        if (membersTaken) {
            throw new IllegalStateException("the members of a write can be read once");
        }
        membersTaken = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = source.hasNext();
                if (!more) {
                    exhausted = true;
                }
                return more;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String member = source.next();
                if (member == null) {
                    throw new InvalidMembersException(
                            "target group " + id + ": member " + (count + 1) + " is null");
                }
                String problem = MemberIds.problem(member);
                if (problem != null) {
                    throw new InvalidMembersException(
                            "target group " + id + ": member " + (count + 1) + ": " + problem);
                }
                if (previous != null && previous.compareTo(member) >= 0) {
                    throw new InvalidMembersException("target group " + id + ": member " + (count + 1)
                            + (previous.equals(member) ? " repeats '" : " is out of order after '")
                            + previous + "'");
                }
                previous = member;
                count++;
                return member;
            }
        };
    }

    /**
     * Returns the number of members read so far.
     *
     * @return the count
     */
    public long membersRead() {
        return count;
    }

    /**
     * Returns the target group's metadata; available once the members have been read to the end.
     *
     * @return the metadata, whose snapshot member count equals the number of members read
     * @throws IllegalStateException if the members have not been read to their end
     * @throws InvalidMembersException if the metadata's member count differs from the members read
     * @throws IllegalArgumentException if the metadata names another id
     */
    public TargetGroup group() {
        if (group != null) {
            return group;
        }
        if (!exhausted) {
            throw new IllegalStateException("read the members to their end before the metadata");
        }
        TargetGroup g = Objects.requireNonNull(metadata.get(), "metadata");
        if (!g.id().equals(id)) {
            throw new IllegalArgumentException("metadata is for " + g.id() + ", write is for " + id);
        }
        if (g.snapshot().memberCount() != count) {
            throw new InvalidMembersException("target group " + id + ": snapshot says "
                    + g.snapshot().memberCount() + " members, the stream held " + count);
        }
        group = g;
        return g;
    }
}
