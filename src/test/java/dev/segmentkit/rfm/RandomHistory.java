package dev.segmentkit.rfm;

import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates random tracked histories from a seed, with many ties: times on a coarse grid,
 * revenues from a small set (also absent and non-numeric), session ids shared between visitors,
 * events before the lookbacks, in open sessions and after as-of.
 */
public final class RandomHistory {

    /** The as-of instant the histories are built around. */
    public static final Instant AS_OF = Instant.parse("2026-12-01T12:00:00Z");

    private static final String[] EVENTS = {"page_view", "page_view", "product_view",
        "add_to_cart", "order", "order"};
    private static final Value[] REVENUES = {null, Value.of("n/a"), Value.of(0),
        Value.of(new BigDecimal("10")), Value.of(new BigDecimal("10.00")),
        Value.of(new BigDecimal("0.1")), Value.of(new BigDecimal("0.2")),
        Value.of(new BigDecimal("0.3")), Value.of(new BigDecimal("19.99")),
        Value.of(new BigDecimal("250")), Value.of(true)};

    private RandomHistory() {
    }

    /** Returns a history of up to {@code visitors} visitors, in a shuffled order. */
    public static List<TrackedEvent> generate(long seed, int visitors) {
        Random random = new Random(seed);
        List<TrackedEvent> out = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            String visitor = "v" + v;
            int sessions = 1 + random.nextInt(random.nextInt(4) == 0 ? 12 : 3);
            for (int s = 0; s < sessions; s++) {
                String session = "s" + random.nextInt(6);
                // days back on a coarse grid: -2 .. 420, plus a few hours for some
                long minutesBack = Duration.ofDays(random.nextInt(423) - 2).toMinutes();
                if (random.nextInt(3) == 0) {
                    minutesBack += 60L * random.nextInt(24);
                }
                if (random.nextInt(10) == 0) {
                    minutesBack = random.nextInt(60); // close to as-of: open or just closed
                }
                int events = 1 + random.nextInt(5);
                for (int e = 0; e < events; e++) {
                    String name = EVENTS[random.nextInt(EVENTS.length)];
                    Instant time = AS_OF.minus(Duration.ofMinutes(
                            minutesBack - 10L * random.nextInt(3)));
                    Map<String, Value> props = Map.of();
                    if (name.equals("order")) {
                        Value revenue = REVENUES[random.nextInt(REVENUES.length)];
                        props = revenue == null ? Map.of() : Map.of("revenue", revenue);
                    }
                    out.add(new TrackedEvent(visitor, session, time, name, props));
                }
            }
        }
        java.util.Collections.shuffle(out, random);
        return out;
    }
}
