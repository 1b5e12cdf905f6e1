package dev.segmentkit.spi;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.source.catalog.JsonCatalogSegmentSource;
import dev.segmentkit.source.memory.InMemorySegmentSource;
import dev.segmentkit.source.sql.SqlSegmentSource;
import dev.segmentkit.sql.SqlDialect;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The Segment Manager side, read-only: lists segments, finds one, and exports a segment's
 * definition with its members at one revision. Marketing Automation cannot create or edit
 * segments through it.
 *
 * <p>A segment's revision changes whenever its name or definition changes (it may change when only
 * its members do) and is never reused for the same segment id, also after the segment was removed
 * and created again.
 *
 * <p>Implementations must be thread-safe and honour the SRC rules of the README's "Writing an
 * adapter" section, which the {@code dev.segmentkit.tck.SegmentSourceContract} kit checks. They
 * wrap their own failures in {@link SourceUnavailableException}.
 */
public interface SegmentSource {

    /**
     * Lists the summaries of all segments, ordered by id. Reflects changes of the source on the
     * next call.
     *
     * @return the summaries, an immutable list
     * @throws SourceUnavailableException if the source cannot be read
     */
    List<SegmentSummary> list();

    /**
     * Finds a segment.
     *
     * @param id the segment id
     * @return the segment at the current revision, or empty when there is none with that id
     * @throws NullPointerException if {@code id} is null
     * @throws SourceUnavailableException if the source cannot be read
     */
    Optional<Segment> find(SegmentId id);

    /**
     * Exports a segment's definition and its members, both at one revision. The caller closes
     * the export.
     *
     * @param id the segment id
     * @return the export
     * @throws NullPointerException if {@code id} is null
     * @throws SegmentNotFoundException if there is no segment with that id
     * @throws SourceUnavailableException if the source cannot be read; reading the member stream
     *     may throw it too
     */
    SegmentExport export(SegmentId id);

    /**
     * Returns a new, empty in-memory source with an authoring API, on the system UTC clock.
     *
     * @return the source
     */
    static InMemorySegmentSource inMemory() {
        return new InMemorySegmentSource(Clock.systemUTC());
    }

    /**
     * Returns a new, empty in-memory source whose exports are dated by the given clock.
     *
     * @param clock the clock that dates exports (their data-as-of instant)
     * @return the source
     * @throws NullPointerException if {@code clock} is null
     */
    static InMemorySegmentSource inMemory(Clock clock) {
        return new InMemorySegmentSource(clock);
    }

    /**
     * Returns a source that reads a JSON catalog file (see the README's "Catalog format"
     * section) and sees its edits on the next call; exports are dated by the system UTC clock.
     *
     * @param file the catalog file; read on the first call
     * @return the source
     * @throws NullPointerException if {@code file} is null
     */
    static JsonCatalogSegmentSource catalog(Path file) {
        return new JsonCatalogSegmentSource(file, Clock.systemUTC());
    }

    /**
     * Returns a source that reads a JSON catalog file, with exports dated by the given clock.
     *
     * @param file the catalog file; read on the first call
     * @param clock the clock that dates exports (their data-as-of instant)
     * @return the source
     * @throws NullPointerException if an argument is null
     */
    static JsonCatalogSegmentSource catalog(Path file, Clock clock) {
        return new JsonCatalogSegmentSource(file, clock);
    }

    /**
     * Returns a source whose members a SQL engine computes from the events table
     * {@code events} (columns {@code visitor, session, time, event, properties}), with the
     * definitions of the given catalog, as of the system UTC clock's current instant, with the
     * default session timeout, policy and scoring configuration. For anything else (another
     * table or columns, the predefined catalog, a fixed instant) use
     * {@link SqlSegmentSource#builder(DataSource, SqlDialect)}.
     *
     * @param dataSource where connections come from
     * @param dialect the SQL dialect of that database, e.g. {@link SqlDialect#postgresql()}
     * @param catalog the source of definitions; its members are ignored
     * @return the source
     * @throws NullPointerException if an argument is null
     */
    static SqlSegmentSource sql(DataSource dataSource, SqlDialect dialect, SegmentSource catalog) {
        return SqlSegmentSource.builder(dataSource, dialect).catalog(catalog).build();
    }
}
