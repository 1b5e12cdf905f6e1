package dev.segmentkit.json;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.spi.MemberIds;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One segment of a {@link Catalog}, with the members the catalog lists for it (none when the
 * catalog gives no {@code members}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param segment the segment
 * @param members the members, sorted ascending in {@link String#compareTo} order and unique (an
 *     immutable copy)
 */
public record CatalogSegment(Segment segment, List<String> members) {

    /**
     * Validates the entry and copies its members.
     *
     * @param segment the segment
     * @param members the members, sorted ascending and unique
     * @throws NullPointerException if a component or a member is null
     * @throws IllegalArgumentException if a member id is invalid (see {@link MemberIds}) or the
     *     members are not sorted and unique
     */
    public CatalogSegment {
        Objects.requireNonNull(segment, "segment");
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        String previous = null;
        for (String m : members) {
            String problem = MemberIds.problem(m);
            if (problem != null) {
                throw new IllegalArgumentException(problem + " (segment " + segment.id() + ")");
            }
            if (previous != null && previous.compareTo(m) >= 0) {
                throw new IllegalArgumentException("members of segment " + segment.id()
                        + " must be sorted and unique; '" + m + "' follows '" + previous + "'");
            }
            previous = m;
        }
    }

    /**
     * Returns an entry with the given members in any order; duplicates are folded.
     *
     * @param segment the segment
     * @param members the members
     * @return the entry, members sorted
     * @throws NullPointerException if an argument or a member is null
     * @throws IllegalArgumentException if a member id is invalid
     */
    public static CatalogSegment of(Segment segment, Collection<String> members) {
        Objects.requireNonNull(members, "members");
        return new CatalogSegment(segment, List.copyOf(new TreeSet<>(members)));
    }
}
