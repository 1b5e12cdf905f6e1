package dev.segmentkit.source;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.SegmentkitException;
import dev.segmentkit.spi.SourceUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The catalogs of segment definitions that a computing source (over history, over SQL) serves:
 * other segment sources, whose members are ignored, and named suppliers of segment lists. Every
 * call reads the catalogs anew, so the source reflects their changes. A segment id may be
 * defined by one catalog only: an id that two define fails with an
 * {@link InvalidDefinitionException} naming both.
 *
 * <p>Instances are immutable and thread-safe as long as the catalogs are.
 */
public final class DefinitionCatalogs {

    private final List<Catalog> catalogs;

    private DefinitionCatalogs(List<Catalog> catalogs) {
        this.catalogs = List.copyOf(catalogs);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns these catalogs with one more named supplier catalog at the end.
     *
     * @param name the catalog's name; unique among the catalogs
     * @param catalog gives the segments; must be thread-safe
     * @return the extended catalogs (this instance is unchanged)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public DefinitionCatalogs with(String name, Supplier<? extends List<Segment>> catalog) {
        Builder b = new Builder();
        b.catalogs.addAll(catalogs);
        return b.add(name, catalog).build();
    }

    /**
     * Returns how many catalogs there are.
     *
     * @return the number of catalogs
     */
    public int size() {
        return catalogs.size();
    }

    /**
     * Returns every segment of every catalog, by id.
     *
     * @return the segments, ordered by id (an immutable map)
     * @throws InvalidDefinitionException if two catalogs define the same id, or one defines an
     *     id twice
     * @throws SourceUnavailableException if a catalog fails
     */
    public Map<SegmentId, Segment> segments() {
        Map<SegmentId, Segment> all = new TreeMap<>();
        Map<SegmentId, String> origin = new TreeMap<>();
        for (Catalog catalog : catalogs) {
            for (Segment segment : catalog.segments()) {
                String before = origin.putIfAbsent(segment.id(), catalog.name());
                if (before != null) {
                    throw collision(segment.id(), before, catalog.name());
                }
                all.put(segment.id(), segment);
            }
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    /**
     * Lists the summaries of every segment.
     *
     * @return the summaries, ordered by id
     * @throws InvalidDefinitionException if two catalogs define the same id
     * @throws SourceUnavailableException if a catalog fails
     */
    public List<SegmentSummary> list() {
        return segments().values().stream().map(SegmentSummary::of).toList();
    }

    /**
     * Finds a segment in the catalogs.
     *
     * @param id the segment id
     * @return the segment, or empty when no catalog defines it
     * @throws NullPointerException if {@code id} is null
     * @throws InvalidDefinitionException if two catalogs define the id
     * @throws SourceUnavailableException if a catalog fails
     */
    public Optional<Segment> find(SegmentId id) {
        Objects.requireNonNull(id, "id");
        Segment found = null;
        String foundIn = null;
        for (Catalog catalog : catalogs) {
            Optional<Segment> segment = catalog.find(id);
            if (segment.isPresent()) {
                if (found != null) {
                    throw collision(id, foundIn, catalog.name());
                }
                found = segment.get();
                foundIn = catalog.name();
            }
        }
        return Optional.ofNullable(found);
    }

    private static InvalidDefinitionException collision(SegmentId id, String first, String second) {
        return new InvalidDefinitionException("segment id '" + id + "' is defined by two "
                + "catalogs: " + first + " and " + second, null, 0, 0, null, null);
    }

    @Override
    public String toString() {
        return catalogs.size() + " catalog(s)";
    }

    /** A source of definitions. */
    private interface Catalog {
        String name();

        List<Segment> segments();

        Optional<Segment> find(SegmentId id);
    }

    private record SourceCatalog(String name, SegmentSource source) implements Catalog {
        @Override
        public List<Segment> segments() {
            List<Segment> out = new ArrayList<>();
            for (SegmentSummary summary : source.list()) {
                source.find(summary.id()).ifPresent(out::add);
            }
            return out;
        }

        @Override
        public Optional<Segment> find(SegmentId id) {
            return source.find(id);
        }
    }

    private record SupplierCatalog(String name, Supplier<? extends List<Segment>> supplier)
            implements Catalog {
        @Override
        public List<Segment> segments() {
            List<Segment> segments;
            try {
                segments = supplier.get();
            } catch (SegmentkitException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SourceUnavailableException("catalog " + name + " failed: " + e, e);
            }
            if (segments == null) {
                throw new SourceUnavailableException("catalog " + name + " returned no list");
            }
            Map<SegmentId, Segment> byId = new TreeMap<>();
            for (Segment segment : segments) {
                if (segment == null) {
                    throw new SourceUnavailableException("catalog " + name
                            + " returned a null segment");
                }
                if (byId.put(segment.id(), segment) != null) {
                    throw new InvalidDefinitionException("segment id '" + segment.id()
                            + "' appears twice in catalog " + name, null, 0, 0, null, null);
                }
            }
            return List.copyOf(byId.values());
        }

        @Override
        public Optional<Segment> find(SegmentId id) {
            return segments().stream().filter(s -> s.id().equals(id)).findFirst();
        }
    }

    /** Collects catalogs. Not thread-safe. */
    public static final class Builder {
        private final List<Catalog> catalogs = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a catalog that is another segment source; only its definitions are used.
         *
         * @param catalog the source of definitions
         * @return this builder
         * @throws NullPointerException if {@code catalog} is null
         * @throws IllegalArgumentException if the same source was already added
         */
        public Builder add(SegmentSource catalog) {
            Objects.requireNonNull(catalog, "catalog");
            for (Catalog c : catalogs) {
                if (c instanceof SourceCatalog && ((SourceCatalog) c).source() == catalog) {
                    throw new IllegalArgumentException("catalog " + catalog + " was already added");
                }
            }
            catalogs.add(new SourceCatalog("#" + (catalogs.size() + 1) + " (" + catalog + ")",
                    catalog));
            return this;
        }

        /**
         * Adds a named catalog whose segments a supplier gives on every call.
         *
         * @param name the catalog's name, used in messages; unique among the catalogs
         * @param catalog gives the segments; must be thread-safe
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder add(String name, Supplier<? extends List<Segment>> catalog) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(catalog, "catalog");
            if (name.isBlank()) {
                throw new IllegalArgumentException("catalog name must not be blank");
            }
            for (Catalog c : catalogs) {
                if (c.name().equals(name)) {
                    throw new IllegalArgumentException("catalog name '" + name + "' is already used");
                }
            }
            catalogs.add(new SupplierCatalog(name, catalog));
            return this;
        }

        /**
         * Tells whether no catalog was added.
         *
         * @return true when empty
         */
        public boolean isEmpty() {
            return catalogs.isEmpty();
        }

        /**
         * Builds the catalogs.
         *
         * @return the catalogs
         */
        public DefinitionCatalogs build() {
            return new DefinitionCatalogs(catalogs);
        }
    }
}
