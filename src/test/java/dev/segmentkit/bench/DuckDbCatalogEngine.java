package dev.segmentkit.bench;

import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.sql.CompiledQuery;
import dev.segmentkit.sql.EventsTable;
import dev.segmentkit.sql.SegmentSqlCompiler;
import dev.segmentkit.sql.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog benchmark's reference engine: embedded DuckDB loads the same NDJSON file with
 * {@code read_json} (the line number goes into an ordering column, so attribute ties break as in
 * the JVM) and runs the SQL compiler's query of every definition. Loading the file is timed, as
 * segmentkit's reading of it is.
 */
public final class DuckDbCatalogEngine implements CatalogEngine {

    /** Creates the engine (found by {@link java.util.ServiceLoader}). */
    public DuckDbCatalogEngine() {
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public Map<SegmentId, List<String>> evaluate(Task task) throws Exception {
        Map<SegmentId, List<String>> out = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = connection.createStatement()) {
                String file = task.history().toAbsolutePath().toString().replace("'", "''");
                s.execute("CREATE TABLE events AS SELECT *, row_number() OVER () AS line FROM read_json('"
                        + file + "', format = 'newline_delimited', columns = {visitor: 'VARCHAR', "
                        + "session: 'VARCHAR', time: 'TIMESTAMPTZ', event: 'VARCHAR', properties: 'JSON'})");
            }
            SegmentSqlCompiler compiler = SegmentSqlCompiler.builder(SqlDialect.duckdb(),
                    EventsTable.builder("events").orderColumn("line").build())
                    .sessionTimeout(task.sessionTimeout())
                    .policy(task.policy())
                    .scoring(task.scoring())
                    .build();
            for (Map.Entry<SegmentId, SegmentDefinition> e : task.definitions().entrySet()) {
                CompiledQuery query = compiler.compile(e.getValue(), task.asOf());
                List<String> members = new ArrayList<>();
                try (PreparedStatement ps = connection.prepareStatement(query.sql())) {
                    query.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            members.add(rs.getString(1));
                        }
                    }
                }
                out.put(e.getKey(), members);
            }
        }
        return out;
    }
}
