package dev.segmentkit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.segmentkit.segment.Value;
import dev.segmentkit.spi.InvalidDataException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NdjsonHistoryTest {

    private static final String GOOD =
            "{\"visitor\":\"v1\",\"session\":\"s9\",\"time\":\"2026-11-30T10:15:00Z\","
            + "\"event\":\"order\",\"properties\":{\"revenue\":59.9,\"category\":\"shoes\","
            + "\"gift\":true}}";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private Path gzip(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static List<TrackedEvent> readAll(HistoricalData data) {
        List<TrackedEvent> events = new ArrayList<>();
        data.read(events::add, ReadProgress.none());
        return events;
    }

    @Test
    void readsEveryFieldAndPropertyType() throws IOException {
        List<TrackedEvent> events = readAll(HistoricalData.ndjson(write("h.ndjson", GOOD)));

        assertThat(events).containsExactly(new TrackedEvent("v1", "s9",
                Instant.parse("2026-11-30T10:15:00Z"), "order",
                Map.of("revenue", Value.of(new BigDecimal("59.9")),
                        "category", Value.of("shoes"), "gift", Value.of(true))));
    }

    @Test
    void propertiesAreOptionalAndUnknownFieldsAndBlankLinesAreIgnored() throws IOException {
        Path file = write("h.ndjson",
                "{\"id\":{\"x\":[1,2]},\"visitor\":\"v1\",\"session\":\"s\",\"time\":"
                        + "\"2026-11-30T10:15:00Z\",\"event\":\"page_view\"}",
                "",
                "   \r",
                GOOD);

        ReadReport report = HistoricalData.ndjson(file).read(e -> { }, ReadProgress.none());

        assertThat(readAll(HistoricalData.ndjson(file))).extracting(TrackedEvent::event)
                .containsExactly("page_view", "order");
        assertThat(report.lines()).isEqualTo(4);
        assertThat(report.events()).isEqualTo(2);
        assertThat(report.skippedLines()).isZero();
    }

    @Test
    void canBeReadTwiceWithTheSameResult() throws IOException {
        HistoricalData data = HistoricalData.ndjson(write("h.ndjson", GOOD, GOOD.replace("v1", "v2")));

        assertThat(readAll(data)).hasSize(2).isEqualTo(readAll(data));
    }

    @Test
    void readsGzipByFileNameAndByMagicBytes() throws IOException {
        Path named = gzip("h.ndjson.gz", GOOD);
        Path unnamed = gzip("h.ndjson", GOOD);

        assertThat(readAll(HistoricalData.ndjson(named))).extracting(TrackedEvent::visitor)
                .containsExactly("v1");
        assertThat(readAll(HistoricalData.ndjson(unnamed))).extracting(TrackedEvent::visitor)
                .containsExactly("v1");
    }

    @Test
    void readsUnicodeIdsAndAUtf8ByteOrderMark() throws IOException {
        Path file = dir.resolve("u.ndjson");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = GOOD.replace("\"v1\"", "\"zoë-日本-🙂\"").replace("\"s9\"", "\"séance\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(bom, bom.length + text.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        Files.write(file, all);

        TrackedEvent event = readAll(HistoricalData.ndjson(file)).get(0);

        assertThat(event.visitor()).isEqualTo("zoë-日本-🙂");
        assertThat(event.session()).isEqualTo("séance");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing visitor | {'session':'s','time':'2026-11-30T10:15:00Z','event':'e'} | visitor | required field is missing",
        "empty session | {'visitor':'v','session':'','time':'2026-11-30T10:15:00Z','event':'e'} | session | must not be empty",
        "numeric event | {'visitor':'v','session':'s','time':'2026-11-30T10:15:00Z','event':7} | event | must be a string",
        "bad time | {'visitor':'v','session':'s','time':'yesterday','event':'e'} | time | not an ISO-8601 instant",
        "nested property | {'visitor':'v','session':'s','time':'2026-11-30T10:15:00Z','event':'e','properties':{'a':{'b':1}}} | properties.a | string, number or boolean",
        "null property | {'visitor':'v','session':'s','time':'2026-11-30T10:15:00Z','event':'e','properties':{'a':null}} | properties.a | string, number or boolean",
        "properties array | {'visitor':'v','session':'s','time':'2026-11-30T10:15:00Z','event':'e','properties':[]} | properties | must be an object",
        "control char in visitor | {'visitor':'v\\u0001','session':'s','time':'2026-11-30T10:15:00Z','event':'e'} | visitor | control character",
        "duplicate field | {'visitor':'v','visitor':'w','session':'s','time':'2026-11-30T10:15:00Z','event':'e'} | visitor | Duplicate field",
    })
    void strictModeFailsOnTheFirstMalformedLineNamingFileLineAndField(String label, String json,
            String field, String problem) throws IOException {
        Path file = write("h.ndjson", GOOD, GOOD, json.replace('\'', '"'), "not json at all");

        assertThatThrownBy(() -> readAll(HistoricalData.ndjson(file)))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.location()).contains(file.toString());
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.field()).contains(field);
                    assertThat(e.getMessage()).contains(problem).contains(file + ":3");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json | hello",
        "array | [1,2]",
        "truncated | {'visitor':'v'",
        "trailing | {'visitor':'v','session':'s','time':'2026-11-30T10:15:00Z','event':'e'} {}",
    })
    void strictModeRejectsLinesThatAreNotOneJsonObject(String label, String json)
            throws IOException {
        Path file = write("h.ndjson", GOOD, json.replace('\'', '"'));

        assertThatThrownBy(() -> readAll(HistoricalData.ndjson(file)))
                .isInstanceOfSatisfying(InvalidDataException.class,
                        e -> assertThat(e.line()).hasValue(2));
    }

    @Test
    void strictModeRejectsInvalidUtf8WithItsLine() throws IOException {
        Path file = dir.resolve("h.ndjson");
        byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = GOOD.replace("v1", "v\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(file, all);

        assertThatThrownBy(() -> readAll(HistoricalData.ndjson(file)))
                .isInstanceOfSatisfying(InvalidDataException.class,
                        e -> assertThat(e.line()).hasValue(2));
    }

    @Test
    void lenientModeSkipsCountsAndListsTheFirstBadLines() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(GOOD);
        for (int i = 0; i < 12; i++) {
            lines.add("{broken " + i);
            lines.add(GOOD.replace("v1", "v" + (i + 2)));
        }
        Path file = write("h.ndjson", lines.toArray(String[]::new));
        List<TrackedEvent> events = new ArrayList<>();

        ReadReport report = HistoricalData.ndjson(file, HistoricalData.ReadMode.LENIENT)
                .read(events::add, ReadProgress.none());

        assertThat(events).hasSize(13);
        assertThat(report.skippedLines()).isEqualTo(12);
        assertThat(report.firstSkippedLines())
                .containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L);
        assertThat(report.lines()).isEqualTo(25);
    }

    @Test
    void truncatedGzipFailsEvenWhenLenient() throws IOException {
        String[] lines = new String[2000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = GOOD.replace("v1", "v" + i);
        }
        Path full = gzip("full.ndjson.gz", lines);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.ndjson.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> readAll(HistoricalData.ndjson(cut, HistoricalData.ReadMode.LENIENT)))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> {
                    assertThat(e.getMessage()).contains("gzip");
                    assertThat(e.line()).isPresent();
                });
    }

    @Test
    void reportsProgressInLinesAndBytesEndingAtTheFileSize() throws IOException {
        String[] lines = new String[40_000];
        Arrays.fill(lines, GOOD);
        Path file = write("h.ndjson", lines);
        List<long[]> reports = new ArrayList<>();

        HistoricalData.ndjson(file).read(e -> { }, (l, b) -> reports.add(new long[] {l, b}));

        assertThat(reports).hasSizeGreaterThan(1);
        assertThat(reports.get(reports.size() - 1)).containsExactly(40_000L, Files.size(file));
        assertThat(HistoricalData.ndjson(file).sizeInBytes()).hasValue(Files.size(file));
    }
}
