package dev.segmentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryGeneratorTest {

    private static final Instant AS_OF = HistoryGenerator.DEFAULT_AS_OF;

    private static byte[] generate(int visitors, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryGenerator.of(visitors, 400, seed, AS_OF).write(out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @DisplayName("the same seed gives the same bytes; another seed other bytes")
    void deterministic() throws Exception {
        assertThat(sha256(generate(2_000, 7))).isEqualTo(sha256(generate(2_000, 7)));
        assertThat(sha256(generate(2_000, 7))).isNotEqualTo(sha256(generate(2_000, 8)));
    }

    @Test
    @DisplayName("every line is a valid tracked event, none after as-of, with the well-known events and open sessions")
    void wellFormedAndRich() throws IOException {
        byte[] bytes = generate(3_000, 1);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Integer> byEvent = new HashMap<>();
        Set<String> visitors = new HashSet<>();
        Set<String> openSessions = new HashSet<>();
        int lines = 0;
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
            JsonNode e = mapper.readTree(line);
            lines++;
            Instant time = Instant.parse(e.get("time").asText());
            assertThat(time).isBeforeOrEqualTo(AS_OF).isAfter(AS_OF.minus(Duration.ofDays(400)));
            assertThat(e.get("session").asText()).isNotEmpty();
            visitors.add(e.get("visitor").asText());
            byEvent.merge(e.get("event").asText(), 1, Integer::sum);
            if (e.get("event").asText().equals("order")) {
                assertThat(e.get("properties").get("revenue").isNumber()).isTrue();
            }
            if (time.isAfter(AS_OF.minus(Duration.ofMinutes(30)))) {
                openSessions.add(e.get("visitor").asText() + "/" + e.get("session").asText());
            }
        }
        assertThat(byEvent.keySet()).containsExactlyInAnyOrder("page_view", "product_view", "add_to_cart", "order");
        assertThat(visitors).hasSize(3_000);
        assertThat(openSessions).isNotEmpty();
        assertThat(lines).isGreaterThan(3_000 * 5);
    }

    @Test
    @DisplayName("a .gz file is gzip-compressed and holds the same events")
    void gzip(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("h.ndjson");
        Path gz = dir.resolve("h.ndjson.gz");
        HistoryGenerator g = HistoryGenerator.of(500, 30, 3, AS_OF);
        long n = g.write(plain);
        assertThat(g.write(gz)).isEqualTo(n);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
        }
        assertThat(Files.readAllLines(plain)).hasSize((int) n);
    }

    @Test
    @DisplayName("bad settings are refused with the value")
    void validation() {
        assertThatThrownBy(() -> HistoryGenerator.of(0, 10, 1, AS_OF))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("visitors must be at least 1, got 0");
        assertThatThrownBy(() -> HistoryGenerator.of(1, 0, 1, AS_OF))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("days must be at least 1, got 0");
        assertThatThrownBy(() -> HistoryGenerator.of(1, 1, 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("asOf");
        assertThat(List.of(HistoryGenerator.of(1, 3, 1, AS_OF).span())).containsExactly(Duration.ofDays(3));
    }
}
