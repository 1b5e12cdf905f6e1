package dev.segmentkit.spi;

import dev.segmentkit.segment.Segment;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A segment's definition together with its members, both at one revision of the source.
 *
 * <p>The members are a lazy stream, sorted ascending in {@link String#compareTo} order and
 * unique; there may be millions. The export holds resources (a file, a cursor) until it is
 * closed: use it in try-with-resources. {@link #members()} may be called once.
 *
 * <p>Not thread-safe: one consumer reads it.
 */
public final class SegmentExport implements AutoCloseable {

    private final Segment segment;
    private final Instant dataAsOf;
    private final Stream<String> members;
    private boolean membersTaken;

    private SegmentExport(Segment segment, Instant dataAsOf, Stream<String> members) {
        this.segment = segment;
        this.dataAsOf = dataAsOf;
        this.members = members;
    }

    /**
     * Creates an export.
     *
     * @param segment the segment at the exported revision
     * @param dataAsOf the instant that the membership refers to
     * @param members the members, sorted ascending and unique; closed with the export
     * @return the export
     * @throws NullPointerException if an argument is null
     */
    public static SegmentExport of(Segment segment, Instant dataAsOf, Stream<String> members) {
        return new SegmentExport(Objects.requireNonNull(segment, "segment"),
                Objects.requireNonNull(dataAsOf, "dataAsOf"), Objects.requireNonNull(members, "members"));
    }

    /**
     * Returns the segment at the exported revision.
     *
     * @return the segment
     */
    public Segment segment() {
        return segment;
    }

    /**
     * Returns the instant that the membership refers to (the evaluation instant of historical
     * data, or the export time of a source that has no other notion).
     *
     * @return the data-as-of instant
     */
    public Instant dataAsOf() {
        return dataAsOf;
    }

    /**
     * Returns the members, sorted ascending and unique.
     *
     * @return the member stream, to be consumed once
     * @throws IllegalStateException if called a second time
     */
    public Stream<String> members() {
        if (membersTaken) {
            throw new IllegalStateException("the members of an export can be read once");
        }
        membersTaken = true;
        return members;
    }

    /** Releases the export's resources (closes the member stream). */
    @Override
    public void close() {
        members.close();
    }
}
