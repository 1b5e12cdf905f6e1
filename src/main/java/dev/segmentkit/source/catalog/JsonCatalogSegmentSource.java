package dev.segmentkit.source.catalog;

import dev.segmentkit.json.Catalog;
import dev.segmentkit.json.CatalogSegment;
import dev.segmentkit.json.SegmentkitJson;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only segment source backed by a JSON catalog file (format: the README's "Catalog
 * format" section). Segments may list their {@code members}; a segment without them exports no
 * members.
 *
 * <p>Every call sees the file as it is: the source re-reads the file when its size or
 * modification time changed, and compares a SHA-256 of its content while the modification time
 * is too recent to tell edits apart. A file that does not parse or breaks a rule fails the call
 * with an {@link InvalidDefinitionException} naming the file, line and JSON path; the source
 * never serves part of a catalog.
 *
 * <p>Thread-safe. An export holds the segment and its members as one read of the file gave them.
 */
public final class JsonCatalogSegmentSource implements SegmentSource {

    /** Modification times closer than this to the read may hide a later edit of equal size. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private record Loaded(long size, FileTime modified, byte[] sha256, boolean settled, Catalog catalog) {
    }

    private final Path file;
    private final Clock clock;
    private final SegmentkitJson json = SegmentkitJson.instance();
    private Loaded loaded;

    /**
     * Creates a source on a catalog file; prefer {@link SegmentSource#catalog(Path)}. The file
     * is read on the first call, not here.
     *
     * @param file the catalog file
     * @param clock the clock that dates exports (their data-as-of instant)
     * @throws NullPointerException if an argument is null
     */
    public JsonCatalogSegmentSource(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns the catalog file.
     *
     * @return the path this source reads
     */
    public Path file() {
        return file;
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidDefinitionException if the catalog file is malformed
     */
    @Override
    public List<SegmentSummary> list() {
        return catalog().segments().stream()
                .map(s -> SegmentSummary.of(s.segment()))
                .sorted(Comparator.comparing(SegmentSummary::id))
                .toList();
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidDefinitionException if the catalog file is malformed
     */
    @Override
    public Optional<Segment> find(SegmentId id) {
        Objects.requireNonNull(id, "id");
        return catalog().find(id).map(CatalogSegment::segment);
    }

    /**
     * {@inheritDoc}
     *
     * @throws InvalidDefinitionException if the catalog file is malformed
     */
    @Override
    public SegmentExport export(SegmentId id) {
        Objects.requireNonNull(id, "id");
        CatalogSegment entry = catalog().find(id).orElseThrow(() -> new SegmentNotFoundException(id));
        return SegmentExport.of(entry.segment(), clock.instant(), entry.members().stream());
    }

    @Override
    public String toString() {
        return "JsonCatalogSegmentSource[" + file + "]";
    }

    /** Returns the catalog as the file holds it now, reading it again only when it changed. */
    private synchronized Catalog catalog() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Loaded last = loaded;
            if (last != null && last.settled() && last.size() == attributes.size()
                    && last.modified().equals(attributes.lastModifiedTime())) {
                return last.catalog();
            }
            byte[] bytes = Files.readAllBytes(file);
            byte[] sha256 = sha256(bytes);
            // compare with the time the file was read: later edits change mtime again
            boolean settled = attributes.lastModifiedTime().toInstant().plus(SETTLE)
                    .isBefore(Instant.now());
            Catalog catalog = last != null && Arrays.equals(last.sha256(), sha256)
                    ? last.catalog() : json.readCatalog(bytes, file.toString());
            loaded = new Loaded(bytes.length, attributes.lastModifiedTime(), sha256, settled, catalog);
            return catalog;
        } catch (NoSuchFileException e) {
            throw new SourceUnavailableException("catalog file not found: " + file, e);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read the catalog file " + file + ": " + e, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
