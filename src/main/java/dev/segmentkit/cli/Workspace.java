package dev.segmentkit.cli;

import dev.segmentkit.history.EvaluationProgress;
import dev.segmentkit.history.HistoricalData;
import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.source.history.HistoricalSegmentSource;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.TargetGroupStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the CLI works on: the file store under {@code --store}, and a historical segment source
 * over {@code --events} (default: the demo history, generated on first use) with the predefined
 * catalog and the optional custom {@code --catalog}.
 */
final class Workspace implements AutoCloseable {

    /** Visitors in the demo history. */
    static final int DEMO_VISITORS = 20_000;
    /** Days in the demo history. */
    static final int DEMO_DAYS = 400;
    /** Seed of the demo history. */
    static final long DEMO_SEED = 20261201L;

    final Path storeDir;
    final Path events;
    final boolean demoHistory;
    final Instant asOf;
    final TargetGroupStore store;
    final HistoricalSegmentSource source;
    final ScoringConfig scoring;

    private Workspace(Path storeDir, Path events, boolean demoHistory, Instant asOf,
            TargetGroupStore store, HistoricalSegmentSource source, ScoringConfig scoring) {
        this.storeDir = storeDir;
        this.events = events;
        this.demoHistory = demoHistory;
        this.asOf = asOf;
        this.store = store;
        this.source = source;
        this.scoring = scoring;
    }

    static Workspace open(Args args, Progress progress) {
        Path storeDir = Path.of(args.option("store") == null ? "segmentkit-data" : args.option("store"));
        Instant asOf = args.option("as-of") == null ? null : instant(args.option("as-of"), "as-of");
        Duration timeout = args.option("session-timeout") == null ? null
                : duration(args.option("session-timeout"), "session-timeout");
        HistoryPolicy policy = policy(args.option("open-sessions"));
        Path events;
        boolean demo = args.option("events") == null;
        if (demo) {
            events = demoHistory(storeDir, progress);
            if (asOf == null) {
                asOf = HistoryGenerator.DEFAULT_AS_OF;
            }
        } else {
            events = Path.of(args.option("events"));
            if (!Files.isRegularFile(events)) {
                throw new UsageException("--events: no such file: " + events);
            }
            if (asOf == null) {
                asOf = Instant.now();
            }
        }
        Instant at = asOf;
        ScoringConfig config = ScoringConfig.defaults();
        HistoricalSegmentSource.Builder b = HistoricalSegmentSource.builder(HistoricalData.ndjson(events,
                        args.flag("lenient") ? HistoricalData.ReadMode.LENIENT : HistoricalData.ReadMode.STRICT))
                .asOf(at)
                .policy(policy)
                .predefined(config)
                .listener(p -> drawEvaluation(progress, p));
        if (timeout != null) {
            b.sessionTimeout(timeout);
        }
        if (args.option("catalog") != null) {
            Path catalog = Path.of(args.option("catalog"));
            if (!Files.isRegularFile(catalog)) {
                throw new UsageException("--catalog: no such file: " + catalog);
            }
            b.catalog(SegmentSource.catalog(catalog));
        }
        TargetGroupStore store = TargetGroupStore.files(storeDir.resolve("groups"));
        return new Workspace(storeDir, events, demo, at, store, b.build(), config);
    }

    private static void drawEvaluation(Progress progress, EvaluationProgress p) {
        String what = (p.phase() == EvaluationProgress.Phase.OPEN_SESSIONS ? "scanning " : "evaluating ")
                + p.data();
        progress.update(what, p.lines(), "lines", p.done());
    }

    /** Returns the demo history under the store directory, generating it on first use. */
    static Path demoHistory(Path storeDir, Progress progress) {
        Path file = storeDir.resolve("demo-history.ndjson.gz");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(storeDir);
            Path tmp = Files.createTempFile(storeDir, "demo-history", ".ndjson.gz.tmp");
            try {
                progress.update("generating demo history", 0, "events", true);
                long n = HistoryGenerator.of(DEMO_VISITORS, DEMO_DAYS, DEMO_SEED,
                        HistoryGenerator.DEFAULT_AS_OF).write(gzName(tmp));
                progress.update("generating demo history", n, "events", true);
                progress.finish();
                Files.move(gzName(tmp), file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(gzName(tmp));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo history in " + storeDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path gzName(Path tmp) {
        return tmp.resolveSibling(tmp.getFileName() + ".gz");
    }

    static Instant instant(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("option --" + option + " needs an ISO-8601 instant such as "
                    + "2026-11-30T10:15:00Z, got '" + text + "'");
        }
    }

    static Duration duration(String text, String option) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new UsageException("option --" + option + " must be positive, got '" + text + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UsageException("option --" + option + " needs an ISO-8601 duration such as "
                    + "PT30M, got '" + text + "'");
        }
    }

    static HistoryPolicy policy(String text) {
        if (text == null || text.equals("exclude-events")) {
            return HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS;
        }
        if (text.equals("exclude-visitors")) {
            return HistoryPolicy.EXCLUDE_ACTIVE_VISITORS;
        }
        throw new UsageException("option --open-sessions takes exclude-events or exclude-visitors, got '"
                + text + "'");
    }

    @Override
    public void close() {
        store.close();
    }
}
