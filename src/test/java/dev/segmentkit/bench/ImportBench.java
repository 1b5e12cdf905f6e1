package dev.segmentkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Harnesses 2 and 3, import throughput: runs {@link ImportRun} {@code --runs} times, each in a
 * fresh JVM with {@code -Xmx256m}, into the file store ({@code --store=files}) or PostgreSQL
 * ({@code --store=jdbc --jdbc-url=URL}), and prints the median and spread of members per second,
 * the ratio to a plain copy of the same bytes (file store), the re-import with 1% churn against
 * the import, and the memory measured.
 */
public final class ImportBench {

    /** Heap of the measured JVMs. */
    static final String HEAP = "256m";

    private ImportBench() {
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --store=files|jdbc --members=N --runs=R --dir=DIR [--jdbc-url=URL]}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        String store = Bench.option(o, "store", "files");
        long members = Long.parseLong(Bench.option(o, "members", "10000000"));
        int runs = Integer.parseInt(Bench.option(o, "runs", "3"));
        Path dir = Path.of(Bench.option(o, "dir", "target/bench"));
        String url = Bench.option(o, "jdbc-url", System.getenv("SEGMENTKIT_TEST_JDBC_URL"));
        if (store.equals("jdbc") && url == null) {
            throw new IllegalArgumentException("--store=jdbc needs --jdbc-url or SEGMENTKIT_TEST_JDBC_URL");
        }
        run(store, members, runs, dir, url, Bench.option(o, "heap", HEAP));
    }

    static List<Bench.Measured> run(String store, long members, int runs, Path dir, String url, String heap)
            throws Exception {
        Path work = dir.resolve("import-" + store);
        Files.createDirectories(work);
        List<String> args = new ArrayList<>(List.of("--store=" + store, "--members=" + members, "--dir=" + work));
        if (url != null) {
            args.add("--jdbc-url=" + url);
        }
        System.out.printf(Locale.ROOT, "import into %s: %,d members, %d run(s), -Xmx%s%n", store, members, runs, heap);
        List<Bench.Measured> out = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Bench.Measured m = Bench.fork(heap, work.resolve("gc-" + i + ".log"), ImportRun.class, args);
            System.out.println("  run " + i + ": " + m.result() + ", peak RSS " + m.peakRssKb() / 1024 + " MiB");
            out.add(m);
        }
        Bench.Stats rate = Bench.Stats.of(out.stream().mapToDouble(m -> members / m.number("importSeconds")).toArray());
        Bench.Stats reimport = Bench.Stats.of(out.stream()
                .mapToDouble(m -> m.number("reimportSeconds") / m.number("importSeconds")).toArray());
        System.out.printf(Locale.ROOT, "import: %s%n", rate.format("members/s", 0));
        System.out.printf(Locale.ROOT, "re-import with 1%% churn / import: %s (target <= 1.5)%n", reimport.format("x", 2));
        if (store.equals("files")) {
            Bench.Stats ratio = Bench.Stats.of(out.stream()
                    .mapToDouble(m -> m.number("importSeconds") / m.number("copySeconds")).toArray());
            Bench.Stats copy = Bench.Stats.of(out.stream().mapToDouble(m -> m.number("copySeconds")).toArray());
            System.out.printf(Locale.ROOT, "plain copy of the same %,.0f bytes: %s; store holds %,.0f bytes%n",
                    out.get(0).number("copyBytes"), copy.format("s", 3), out.get(0).number("storeBytes"));
            System.out.printf(Locale.ROOT, "import / plain copy: %s (target <= 3)%n", ratio.format("x", 2));
        }
        System.out.println("memory: " + Bench.rss(out) + "; " + Bench.gc(out));
        return out;
    }
}
