package dev.segmentkit.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentkit.importing.ImportListener;
import dev.segmentkit.importing.ImportOptions;
import dev.segmentkit.importing.ImportResult;
import dev.segmentkit.importing.ImportService;
import dev.segmentkit.importing.Staleness;
import dev.segmentkit.json.SegmentkitJson;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.spi.InvalidInputException;
import dev.segmentkit.spi.InvalidMembersException;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSummary;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.sql.CompiledQuery;
import dev.segmentkit.sql.EventsTable;
import dev.segmentkit.sql.SegmentSqlCompiler;
import dev.segmentkit.sql.SqlDialect;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code segmentkit} command line: lists and shows segments computed from a history, imports
 * and re-imports them as target groups into a file store, and manages those target groups.
 *
 * <p>Exit codes: 0 success, 2 usage error, 3 segment or target group not found, 4 version
 * conflict, 5 invalid input (the message names file and line), 1 anything else. Errors go to
 * stderr as one line starting {@code segmentkit: }; a stack trace only with {@code --debug}. With
 * {@code --json}, stdout holds exactly one JSON document. Run it with {@code --help} for the
 * commands and options.
 */
public final class Main {

    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of a failure not covered by another code. */
    public static final int FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code when a segment or target group does not exist. */
    public static final int NOT_FOUND = 3;
    /** Exit code of a version conflict. */
    public static final int CONFLICT = 4;
    /** Exit code of invalid input (a file, JSON, NDJSON). */
    public static final int INVALID_INPUT = 5;

    static final String USAGE_TEXT = String.join("\n",
            "usage: segmentkit [options] COMMAND [arguments]",
            "",
            "commands:",
            "  segments list                     every segment: id, name, origin, revision",
            "  segments show ID                  definition, fingerprint, revision, member count",
            "  segments show ID --sql [--dialect D] [--table T]",
            "                                    print the segment compiled to SQL (postgresql or",
            "                                    duckdb; table default events), evaluate nothing",
            "  import ID [--name N] [--idempotency-key K] [--imported-by W]",
            "                                    import a segment as a new target group",
            "  reimport GROUP_ID                 refresh a target group from its segment",
            "  groups list                       target groups with version, members, staleness",
            "  groups show GROUP_ID [--members]  snapshot and history (and members)",
            "  groups stale                      stale target groups with their reasons",
            "  groups rename GROUP_ID NAME       give a target group a new local name",
            "  groups delete GROUP_ID            delete a target group",
            "  generate --out FILE [--visitors N] [--days D] [--seed S] [--as-of INSTANT]",
            "                                    write a deterministic synthetic shop history",
            "  demo                              generate the demo history, import two segments",
            "",
            "options:",
            "  --events FILE          NDJSON history, optionally .gz (default: the demo history)",
            "  --catalog FILE         JSON catalog of custom segments",
            "  --as-of INSTANT        evaluation instant (default: now; the demo history's end)",
            "  --session-timeout D    session timeout, ISO-8601 (default PT30M)",
            "  --open-sessions P      exclude-events (default) or exclude-visitors",
            "  --store DIR            data directory (default ./segmentkit-data)",
            "  --json                 print one JSON document on stdout",
            "  --quiet                print only what a script needs",
            "  --lenient              skip malformed history lines (counted, reported)",
            "  --progress             draw progress on stderr even when it is not a terminal",
            "  --debug                print stack traces of errors",
            "",
            "exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 version conflict, 5 invalid input");

    private static final Set<String> GLOBAL = Set.of("events", "catalog", "as-of",
            "session-timeout", "open-sessions", "store", "json", "quiet", "lenient", "debug",
            "progress");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final ObjectMapper mapper = new ObjectMapper();
    private Args args;
    private Progress progress;

    private Main(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Runs the command line and exits with its exit code.
     *
     * @param argv the arguments
     */
    public static void main(String[] argv) {
        // the library ships no SLF4J binding; the CLI prints its own output
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int code = run(argv, out, System.err, System.console() != null);
        out.flush();
        System.exit(code);
    }

    /**
     * Runs the command line in-process.
     *
     * @param argv the arguments
     * @param out where results go
     * @param err where errors and progress go
     * @param terminal whether stderr is a terminal (progress is drawn then)
     * @return the exit code
     * @throws NullPointerException if an argument is null
     */
    public static int run(String[] argv, PrintStream out, PrintStream err, boolean terminal) {
        java.util.Objects.requireNonNull(argv, "argv");
        return new Main(java.util.Objects.requireNonNull(out, "out"),
                java.util.Objects.requireNonNull(err, "err"), terminal).run(argv);
    }

    private int run(String[] argv) {
        boolean debug = false;
        try {
            args = Args.parse(argv);
            debug = args.flag("debug");
            if (args.flag("help") || args.words().isEmpty()) {
                if (args.words().isEmpty() && !args.flag("help")) {
                    throw new UsageException("no command given; try --help");
                }
                out.println(USAGE_TEXT);
                return OK;
            }
            progress = new Progress(err, args.flag("progress") || (terminal && !args.flag("quiet")));
            try {
                dispatch();
            } finally {
                progress.finish();
            }
            out.flush();
            return OK;
        } catch (UsageException e) {
            return fail(USAGE, e.getMessage() + " (see --help)", e, debug);
        } catch (SegmentNotFoundException | TargetGroupNotFoundException e) {
            return fail(NOT_FOUND, e.getMessage(), e, debug);
        } catch (VersionConflictException | TargetGroupExistsException e) {
            return fail(CONFLICT, e.getMessage(), e, debug);
        } catch (InvalidInputException | InvalidMembersException e) {
            return fail(INVALID_INPUT, e.getMessage(), e, debug);
        } catch (RuntimeException e) {
            InvalidInputException invalid = invalidCause(e);
            if (invalid != null) {
                return fail(INVALID_INPUT, invalid.getMessage(), e, debug);
            }
            return fail(FAILURE, e.getMessage() == null ? e.toString() : e.getMessage(), e, debug);
        }
    }

    /** Adapters wrap bad data in their own failure; its cause still says which line was bad. */
    private static InvalidInputException invalidCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InvalidInputException) {
                return (InvalidInputException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private int fail(int code, String message, Throwable e, boolean debug) {
        err.println("segmentkit: " + message.replace('\n', ' '));
        if (debug) {
            e.printStackTrace(err);
        }
        return code;
    }

    private void dispatch() {
        List<String> w = args.words();
        String command = w.get(0);
        switch (command) {
            case "segments":
                sub(w, 2, "segments list | segments show ID");
                if (w.get(1).equals("list")) {
                    words(w, 2, "segments list");
                    allow("segments list");
                    segmentsList();
                } else if (w.get(1).equals("show")) {
                    words(w, 3, "segments show ID");
                    allow("segments show", "sql", "dialect", "table");
                    if (args.flag("sql")) {
                        segmentsSql(segmentId(w.get(2)));
                    } else {
                        for (String o : List.of("dialect", "table")) {
                            if (args.option(o) != null) {
                                throw new UsageException("option --" + o + " needs --sql");
                            }
                        }
                        segmentsShow(segmentId(w.get(2)));
                    }
                } else {
                    throw new UsageException("unknown command 'segments " + w.get(1) + "'");
                }
                break;
            case "import":
                words(w, 2, "import ID");
                allow("import", "name", "idempotency-key", "imported-by");
                importSegment(segmentId(w.get(1)));
                break;
            case "reimport":
                words(w, 2, "reimport GROUP_ID");
                allow("reimport");
                reimport(groupId(w.get(1)));
                break;
            case "groups":
                groups(w);
                break;
            case "generate":
                words(w, 1, "generate --out FILE");
                allow("generate", "out", "visitors", "days", "seed");
                generate();
                break;
            case "demo":
                words(w, 1, "demo");
                allow("demo");
                demo();
                break;
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    private void groups(List<String> w) {
        sub(w, 2, "groups list|show|stale|rename|delete");
        String sub = w.get(1);
        switch (sub) {
            case "list":
                words(w, 2, "groups list");
                allow("groups list");
                groupsList();
                break;
            case "show":
                words(w, 3, "groups show GROUP_ID");
                allow("groups show", "members");
                groupsShow(groupId(w.get(2)));
                break;
            case "stale":
                words(w, 2, "groups stale");
                allow("groups stale");
                groupsStale();
                break;
            case "rename":
                words(w, 4, "groups rename GROUP_ID NAME");
                allow("groups rename");
                groupsRename(groupId(w.get(2)), w.get(3));
                break;
            case "delete":
                words(w, 3, "groups delete GROUP_ID");
                allow("groups delete");
                groupsDelete(groupId(w.get(2)));
                break;
            default:
                throw new UsageException("unknown command 'groups " + sub + "'");
        }
    }

    // ---- commands

    private void segmentsList() {
        try (Workspace ws = workspace()) {
            List<SegmentSummary> segments = ws.source.list();
            if (json()) {
                ObjectNode root = mapper.createObjectNode();
                ArrayNode list = root.putArray("segments");
                for (SegmentSummary s : segments) {
                    list.add(summary(s));
                }
                printJson(root);
                return;
            }
            if (quiet()) {
                segments.forEach(s -> out.println(s.id()));
                return;
            }
            table(List.of("ID", "NAME", "ORIGIN", "REVISION"), segments.stream()
                    .map(s -> List.of(s.id().value(), s.name(), s.origin().name(), s.revision()))
                    .collect(Collectors.toList()));
        }
    }

    private void segmentsShow(SegmentId id) {
        try (Workspace ws = workspace()) {
            Segment segment = ws.source.find(id).orElseThrow(() -> new SegmentNotFoundException(id));
            long members;
            try (SegmentExport export = ws.source.export(id); Stream<String> s = export.members()) {
                members = s.count();
            }
            String definition = SegmentkitJson.instance().writeDefinition(segment.definition());
            if (json()) {
                ObjectNode root = summary(SegmentSummary.of(segment));
                root.put("description", segment.description());
                root.put("fingerprint", segment.fingerprint().hex());
                root.put("memberCount", members);
                root.put("asOf", ws.asOf.toString());
                root.set("definition", readTree(definition));
                printJson(root);
                return;
            }
            out.println("id:          " + segment.id());
            out.println("name:        " + segment.name());
            if (!segment.description().isEmpty()) {
                out.println("description: " + segment.description());
            }
            out.println("origin:      " + segment.origin());
            out.println("revision:    " + segment.revision());
            out.println("fingerprint: " + segment.fingerprint().hex());
            out.println("members:     " + members + " (as of " + ws.asOf + ")");
            out.println("definition:");
            out.println(pretty(definition));
        }
    }

    private void segmentsSql(SegmentId id) {
        String dialectName = args.option("dialect") == null ? "postgresql" : args.option("dialect");
        SqlDialect dialect = SqlDialect.named(dialectName).orElseThrow(() -> new UsageException(
                "option --dialect takes postgresql or duckdb, got '" + dialectName + "'"));
        EventsTable table;
        try {
            table = EventsTable.named(args.option("table") == null ? "events" : args.option("table"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --table: " + e.getMessage());
        }
        try (Workspace ws = workspace()) {
            Segment segment = ws.source.find(id).orElseThrow(() -> new SegmentNotFoundException(id));
            SegmentSqlCompiler compiler = SegmentSqlCompiler.builder(dialect, table)
                    .sessionTimeout(ws.source.evaluator().sessionTimeout())
                    .policy(ws.source.evaluator().policy())
                    .scoring(ws.scoring)
                    .build();
            CompiledQuery query;
            try {
                query = compiler.compile(segment.definition(), ws.asOf);
            } catch (IllegalArgumentException e) {
                throw new InvalidDefinitionException("segment '" + id + "' cannot be compiled to "
                        + dialect + " SQL: " + e.getMessage(), null, 0, 0, null, e);
            }
            if (json()) {
                ObjectNode root = mapper.createObjectNode();
                root.put("id", id.value());
                root.put("dialect", dialect.name());
                root.put("table", String.join(".", table.table()));
                root.put("asOf", ws.asOf.toString());
                root.put("sql", query.sql());
                ArrayNode parameters = root.putArray("parameters");
                for (int i = 0; i < query.parameters().size(); i++) {
                    Object value = query.parameters().get(i);
                    ObjectNode p = parameters.addObject();
                    p.put("type", query.parameterType(i));
                    if (value instanceof java.math.BigDecimal) {
                        p.put("value", (java.math.BigDecimal) value);
                    } else if (value instanceof Long) {
                        p.put("value", (Long) value);
                    } else {
                        p.put("value", value.toString());
                    }
                }
                printJson(root);
            } else if (quiet()) {
                out.println(query.sql());
            } else {
                out.print(query.describe());
            }
        }
    }

    private void importSegment(SegmentId id) {
        ImportOptions.Builder options = ImportOptions.builder();
        if (args.option("name") != null) {
            options.name(text(args.option("name"), "name"));
        }
        if (args.option("idempotency-key") != null) {
            options.idempotencyKey(text(args.option("idempotency-key"), "idempotency-key"));
        }
        if (args.option("imported-by") != null) {
            options.importedBy(text(args.option("imported-by"), "imported-by"));
        }
        try (Workspace ws = workspace()) {
            ImportResult result = service(ws).importSegment(id, options.build());
            if (json()) {
                printJson(groupJson(result.targetGroup()));
            } else if (quiet()) {
                out.println(result.targetGroup().id());
            } else {
                out.println((result.created() ? "imported " : "already imported (idempotency key) ")
                        + id + " as target group " + result.targetGroup().id());
                describe(result.targetGroup());
            }
        }
    }

    private void reimport(TargetGroupId id) {
        try (Workspace ws = workspace()) {
            ImportResult result = service(ws).reimport(id);
            ImportRecord r = result.record();
            if (json()) {
                printJson(groupJson(result.targetGroup()));
            } else if (quiet()) {
                out.println(result.targetGroup().version());
            } else {
                out.println("re-imported target group " + id + ": version " + result.targetGroup().version()
                        + ", " + r.memberCount() + " members, " + r.added() + " added, " + r.removed()
                        + " removed");
            }
        }
    }

    private void groupsList() {
        try (Workspace ws = workspace()) {
            ImportService service = service(ws);
            List<TargetGroup> groups = service.targetGroups();
            Map<TargetGroupId, Boolean> stale = new HashMap<>();
            for (Staleness s : service.staleTargetGroups()) {
                stale.put(s.targetGroupId(), true);
            }
            if (json()) {
                ObjectNode root = mapper.createObjectNode();
                ArrayNode list = root.putArray("targetGroups");
                for (TargetGroup g : groups) {
                    ObjectNode node = groupJson(g);
                    node.put("stale", stale.containsKey(g.id()));
                    list.add(node);
                }
                printJson(root);
                return;
            }
            if (quiet()) {
                groups.forEach(g -> out.println(g.id()));
                return;
            }
            table(List.of("ID", "NAME", "SEGMENT", "VERSION", "MEMBERS", "STALE"), groups.stream()
                    .map(g -> List.of(g.id().value(), g.name(), g.snapshot().segmentId().value(),
                            Long.toString(g.version()), Long.toString(g.snapshot().memberCount()),
                            stale.containsKey(g.id()) ? "stale" : "-"))
                    .collect(Collectors.toList()));
        }
    }

    private void groupsShow(TargetGroupId id) {
        try (Workspace ws = workspace()) {
            ImportService service = service(ws);
            TargetGroup group = service.targetGroup(id).orElseThrow(() -> new TargetGroupNotFoundException(id));
            boolean members = args.flag("members");
            if (json()) {
                if (!members) {
                    printJson(groupJson(group));
                    return;
                }
                streamGroupWithMembers(group, service);
                return;
            }
            if (!quiet()) {
                describe(group);
                out.println("history:");
                for (ImportRecord r : group.history()) {
                    out.println("  " + r.sequence() + " " + r.kind() + " at " + r.at() + ", revision "
                            + r.revision() + ", " + r.memberCount() + " members, +" + r.added() + " -"
                            + r.removed() + r.importedBy().map(b -> ", by " + b).orElse(""));
                }
            }
            if (members) {
                if (!quiet()) {
                    out.println("members:");
                }
                try (Stream<String> s = service.members(id)) {
                    Iterator<String> it = s.iterator();
                    while (it.hasNext()) {
                        out.println(it.next());
                    }
                }
            }
        }
    }

    private void groupsStale() {
        try (Workspace ws = workspace()) {
            List<Staleness> stale = service(ws).staleTargetGroups();
            if (json()) {
                ObjectNode root = mapper.createObjectNode();
                ArrayNode list = root.putArray("stale");
                for (Staleness s : stale) {
                    ObjectNode node = list.addObject();
                    node.put("id", s.targetGroupId().value());
                    node.put("segmentId", s.segmentId().value());
                    ArrayNode reasons = node.putArray("reasons");
                    s.reasons().forEach(r -> reasons.add(r.name()));
                }
                printJson(root);
                return;
            }
            if (quiet()) {
                stale.forEach(s -> out.println(s.targetGroupId()));
                return;
            }
            if (stale.isEmpty()) {
                out.println("no stale target groups");
                return;
            }
            table(List.of("ID", "SEGMENT", "REASONS"), stale.stream()
                    .map(s -> List.of(s.targetGroupId().value(), s.segmentId().value(),
                            s.reasons().stream().map(Enum::name).collect(Collectors.joining(","))))
                    .collect(Collectors.toList()));
        }
    }

    private void groupsRename(TargetGroupId id, String name) {
        try (Workspace ws = workspace()) {
            TargetGroup renamed = service(ws).rename(id, text(name, "NAME"));
            if (json()) {
                printJson(groupJson(renamed));
            } else if (!quiet()) {
                out.println("renamed target group " + id + " to '" + renamed.name() + "' (version "
                        + renamed.version() + ")");
            }
        }
    }

    private void groupsDelete(TargetGroupId id) {
        try (Workspace ws = workspace()) {
            service(ws).delete(id);
            if (json()) {
                ObjectNode root = mapper.createObjectNode();
                root.put("deleted", id.value());
                printJson(root);
            } else if (!quiet()) {
                out.println("deleted target group " + id);
            }
        }
    }

    private void generate() {
        if (args.option("out") == null) {
            throw new UsageException("generate needs --out FILE");
        }
        for (String o : List.of("events", "catalog", "session-timeout", "open-sessions", "lenient")) {
            if (args.option(o) != null || args.flag(o)) {
                throw new UsageException("option --" + o + " does not apply to 'generate'");
            }
        }
        Path file = Path.of(args.option("out"));
        int visitors = (int) Math.min(Integer.MAX_VALUE, args.longOption("visitors", 10_000, 1));
        int days = (int) Math.min(36_500, args.longOption("days", 400, 1));
        long seed = args.longOption("seed", 1, Long.MIN_VALUE);
        Instant asOf = args.option("as-of") == null ? HistoryGenerator.DEFAULT_AS_OF
                : Workspace.instant(args.option("as-of"), "as-of");
        long started = System.nanoTime();
        long events = HistoryGenerator.of(visitors, days, seed, asOf).write(file);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json()) {
            ObjectNode root = mapper.createObjectNode();
            root.put("out", file.toString());
            root.put("events", events);
            root.put("visitors", visitors);
            root.put("days", days);
            root.put("seed", seed);
            root.put("asOf", asOf.toString());
            printJson(root);
        } else if (quiet()) {
            out.println(events);
        } else {
            out.printf("wrote %,d events of %,d visitors over %d days to %s in %.1f s (as of %s)%n",
                    events, visitors, days, file, seconds, asOf);
        }
    }

    private void demo() {
        try (Workspace ws = workspace()) {
            ImportService service = service(ws);
            List<SegmentSummary> segments = service.importableSegments();
            List<String> demoIds = List.of("top-buyers", "recent-cart-abandoners");
            List<ImportResult> results = new java.util.ArrayList<>();
            for (String sid : demoIds) {
                results.add(service.importSegment(SegmentId.of(sid), ImportOptions.builder()
                        .idempotencyKey("demo:" + sid + ":" + ws.asOf).importedBy("segmentkit demo").build()));
            }
            if (json()) {
                ObjectNode root = mapper.createObjectNode();
                root.put("events", ws.events.toString());
                root.put("asOf", ws.asOf.toString());
                ArrayNode list = root.putArray("segments");
                segments.forEach(s -> list.add(summary(s)));
                ArrayNode imported = root.putArray("targetGroups");
                results.forEach(r -> imported.add(groupJson(r.targetGroup())));
                printJson(root);
                return;
            }
            if (quiet()) {
                results.forEach(r -> out.println(r.targetGroup().id()));
                return;
            }
            out.println("history: " + ws.events + " (as of " + ws.asOf + ")");
            out.println();
            out.println(segments.size() + " segments:");
            table(List.of("ID", "NAME", "ORIGIN", "REVISION"), segments.stream()
                    .map(s -> List.of(s.id().value(), s.name(), s.origin().name(), s.revision()))
                    .collect(Collectors.toList()));
            out.println();
            for (ImportResult r : results) {
                TargetGroup g = r.targetGroup();
                out.println((r.created() ? "imported " : "already imported ") + g.snapshot().segmentId()
                        + " as target group " + g.id() + ": " + g.snapshot().memberCount() + " members");
            }
            out.println();
            out.println("next: segmentkit groups list | groups show GROUP_ID --members | groups stale");
        }
    }

    // ---- helpers

    private Workspace workspace() {
        return Workspace.open(args, progress);
    }

    private ImportService service(Workspace ws) {
        return ImportService.builder(ws.source, ws.store).listener(new ImportListener() {
            @Override
            public void onProgress(TargetGroupId targetGroupId, long membersCopied) {
                progress.update("writing members of " + targetGroupId, membersCopied, "members", false);
            }
        }).build();
    }

    private void describe(TargetGroup g) {
        out.println("id:          " + g.id());
        out.println("name:        " + g.name());
        out.println("version:     " + g.version());
        out.println("segment:     " + g.snapshot().segmentId() + " (" + g.snapshot().segmentName() + ", "
                + g.snapshot().origin() + ")");
        out.println("revision:    " + g.snapshot().revision());
        out.println("fingerprint: " + g.snapshot().fingerprint().hex());
        out.println("members:     " + g.snapshot().memberCount());
        out.println("imported at: " + g.snapshot().importedAt() + " (data as of " + g.snapshot().dataAsOf() + ")");
    }

    private ObjectNode summary(SegmentSummary s) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", s.id().value());
        node.put("name", s.name());
        node.put("origin", s.origin().name());
        node.put("revision", s.revision());
        return node;
    }

    private ObjectNode groupJson(TargetGroup group) {
        return (ObjectNode) readTree(SegmentkitJson.instance().writeTargetGroup(group));
    }

    private void streamGroupWithMembers(TargetGroup group, ImportService service) {
        try (Stream<String> members = service.members(group.id())) {
            OutputStream raw = new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) {
                    Main.this.out.write(b, off, len); // whole buffers, not byte by byte
                }

                @Override
                public void close() {
                    Main.this.out.flush(); // stdout stays open
                }
            };
            try (JsonGenerator gen = mapper.getFactory().createGenerator(raw, JsonEncoding.UTF8)) {
                ObjectNode node = groupJson(group);
                gen.writeStartObject();
                Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = fields.next();
                    gen.writeFieldName(f.getKey());
                    mapper.writeTree(gen, f.getValue());
                }
                gen.writeArrayFieldStart("members");
                Iterator<String> it = members.iterator();
                while (it.hasNext()) {
                    gen.writeString(it.next());
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pretty(String json) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printJson(ObjectNode root) {
        try {
            out.println(mapper.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        printRow(header, width);
        for (List<String> row : rows) {
            printRow(row, width);
        }
    }

    private void printRow(List<String> row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(row.get(i));
            if (i < row.size() - 1) {
                line.append(" ".repeat(width[i] - row.get(i).length()));
            }
        }
        out.println(line);
    }

    private boolean json() {
        return args.flag("json");
    }

    private boolean quiet() {
        return args.flag("quiet");
    }

    private void allow(String command, String... own) {
        Set<String> allowed = new java.util.HashSet<>(GLOBAL);
        allowed.addAll(List.of(own));
        args.allowOnly(command, allowed);
    }

    private static void sub(List<String> w, int n, String usage) {
        if (w.size() < n) {
            throw new UsageException("usage: " + usage);
        }
    }

    private static void words(List<String> w, int n, String usage) {
        if (w.size() != n) {
            throw new UsageException((w.size() < n ? "missing arguments" : "too many arguments")
                    + "; usage: " + usage);
        }
    }

    private static SegmentId segmentId(String text) {
        try {
            return SegmentId.of(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static TargetGroupId groupId(String text) {
        try {
            return TargetGroupId.of(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String text(String value, String what) {
        if (value.isBlank() || value.length() > 200) {
            throw new UsageException(what + " must be 1 to 200 characters and not blank");
        }
        return value;
    }
}
