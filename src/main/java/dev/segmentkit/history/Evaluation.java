package dev.segmentkit.history;

import dev.segmentkit.segment.SegmentId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one evaluation: the members of every evaluated definition, and what the passes
 * saw.
 *
 * <p>Immutable and thread-safe.
 *
 * @param asOf the evaluation instant
 * @param members the members of each definition, by the id it was given under; each list is
 *     sorted ascending in {@link String#compareTo} order and unique (an unmodifiable view)
 * @param population the visitors with at least one counted event
 * @param countedEvents the events that counted
 * @param openSessions the sessions open at {@code asOf}, whose events did not count
 * @param excludedVisitors the visitors left out because they were active (only with
 *     {@link HistoryPolicy#EXCLUDE_ACTIVE_VISITORS}, else 0)
 * @param report what the evaluation pass read, including lines a lenient reader skipped
 */
public record Evaluation(Instant asOf, Map<SegmentId, List<String>> members, long population,
        long countedEvents, long openSessions, long excludedVisitors, ReadReport report) {

    /**
     * Validates the result and wraps its member lists.
     *
     * @param asOf the evaluation instant
     * @param members the members of each definition
     * @param population the visitors with a counted event
     * @param countedEvents the events that counted
     * @param openSessions the sessions open at asOf
     * @param excludedVisitors the visitors left out as active
     * @param report what the evaluation pass read
     * @throws NullPointerException if a component, key or list is null
     */
    public Evaluation {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(report, "report");
        TreeMap<SegmentId, List<String>> copy = new TreeMap<>();
        Objects.requireNonNull(members, "members").forEach((id, list) -> copy.put(
                Objects.requireNonNull(id, "id"),
                Collections.unmodifiableList(Objects.requireNonNull(list, "list"))));
        members = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the members of one evaluated definition.
     *
     * @param id the id the definition was given under
     * @return the members, sorted ascending and unique
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if no definition was evaluated under that id
     */
    public List<String> members(SegmentId id) {
        List<String> list = members.get(Objects.requireNonNull(id, "id"));
        if (list == null) {
            throw new IllegalArgumentException("no definition was evaluated under id " + id);
        }
        return list;
    }
}
