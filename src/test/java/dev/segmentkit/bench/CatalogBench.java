package dev.segmentkit.bench;

import dev.segmentkit.cli.HistoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Harness 1, catalog evaluation: generates (once, cached under {@code --dir}) a history of about
 * {@code --events} events with the CLI's generator, then evaluates the whole predefined catalog
 * from the file {@code --runs} times, each in a fresh JVM with {@code -Xmx1g} ({@link CatalogRun}),
 * and prints the median and spread of the wall time, events per second, and the memory measured
 * (peak RSS, GC log, heap pool peaks). With a {@link CatalogEngine} on the class path, it runs the
 * engine the same way, checks the member sets are identical and prints the ratio.
 */
public final class CatalogBench {

    /** Events per visitor with the generator's current mix (10M events, about 860k visitors). */
    static final double EVENTS_PER_VISITOR = 11.63;
    /** Days of history generated. */
    static final int DAYS = 400;
    /** Seed of the generated history. */
    static final long SEED = 10L;
    /** Heap of the measured JVMs. */
    static final String HEAP = "1g";

    private CatalogBench() {
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --events=N --runs=R --dir=DIR}
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        long events = Long.parseLong(Bench.option(o, "events", "10000000"));
        int runs = Integer.parseInt(Bench.option(o, "runs", "3"));
        Path dir = Path.of(Bench.option(o, "dir", "target/bench"));
        String heap = Bench.option(o, "heap", HEAP);
        run(events, runs, dir, heap);
    }

    static List<Bench.Measured> run(long events, int runs, Path dir, String heap) throws IOException {
        Files.createDirectories(dir);
        int visitors = (int) Math.max(1, Math.round(events / EVENTS_PER_VISITOR));
        Path history = dir.resolve("history-" + visitors + "v.ndjson");
        HistoryGenerator generator = HistoryGenerator.of(visitors, DAYS, SEED, HistoryGenerator.DEFAULT_AS_OF);
        if (!Files.isRegularFile(history)) {
            System.out.printf(Locale.ROOT, "generating %,d visitors into %s%n", visitors, history);
            Path tmp = dir.resolve(history.getFileName() + ".tmp");
            long n = generator.write(tmp);
            Files.move(tmp, history, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "generated %,d events%n", n);
        }
        Instant asOf = generator.asOf();
        System.out.printf(Locale.ROOT, "history %s: %,d bytes, %,d visitors, as of %s; %d run(s), -Xmx%s%n",
                history, Files.size(history), visitors, asOf, runs, heap);

        List<Bench.Measured> ours = measure("segmentkit", history, asOf, runs, dir, heap);
        Bench.Measured first = ours.get(0);
        double lines = first.number("lines");
        Bench.Stats seconds = Bench.Stats.of(ours.stream().mapToDouble(m -> m.number("seconds")).toArray());
        System.out.printf(Locale.ROOT, "segmentkit: %s; %,.0f lines, %,.0f counted events, %,.0f visitors, %,.0f memberships%n",
                seconds.format("s", 2), lines, first.number("countedEvents"), first.number("population"),
                first.number("memberships"));
        System.out.printf(Locale.ROOT, "segmentkit: %s events/s (median)%n",
                String.format(Locale.ROOT, "%,.0f", lines / seconds.median()));
        System.out.println("segmentkit: " + Bench.rss(ours) + "; " + Bench.gc(ours)
                + "; heap pool peaks " + Bench.Stats.of(ours.stream().mapToDouble(m -> m.number("heapPeakMb")).toArray()).format("MiB", 0));

        for (CatalogEngine engine : ServiceLoader.load(CatalogEngine.class)) {
            List<Bench.Measured> theirs = measure(engine.name(), history, asOf, runs, dir, heap);
            checkSameMembers(first, theirs.get(0), engine.name());
            Bench.Stats other = Bench.Stats.of(theirs.stream().mapToDouble(m -> m.number("seconds")).toArray());
            System.out.printf(Locale.ROOT, "%s: %s; %s; member sets identical to segmentkit's%n",
                    engine.name(), other.format("s", 2), Bench.rss(theirs));
            System.out.printf(Locale.ROOT, "ratio segmentkit / %s: %.2f (median times; target <= 1.0)%n",
                    engine.name(), seconds.median() / other.median());
        }
        return ours;
    }

    private static List<Bench.Measured> measure(String engine, Path history, Instant asOf, int runs,
            Path dir, String heap) {
        List<Bench.Measured> out = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Bench.Measured m = Bench.fork(heap, dir.resolve("gc-catalog-" + engine + "-" + i + ".log"),
                    CatalogRun.class, List.of("--history=" + history, "--as-of=" + asOf, "--engine=" + engine));
            System.out.printf(Locale.ROOT, "  %s run %d: %s s, peak RSS %d MiB%n", engine, i,
                    m.result().get("seconds"), m.peakRssKb() / 1024);
            out.add(m);
        }
        return out;
    }

    static void checkSameMembers(Bench.Measured a, Bench.Measured b, String engine) {
        for (Map.Entry<String, String> e : a.result().entrySet()) {
            if (e.getKey().startsWith("n.") || e.getKey().startsWith("sha.")) {
                String theirs = b.result().get(e.getKey());
                if (!e.getValue().equals(theirs)) {
                    throw new IllegalStateException(engine + " differs from segmentkit at " + e.getKey()
                            + ": " + theirs + " vs " + e.getValue());
                }
            }
        }
    }
}
