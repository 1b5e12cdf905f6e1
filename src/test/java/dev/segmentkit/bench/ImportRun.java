package dev.segmentkit.bench;

import dev.segmentkit.importing.ImportResult;
import dev.segmentkit.importing.ImportService;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.store.jdbc.JdbcTargetGroupStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One measured import, run in a forked JVM by {@link ImportBench}: imports a generated segment
 * of {@code --members} into a fresh store (file store under {@code --dir}, or PostgreSQL at
 * {@code --jdbc-url}, tables prefixed {@code bench_} and dropped afterwards), re-imports it with
 * 1% churn, and for the file store times a plain sequential copy (read, write, fsync) of a file
 * holding the same member bytes. Prints one RESULT line.
 */
public final class ImportRun {

    private ImportRun() {
    }

    /**
     * Runs one import.
     *
     * @param args {@code --store=files|jdbc --members=N --dir=DIR [--jdbc-url=URL]}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        long members = Long.parseLong(o.get("members"));
        String kind = o.get("store");
        Path dir = Path.of(o.get("dir"));
        Map<String, Object> out = new LinkedHashMap<>();
        if (kind.equals("files")) {
            Path root = dir.resolve("store");
            deleteTree(root);
            try (TargetGroupStore store = TargetGroupStore.files(root)) {
                measure(store, members, out);
            }
            Path plain = dir.resolve("members.txt");
            writePlain(plain, members);
            Path copy = dir.resolve("members-copy.txt");
            long t0 = System.nanoTime();
            long bytes = copy(plain, copy);
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.put("copySeconds", fmt(seconds));
            out.put("copyBytes", bytes);
            out.put("storeBytes", storeBytes(root));
            Files.delete(copy);
            Files.delete(plain);
            deleteTree(root);
        } else {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(o.get("jdbc-url"));
            JdbcTargetGroupStore store = JdbcTargetGroupStore.builder(ds).tablePrefix("bench_").build();
            dropTables(ds);
            store.createSchemaIfMissing();
            try {
                measure(store, members, out);
            } finally {
                dropTables(ds);
            }
        }
        out.put("heapPeakMb", CatalogRun.heapPeakMb());
        Bench.report(out);
    }

    private static void measure(TargetGroupStore store, long members, Map<String, Object> out) {
        SyntheticSegmentSource source = new SyntheticSegmentSource(members);
        ImportService service = ImportService.create(source, store);
        long t0 = System.nanoTime();
        ImportResult first = service.importSegment(SyntheticSegmentSource.ID);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        check(first.record().memberCount(), members, "import");
        source.revision(2);
        t0 = System.nanoTime();
        ImportResult second = service.reimport(first.targetGroup().id());
        double reimportSeconds = (System.nanoTime() - t0) / 1e9;
        check(second.record().memberCount(), SyntheticSegmentSource.count(members, true), "re-import");
        out.put("members", members);
        out.put("importSeconds", fmt(importSeconds));
        out.put("reimportSeconds", fmt(reimportSeconds));
        out.put("added", second.record().added());
        out.put("removed", second.record().removed());
    }

    private static void check(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " stored " + actual + " members, expected " + expected);
        }
    }

    /** Writes the members of revision 1, one per line: the bytes an import moves. */
    static void writePlain(Path file, long members) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n = 0;
            Iterator<String> it = SyntheticSegmentSource.ids(members, false);
            while (it.hasNext()) {
                byte[] id = it.next().getBytes(StandardCharsets.US_ASCII);
                if (n + id.length + 1 > buffer.length) {
                    os.write(buffer, 0, n);
                    n = 0;
                }
                System.arraycopy(id, 0, buffer, n, id.length);
                n += id.length;
                buffer[n++] = '\n';
            }
            os.write(buffer, 0, n);
        }
    }

    /** The baseline: a plain sequential copy through a 64 KiB buffer, fsync'd like the store. */
    static long copy(Path from, Path to) throws IOException {
        long total = 0;
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    total += out.write(buffer);
                }
                buffer.clear();
            }
            out.force(true);
        }
        return total;
    }

    private static long storeBytes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void dropTables(PGSimpleDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"import_history", "members", "target_groups"}) {
                s.execute("DROP TABLE IF EXISTS bench_" + table + " CASCADE");
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
