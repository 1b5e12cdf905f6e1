package dev.segmentkit.history;

import static dev.segmentkit.history.Histories.S;
import static dev.segmentkit.history.Histories.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The NDJSON reader's shortcuts (time-only first pass, shared strings) change nothing: evaluating
 * a file gives what evaluating its valid events in memory gives, whatever the key order, escapes,
 * time formats, a {@code time} key among the properties, or malformed lines (lenient mode) whose
 * time lies in the open-session window.
 */
class NdjsonEvaluationPropertyTest {

    private static final DateTimeFormatter OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();
    private static final ObjectMapper ESCAPING = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Property(tries = 150)
    void fileAndMemoryGiveTheSameMembers(@ForAll long seed, @ForAll HistoryPolicy policy)
            throws IOException {
        Random random = new Random(seed);
        List<TrackedEvent> valid = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        String[] visitors = {"a", "b", "ü", "日", "c"};
        String[] sessions = {"s1", "s2"};
        String[] names = {"page_view", "add_to_cart", "order"};
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            Instant time = random.nextBoolean()
                    ? T.minus(S).plusSeconds(random.nextInt(60 * 60) - 25 * 60)
                    : T.minusSeconds(random.nextInt(3 * 24 * 3600));
            Map<String, Value> properties = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                properties.put("revenue", Value.of(new BigDecimal(random.nextInt(100) + ".5")));
            }
            if (random.nextBoolean()) {
                properties.put("category", Value.of(random.nextBoolean() ? "shoes" : "shirts"));
            }
            TrackedEvent event = new TrackedEvent(visitors[random.nextInt(visitors.length)],
                    sessions[random.nextInt(sessions.length)], time,
                    names[random.nextInt(names.length)], properties);
            int flavour = random.nextInt(6);
            if (flavour == 5) {
                lines.add(malformed(event, random));
                continue;
            }
            valid.add(event);
            lines.add(line(event, flavour, random));
        }
        Path file = Files.createTempFile("ndjson-property", ".ndjson");
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            Map<SegmentId, SegmentDefinition> definitions = definitions();
            SegmentEvaluator evaluator = SegmentEvaluator.builder().policy(policy).build();

            Evaluation fromFile = evaluator.evaluate(
                    HistoricalData.ndjson(file, HistoricalData.ReadMode.LENIENT), T, definitions);
            Evaluation inMemory = evaluator.evaluate(HistoricalData.of("memory", valid), T,
                    definitions);

            assertThat(fromFile.members()).as(String.join("\n", lines)).isEqualTo(inMemory.members());
            assertThat(fromFile.openSessions()).isEqualTo(inMemory.openSessions());
            assertThat(fromFile.countedEvents()).isEqualTo(inMemory.countedEvents());
        } finally {
            Files.delete(file);
        }
    }

    private static Map<SegmentId, SegmentDefinition> definitions() {
        Map<SegmentId, SegmentDefinition> out = new LinkedHashMap<>();
        out.put(SegmentId.of("views"), SegmentDefinition.of(Condition.performedCount(
                EventFilter.named("page_view"), Operator.GTE, 1, TimeWindow.ever())));
        out.put(SegmentId.of("revenue"), SegmentDefinition.of(new Condition.Performed(
                EventFilter.named("order"), Aggregate.sum("revenue"), Operator.GT,
                new BigDecimal("10"), TimeWindow.last(Duration.ofHours(2)))));
        out.put(SegmentId.of("abandoned"), SegmentDefinition.of(Condition.abandoned(
                EventFilter.named("add_to_cart"), EventFilter.named("order"),
                TimeWindow.ever())));
        return out;
    }

    /** One valid line, in one of several spellings. */
    private static String line(TrackedEvent e, int flavour, Random random) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        e.properties().forEach((k, v) -> properties.put(k, v instanceof Value.Number
                ? ((Value.Number) v).number() : ((Value.Text) v).text()));
        String time = e.time().toString();
        if (flavour == 1) {
            properties.put("time", T.plusSeconds(99_999).toString()); // a second "time" key
        } else if (flavour == 2) {
            time = OFFSET.format(e.time().atOffset(ZoneOffset.UTC));
        } else if (flavour == 3) {
            time = time.replace("Z", ".000Z");
        }
        List<Map.Entry<String, Object>> fields = new ArrayList<>(List.of(
                Map.entry("visitor", e.visitor()), Map.entry("session", e.session()),
                Map.entry("time", time), Map.entry("event", e.event()),
                Map.entry("properties", properties)));
        Collections.shuffle(fields, random);
        Map<String, Object> json = new LinkedHashMap<>();
        fields.forEach(f -> json.put(f.getKey(), f.getValue()));
        return (flavour == 4 ? ESCAPING : PLAIN).writeValueAsString(json);
    }

    /** A line the lenient reader skips, with the event's time (often in the open window). */
    private static String malformed(TrackedEvent e, Random random) {
        String prefix = "{\"visitor\":\"" + e.visitor() + "\",\"session\":\"" + e.session()
                + "\",\"time\":\"" + e.time() + "\",\"event\":";
        switch (random.nextInt(3)) {
            case 0:
                return prefix + "7}";
            case 1:
                return prefix + "\"order\",\"properties\":{\"a\":{\"b\":1}}}";
            default:
                return prefix + "\"order\"} trailing";
        }
    }
}
