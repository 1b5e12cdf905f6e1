package dev.segmentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segments show ID --sql}: prints the compiled query instead of evaluating. */
class CliSqlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path history;

    @TempDir
    Path dir;

    @BeforeAll
    static void history() {
        history = shared.resolve("history.ndjson");
        HistoryGenerator.of(100, 30, 7, HistoryGenerator.DEFAULT_AS_OF).write(history);
    }

    record Run(int code, String out, String err) {
    }

    Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(argv));
        all.addAll(List.of("--events", history.toString(), "--as-of", "2026-12-01T00:00:00Z",
                "--store", dir.resolve("data").toString()));
        int code = Main.run(all.toArray(new String[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    @DisplayName("--sql prints the PostgreSQL query with its parameters as comments, and no members")
    void postgresqlByDefault() {
        Run r = run("segments", "show", "top-buyers", "--sql", "--session-timeout", "PT45M");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("WITH sk_e AS (")
                .contains("jsonb", "ORDER BY sk_pop.sk_visitor COLLATE \"C\"",
                        "-- $1 timestamptz = 2026-12-01T00:00:00Z",
                        "-- $2 timestamptz = 2026-11-30T23:15:00Z", "text = 'order'")
                .doesNotContain("members:");
        String sql = r.out().substring(0, r.out().indexOf("\n-- $1"));
        long comments = r.out().lines().filter(l -> l.startsWith("-- $")).count();
        assertThat(placeholders(sql)).isEqualTo(comments).isPositive();
    }

    @Test
    @DisplayName("--sql --dialect duckdb --json prints id, dialect, table, asOf, sql and typed parameters")
    void duckdbJson() throws IOException {
        Run r = run("segments", "show", "recent-cart-abandoners", "--sql", "--dialect", "duckdb",
                "--table", "shop.events", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("id").asText()).isEqualTo("recent-cart-abandoners");
        assertThat(json.get("dialect").asText()).isEqualTo("duckdb");
        assertThat(json.get("table").asText()).isEqualTo("shop.events");
        assertThat(json.get("asOf").asText()).isEqualTo("2026-12-01T00:00:00Z");
        String sql = json.get("sql").asText();
        assertThat(sql).contains("FROM \"shop\".\"events\"", "COLLATE \"binary\"");
        assertThat(json.get("parameters")).hasSize((int) placeholders(sql));
        assertThat(json.get("parameters").get(0).get("type").asText()).isEqualTo("TIMESTAMPTZ");
        assertThat(json.findValuesAsText("value")).contains("add_to_cart", "order",
                "2026-11-24T00:00:00Z");
    }

    @Test
    @DisplayName("--quiet --sql prints the query alone")
    void quiet() {
        Run r = run("segments", "show", "big-spenders", "--sql", "--quiet");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("WITH").doesNotContain("-- $");
    }

    @Test
    @DisplayName("an unknown dialect, a bad table name, or --dialect without --sql are usage errors")
    void usageErrors() {
        Run unknown = run("segments", "show", "top-buyers", "--sql", "--dialect", "oracle");
        Run badTable = run("segments", "show", "top-buyers", "--sql", "--table", "events;drop");
        Run withoutSql = run("segments", "show", "top-buyers", "--dialect", "duckdb");

        assertThat(unknown.code()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("postgresql or duckdb", "oracle");
        assertThat(badTable.code()).isEqualTo(Main.USAGE);
        assertThat(badTable.err()).contains("events;drop");
        assertThat(withoutSql.code()).isEqualTo(Main.USAGE);
        assertThat(withoutSql.err()).contains("--dialect needs --sql");
    }

    @Test
    @DisplayName("an unknown segment exits 3 with --sql too")
    void notFound() {
        Run r = run("segments", "show", "no-such-segment", "--sql");

        assertThat(r.code()).isEqualTo(Main.NOT_FOUND);
    }
}
