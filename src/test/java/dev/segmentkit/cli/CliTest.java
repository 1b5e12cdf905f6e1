package dev.segmentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command and exit code of the CLI, end to end, in-process. */
class CliTest {

    static final String AS_OF = "2026-12-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path history;

    @TempDir
    Path dir;

    @BeforeAll
    static void history() {
        history = shared.resolve("history.ndjson");
        HistoryGenerator.of(3_000, 400, 5, HistoryGenerator.DEFAULT_AS_OF).write(history);
    }

    /** The outcome of one run. */
    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(argv));
        if (!all.contains("generate") && !all.contains("demo") && !all.contains("--events")) {
            all.addAll(List.of("--events", history.toString(), "--as-of", AS_OF));
        }
        if (!all.contains("--store")) {
            all.addAll(List.of("--store", dir.resolve("data").toString()));
        }
        int code = Main.run(all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("segments list --json: every predefined segment with id, name, origin, revision")
    void segmentsList() throws IOException {
        Run r = run("segments", "list", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode segments = r.json().get("segments");
        assertThat(segments).hasSize(16);
        JsonNode first = segments.get(0);
        assertThat(first.has("id") && first.has("name") && first.has("origin") && first.has("revision")).isTrue();
        List<String> ids = new ArrayList<>();
        segments.forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).contains("top-buyers", "recent-cart-abandoners", "rfm-champions");
        Run text = run("segments", "list");
        assertThat(text.out()).contains("ID").contains("Top Buyers").contains("PREDEFINED");
    }

    @Test
    @DisplayName("a custom catalog is listed next to the predefined one, and shown with its member count")
    void customCatalog() throws IOException {
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, "{\"schemaVersion\":1,\"segments\":[{\"id\":\"shoe-buyers\","
                + "\"name\":\"Shoe buyers\",\"definition\":{\"condition\":{\"type\":\"performed\","
                + "\"event\":{\"name\":\"order\",\"where\":[{\"property\":\"category\",\"op\":\"eq\","
                + "\"value\":\"shoes\"}]},\"aggregate\":\"count\",\"op\":\"gte\",\"value\":1}}}]}");
        Run list = run("segments", "list", "--json", "--catalog", catalog.toString());
        assertThat(list.json().get("segments")).hasSize(17);
        Run show = run("segments", "show", "shoe-buyers", "--json", "--catalog", catalog.toString());
        assertThat(show.code()).isZero();
        JsonNode s = show.json();
        assertThat(s.get("origin").asText()).isEqualTo("CUSTOM");
        assertThat(s.get("fingerprint").asText()).hasSize(64);
        assertThat(s.get("memberCount").asLong()).isPositive();
        assertThat(s.get("definition").get("condition").get("type").asText()).isEqualTo("performed");
    }

    @Nested
    @DisplayName("import, reimport and groups")
    class Lifecycle {

        @Test
        @DisplayName("import --json prints the target group in the codec's form; show, list, rename, reimport, delete follow it")
        void fullCycle() throws IOException {
            Run imported = run("import", "top-buyers", "--name", "VIPs", "--imported-by", "alice", "--json");
            assertThat(imported.code()).as(imported.err()).isZero();
            JsonNode g = imported.json();
            String id = g.get("id").asText();
            assertThat(g.get("name").asText()).isEqualTo("VIPs");
            assertThat(g.get("version").asLong()).isEqualTo(1);
            JsonNode snap = g.get("snapshot");
            assertThat(snap.get("segmentId").asText()).isEqualTo("top-buyers");
            assertThat(snap.get("revision").asText()).isNotBlank();
            assertThat(snap.get("fingerprint").asText()).hasSize(64);
            assertThat(snap.get("memberCount").asLong()).isPositive();
            assertThat(snap.get("definition").get("condition")).isNotNull();
            assertThat(g.get("history").get(0).get("kind").asText()).isEqualTo("IMPORT");
            assertThat(g.get("history").get(0).get("added").asLong()).isEqualTo(snap.get("memberCount").asLong());
            assertThat(g.get("history").get(0).get("removed").asLong()).isZero();

            Run show = run("groups", "show", id, "--members", "--json");
            JsonNode members = show.json().get("members");
            assertThat(members).hasSize((int) snap.get("memberCount").asLong());
            List<String> list = new ArrayList<>();
            members.forEach(m -> list.add(m.asText()));
            assertThat(list).isSorted().doesNotHaveDuplicates();

            Run text = run("groups", "show", id, "--members", "--quiet");
            assertThat(text.out().lines().count()).isEqualTo(list.size());

            Run groups = run("groups", "list", "--json");
            assertThat(groups.json().get("targetGroups")).hasSize(1);
            assertThat(groups.json().get("targetGroups").get(0).get("stale").asBoolean()).isFalse();

            Run renamed = run("groups", "rename", id, "Top customers");
            assertThat(renamed.code()).isZero();
            assertThat(renamed.out()).contains("Top customers");

            // a later as-of changes the data: the re-import shows what it added and removed
            Run re = run("reimport", id, "--json", "--events", history.toString(), "--as-of",
                    "2026-09-01T00:00:00Z");
            assertThat(re.code()).as(re.err()).isZero();
            JsonNode rg = re.json();
            assertThat(rg.get("id").asText()).isEqualTo(id);
            assertThat(rg.get("name").asText()).isEqualTo("Top customers");
            assertThat(rg.get("version").asLong()).isEqualTo(3);
            JsonNode last = rg.get("history").get(1);
            assertThat(last.get("kind").asText()).isEqualTo("REIMPORT");
            assertThat(last.get("added").asLong() + last.get("removed").asLong()).isPositive();

            Run reText = run("reimport", id);
            assertThat(reText.out()).contains("version 4").contains("added").contains("removed");

            Run deleted = run("groups", "delete", id);
            assertThat(deleted.code()).isZero();
            assertThat(run("groups", "show", id).code()).isEqualTo(Main.NOT_FOUND);
        }

        @Test
        @DisplayName("the same idempotency key twice creates one target group")
        void idempotency() throws IOException {
            String first = run("import", "big-spenders", "--idempotency-key", "k1", "--quiet").out().strip();
            String second = run("import", "big-spenders", "--idempotency-key", "k1", "--quiet").out().strip();
            assertThat(second).isEqualTo(first);
            assertThat(run("groups", "list", "--json").json().get("targetGroups")).hasSize(1);
        }

        @Test
        @DisplayName("groups stale names the reasons when the scoring data changes the revision... or the catalog changes")
        void stale() throws IOException {
            Path catalog = dir.resolve("c.json");
            Files.writeString(catalog, catalogJson("Shoe buyers", 1));
            String id = run("import", "shoes", "--catalog", catalog.toString(), "--quiet").out().strip();
            assertThat(run("groups", "stale", "--json", "--catalog", catalog.toString()).json()
                    .get("stale")).isEmpty();

            Files.writeString(catalog, catalogJson("Shoe fans", 2));
            Run stale = run("groups", "stale", "--json", "--catalog", catalog.toString());
            JsonNode entry = stale.json().get("stale").get(0);
            assertThat(entry.get("id").asText()).isEqualTo(id);
            assertThat(entry.get("segmentId").asText()).isEqualTo("shoes");
            List<String> reasons = new ArrayList<>();
            entry.get("reasons").forEach(x -> reasons.add(x.asText()));
            assertThat(reasons).contains("DEFINITION_CHANGED", "RENAMED");
        }

        private String catalogJson(String name, int threshold) {
            return "{\"schemaVersion\":1,\"segments\":[{\"id\":\"shoes\",\"name\":\"" + name + "\","
                    + "\"definition\":{\"condition\":{\"type\":\"performed\",\"event\":{\"name\":\"order\"},"
                    + "\"aggregate\":\"count\",\"op\":\"gte\",\"value\":" + threshold + "}}}]}";
        }
    }

    @Nested
    @DisplayName("exit codes and errors")
    class Errors {

        @Test
        @DisplayName("2: unknown command, unknown option, missing argument, bad instant")
        void usage() {
            for (String[] argv : List.of(new String[] {"frobnicate"}, new String[] {"segments", "list", "--colour"},
                    new String[] {"import"}, new String[] {"segments", "list", "--as-of", "yesterday"},
                    new String[] {"groups", "show", "../etc"})) {
                Run r = run(argv);
                assertThat(r.code()).as(String.join(" ", argv)).isEqualTo(Main.USAGE);
                assertThat(r.err()).startsWith("segmentkit: ").doesNotContain("\tat ");
                assertThat(r.err().lines().count()).isEqualTo(1);
                assertThat(r.out()).isEmpty();
            }
        }

        @Test
        @DisplayName("3: unknown segment or target group")
        void notFound() {
            Run r = run("import", "no-such-segment");
            assertThat(r.code()).isEqualTo(Main.NOT_FOUND);
            assertThat(r.err()).isEqualTo("segmentkit: segment not found: no-such-segment" + System.lineSeparator());
            assertThat(run("reimport", "tg-missing").code()).isEqualTo(Main.NOT_FOUND);
            assertThat(run("groups", "delete", "tg-missing").code()).isEqualTo(Main.NOT_FOUND);
        }

        @Test
        @DisplayName("5: a bad NDJSON line names file and line; --lenient skips it")
        void invalidInput() throws IOException {
            Path bad = dir.resolve("bad.ndjson");
            Files.writeString(bad, String.join("\n",
                    "{\"visitor\":\"v1\",\"session\":\"s1\",\"time\":\"2026-11-01T10:00:00Z\",\"event\":\"order\"}",
                    "{\"visitor\":\"v1\",\"session\":\"s1\",\"time\":\"not a time\",\"event\":\"order\"}",
                    ""));
            Run r = run("segments", "show", "big-spenders", "--events", bad.toString(), "--as-of", AS_OF);
            assertThat(r.code()).isEqualTo(Main.INVALID_INPUT);
            assertThat(r.err()).startsWith("segmentkit: ").contains("bad.ndjson").contains(":2");
            Run lenient = run("segments", "show", "big-spenders", "--events", bad.toString(), "--as-of", AS_OF,
                    "--lenient");
            assertThat(lenient.code()).as(lenient.err()).isZero();
        }

        @Test
        @DisplayName("5: a malformed catalog names the file and line")
        void badCatalog() throws IOException {
            Path catalog = dir.resolve("broken.json");
            Files.writeString(catalog, "{\"schemaVersion\":1,\n\"segments\":[{\"id\":\"x\",\"name\":\"X\",\n"
                    + "\"definition\":{\"condition\":{\"type\":\"allOf\",\"conditions\":[]}}}]}");
            Run r = run("segments", "list", "--catalog", catalog.toString());
            assertThat(r.code()).isEqualTo(Main.INVALID_INPUT);
            assertThat(r.err()).contains("broken.json");
        }

        @Test
        @DisplayName("4: a re-import that loses the race against a concurrent change exits 4 and changes nothing")
        void versionConflict() throws Exception {
            String id = run("import", "big-spenders", "--quiet").out().strip();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread renamer = new Thread(() -> {
                try (dev.segmentkit.spi.TargetGroupStore store =
                        dev.segmentkit.spi.TargetGroupStore.files(dir.resolve("data").resolve("groups"))) {
                    dev.segmentkit.importing.ImportService service = dev.segmentkit.importing.ImportService.create(
                            dev.segmentkit.spi.SegmentSource.inMemory(), store);
                    int n = 0;
                    while (!stop.get()) {
                        try {
                            service.rename(dev.segmentkit.targetgroup.TargetGroupId.of(id), "renamed " + (n++));
                        } catch (dev.segmentkit.spi.VersionConflictException e) {
                            // the CLI's re-import won this round
                        }
                    }
                }
            });
            renamer.start();
            Run conflict = null;
            try {
                for (int attempt = 0; attempt < 20 && conflict == null; attempt++) {
                    Run r = run("reimport", id);
                    if (r.code() == Main.CONFLICT) {
                        conflict = r;
                    } else {
                        assertThat(r.code()).as(r.err()).isZero();
                    }
                }
            } finally {
                stop.set(true);
                renamer.join();
            }
            assertThat(conflict).as("a re-import racing renames hits a version conflict").isNotNull();
            assertThat(conflict.err()).startsWith("segmentkit: version conflict on target group " + id);
            JsonNode group = run("groups", "show", id, "--json").json();
            assertThat(group.get("name").asText()).startsWith("renamed ");
        }

        @Test
        @DisplayName("1: anything else, e.g. a store directory that is a file")
        void otherFailure() throws IOException {
            Path file = dir.resolve("not-a-dir");
            Files.writeString(file, "x");
            Run r = run("groups", "list", "--store", file.toString());
            assertThat(r.code()).isEqualTo(Main.FAILURE);
            assertThat(r.err()).startsWith("segmentkit: ");
        }

        @Test
        @DisplayName("--debug adds the stack trace")
        void debug() {
            Run r = run("import", "nope", "--debug");
            assertThat(r.code()).isEqualTo(Main.NOT_FOUND);
            assertThat(r.err()).contains("\tat ");
        }
    }

    @Test
    @DisplayName("--progress draws a progress line on stderr, never in the --json stdout")
    void progress() throws IOException {
        Run r = run("segments", "show", "top-buyers", "--json", "--progress");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("evaluating").contains("lines").contains("/s");
        assertThat(r.json().get("id").asText()).isEqualTo("top-buyers");
        Run quiet = run("segments", "show", "top-buyers", "--json");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    @DisplayName("generate writes a deterministic history; --json reports it")
    void generate() throws IOException {
        Path a = dir.resolve("a.ndjson");
        Path b = dir.resolve("b.ndjson");
        Run r = run("generate", "--out", a.toString(), "--visitors", "200", "--days", "30", "--seed", "9", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("events").asLong()).isEqualTo(Files.readAllLines(a).size());
        run("generate", "--out", b.toString(), "--visitors", "200", "--days", "30", "--seed", "9");
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(run("generate").code()).isEqualTo(Main.USAGE);
        assertThat(run("generate", "--out", a.toString(), "--visitors", "0").code()).isEqualTo(Main.USAGE);
    }

    @Test
    @DisplayName("help prints the usage with every command")
    void help() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("segments list", "import ID", "reimport GROUP_ID", "groups stale", "generate", "demo");
    }
}
