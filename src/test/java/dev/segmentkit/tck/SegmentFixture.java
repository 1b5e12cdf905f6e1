package dev.segmentkit.tck;

import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A segment that {@link SegmentSourceContract} asks the adapter under test to hold: what the
 * backing system (the analytics tool, the catalog file...) would contain. The source gives it its
 * revision.
 *
 * @param id the segment id
 * @param name the segment's name
 * @param description the description, possibly empty
 * @param origin predefined or custom
 * @param definition the definition
 * @param members the members: valid, unique, in no particular order (the kit scrambles them on
 *     purpose, see {@link #sortedMembers()}); the list may be a computed view of a million
 *     members, so iterate it rather than copying it when the backing system allows
 */
public record SegmentFixture(SegmentId id, String name, String description, SegmentOrigin origin,
        SegmentDefinition definition, List<String> members) {

    /**
     * Validates the fixture and copies its members.
     *
     * @param id the segment id
     * @param name the segment's name
     * @param description the description, possibly empty
     * @param origin predefined or custom
     * @param definition the definition
     * @param members the members
     */
    public SegmentFixture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(members, "members");
        if (!KitData.isGenerated(members)) {
            members = List.copyOf(members);
        }
    }

    /**
     * Returns the members sorted in {@link String#compareTo} order, for a backing system whose
     * format requires it.
     *
     * @return the sorted members, an immutable list
     */
    public List<String> sortedMembers() {
        if (KitData.isGenerated(members)) {
            return members;
        }
        List<String> sorted = new ArrayList<>(members);
        Collections.sort(sorted);
        return List.copyOf(sorted);
    }

    /**
     * Returns a copy with other members.
     *
     * @param newMembers the members
     * @return the changed fixture
     */
    public SegmentFixture withMembers(List<String> newMembers) {
        return new SegmentFixture(id, name, description, origin, definition, newMembers);
    }

    /**
     * Returns a copy with another name.
     *
     * @param newName the name
     * @return the changed fixture
     */
    public SegmentFixture withName(String newName) {
        return new SegmentFixture(id, newName, description, origin, definition, members);
    }

    /**
     * Returns a copy with another definition.
     *
     * @param newDefinition the definition
     * @return the changed fixture
     */
    public SegmentFixture withDefinition(SegmentDefinition newDefinition) {
        return new SegmentFixture(id, name, description, origin, newDefinition, members);
    }
}
