package dev.segmentkit.store.jdbc;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Imports a large generated group into a JDBC store and streams it back, printing the
 * throughput; run by {@link LargeImportTest} in a JVM with a small heap, and by hand to measure:
 * {@code java -Xmx128m -cp ... dev.segmentkit.store.jdbc.LargeImportMain URL SCHEMA COUNT [BATCH]}.
 * The schema must exist; the tables (prefix {@code large_}) are created and dropped again.
 */
public final class LargeImportMain {

    private LargeImportMain() {
    }

    /**
     * Runs the import.
     *
     * @param args the JDBC URL, the database schema, the member count, optionally the batch size
     */
    public static void main(String[] args) {
        String url = args[0];
        String schema = args[1];
        int count = Integer.parseInt(args[2]);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setCurrentSchema(schema);
        JdbcTargetGroupStore.Builder builder = JdbcTargetGroupStore.builder(ds).tablePrefix("large_");
        if (args.length > 3) {
            builder.batchSize(Integer.parseInt(args[3]));
        }
        JdbcTargetGroupStore store = builder.build().createSchemaIfMissing();
        TargetGroupId id = TargetGroupId.of("large");
        try {
            long started = System.nanoTime();
            store.create(GroupWrite.deferred(id, generated(count), () -> metadata(id, count)));
            long importMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("imported %d members in %d ms: %d members/s (batch size %d, max heap %d MB)%n",
                    count, importMillis, count * 1000L / Math.max(1, importMillis), store.batchSize(),
                    Runtime.getRuntime().maxMemory() >> 20);

            started = System.nanoTime();
            long read = 0;
            try (Stream<String> members = store.members(id)) {
                Iterator<String> it = members.iterator();
                while (it.hasNext()) {
                    String member = it.next();
                    if (read >= count || !member.equals(member(read))) {
                        throw new IllegalStateException("member " + (read + 1) + " is " + member);
                    }
                    read++;
                }
            }
            if (read != count) {
                throw new IllegalStateException("streamed back " + read + " members, expected " + count);
            }
            long readMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("streamed back %d members in order in %d ms: %d members/s (fetch size %d)%n",
                    read, readMillis, read * 1000L / Math.max(1, readMillis), store.fetchSize());
        } finally {
            for (String table : List.of("target_groups", "members", "import_history")) {
                TestDatabase.execute(ds, "DROP TABLE IF EXISTS large_" + table);
            }
        }
    }

    static String member(long i) {
        return "visitor-" + (1_000_000_000L + i);
    }

    private static Iterator<String> generated(int count) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public String next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return member(next++);
            }
        };
    }

    private static TargetGroup metadata(TargetGroupId id, long count) {
        Instant now = Instant.now();
        SegmentDefinition definition = SegmentDefinition.of(Condition.performedCount(EventFilter.named("order"),
                Operator.GTE, 1, TimeWindow.last(Duration.ofDays(30))));
        SegmentSnapshot snapshot = new SegmentSnapshot(SegmentId.of("large"), "Large", SegmentOrigin.CUSTOM,
                definition, "r1", definition.fingerprint(), now, now, count);
        ImportRecord record = new ImportRecord(1, ImportRecord.Kind.IMPORT, now, "r1", definition.fingerprint(),
                count, count, 0, Optional.empty());
        return new TargetGroup(id, "Large", 1, snapshot, List.of(record), now, now);
    }
}
