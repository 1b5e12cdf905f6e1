package dev.segmentkit.source.catalog;

import dev.segmentkit.json.Catalog;
import dev.segmentkit.json.CatalogSegment;
import dev.segmentkit.json.SegmentkitJson;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.tck.SegmentFixture;
import dev.segmentkit.tck.SegmentSourceContract;
import dev.segmentkit.tck.SourceEditor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the compatibility kit on the JSON catalog source. The editor rewrites the catalog file as
 * a Segment Manager export would, giving the changed segment a new revision.
 */
class JsonCatalogSegmentSourceContractTest extends SegmentSourceContract {

    @TempDir
    Path dir;

    private final Map<SegmentId, CatalogSegment> current = new TreeMap<>();
    private long revision;

    @Override
    protected SegmentSource createSource(List<SegmentFixture> fixtures) {
        fixtures.forEach(this::store);
        write();
        return SegmentSource.catalog(file());
    }

    @Override
    protected Optional<SourceEditor> editor(SegmentSource source) {
        return Optional.of(new SourceEditor() {
            @Override
            public void put(SegmentFixture fixture) {
                store(fixture);
                write();
            }

            @Override
            public void remove(SegmentId id) {
                current.remove(id);
                write();
            }
        });
    }

    private Path file() {
        return dir.resolve("catalog.json");
    }

    private void store(SegmentFixture f) {
        Segment segment = new Segment(f.id(), f.name(), f.description(), f.origin(), f.definition(),
                "r" + (++revision));
        current.put(f.id(), CatalogSegment.of(segment, f.sortedMembers()));
    }

    private void write() {
        try {
            Path tmp = dir.resolve("catalog.json.tmp");
            Files.writeString(tmp, SegmentkitJson.instance().writeCatalog(new Catalog(new ArrayList<>(current.values()))),
                    StandardCharsets.UTF_8);
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
