package dev.segmentkit.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.segmentkit.segment.Value;
import dev.segmentkit.spi.InvalidDataException;
import dev.segmentkit.spi.MemberIds;
import dev.segmentkit.spi.SourceUnavailableException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An NDJSON history file, read line by line with Jackson's streaming parser (no tree, no object
 * kept per line). Immutable and thread-safe; every read opens the file anew.
 */
final class NdjsonHistory implements HistoricalData {

    private static final Logger LOG = LoggerFactory.getLogger(NdjsonHistory.class);

    /** Lines longer than this are malformed (and never buffered beyond it). */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** Numbers with more digits, or a larger exponent, are malformed (sums stay exact and small). */
    static final int MAX_NUMBER_DIGITS = 100;

    private static final int PROGRESS_EVERY = 1 << 14;
    private static final int BUFFER = 1 << 16;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxStringLength(MAX_LINE_BYTES)
                    .build())
            .build();

    private final Path file;
    private final HistoricalData.ReadMode mode;
    private final String name;

    NdjsonHistory(Path file, HistoricalData.ReadMode mode) {
        this.file = Objects.requireNonNull(file, "file");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.name = file.toString();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong sizeInBytes() {
        try {
            return OptionalLong.of(Files.size(file));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public ReadReport read(Consumer<? super TrackedEvent> sink, ReadProgress progress) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(progress, "progress");
        long lineNo = 0;
        long events = 0;
        long skipped = 0;
        List<Long> firstSkipped = new ArrayList<>();
        try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(file))) {
            LineReader lines = new LineReader(open(counting));
            while (true) {
                boolean more;
                try {
                    more = lines.next();
                } catch (ZipException | EOFException e) {
                    throw new InvalidDataException("corrupt or truncated gzip data: "
                            + e.getMessage(), name, lineNo + 1, 0, null, e);
                }
                if (!more) {
                    break;
                }
                lineNo++;
                if (lineNo % PROGRESS_EVERY == 0) {
                    progress.progress(lineNo, counting.count);
                }
                if (lines.isBlank()) {
                    continue;
                }
                TrackedEvent event;
                try {
                    event = parse(lines, lineNo);
                } catch (InvalidDataException e) {
                    if (mode == HistoricalData.ReadMode.STRICT) {
                        throw e;
                    }
                    skipped++;
                    if (firstSkipped.size() < ReadReport.MAX_LISTED_LINES) {
                        firstSkipped.add(lineNo);
                    }
                    LOG.debug("skipping malformed line: {}", e.getMessage());
                    continue;
                }
                events++;
                sink.accept(event);
            }
            progress.progress(lineNo, counting.count);
            if (skipped > 0) {
                LOG.warn("{}: skipped {} malformed line(s), first: {}", name, skipped,
                        firstSkipped);
            }
            return new ReadReport(name, lineNo, counting.count, events, skipped, firstSkipped);
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot read history file " + name + ": " + e,
                    e);
        }
    }

    private InputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean magic = b1 == 0x1f && b2 == 0x8b;
        if (magic || name.endsWith(".gz")) {
            try {
                return new GZIPInputStream(in, BUFFER);
            } catch (ZipException | EOFException e) {
                throw new InvalidDataException("not gzip data: " + e.getMessage(), name, 0, 0,
                        null, e);
            }
        }
        return in;
    }

    private TrackedEvent parse(LineReader line, long lineNo) {
        if (line.tooLong) {
            throw new InvalidDataException("line is longer than " + MAX_LINE_BYTES + " bytes",
                    name, lineNo, 0, null, null);
        }
        try (JsonParser p = JSON.createParser(line.bytes, 0, line.length)) {
            return parse(p, lineNo);
        } catch (IOException e) {
            throw new InvalidDataException("malformed JSON: " + e.getMessage(), name, lineNo, 0,
                    null, e);
        }
    }

    private TrackedEvent parse(JsonParser p, long lineNo) throws IOException {
        String field = null;
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("line is not a JSON object", lineNo, p, null);
            }
            String visitor = null;
            String session = null;
            String event = null;
            Instant time = null;
            Map<String, Value> properties = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "visitor":
                        visitor = text(p, token, lineNo, field);
                        String problem = MemberIds.problem(visitor);
                        if (problem != null) {
                            throw bad("visitor id is not a valid member id: " + problem, lineNo,
                                    p, field);
                        }
                        break;
                    case "session":
                        session = text(p, token, lineNo, field);
                        break;
                    case "event":
                        event = text(p, token, lineNo, field);
                        break;
                    case "time":
                        String stamp = text(p, token, lineNo, field);
                        try {
                            time = Instant.parse(stamp);
                        } catch (DateTimeParseException e) {
                            throw bad("not an ISO-8601 instant: '" + stamp + "'", lineNo, p,
                                    field);
                        }
                        break;
                    case "properties":
                        properties = properties(p, token, lineNo);
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
                field = null;
            }
            if (p.nextToken() != null) {
                throw bad("unexpected content after the JSON object", lineNo, p, null);
            }
            requirePresent(visitor, "visitor", lineNo);
            requirePresent(session, "session", lineNo);
            requirePresent(time, "time", lineNo);
            requirePresent(event, "event", lineNo);
            return new TrackedEvent(visitor, session, time, event, properties);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidDataException("malformed JSON: " + e.getOriginalMessage(), name,
                    lineNo, at == null ? 0 : Math.max(0, at.getColumnNr()),
                    field != null ? field : p.currentName(), e);
        }
    }

    private Map<String, Value> properties(JsonParser p, JsonToken token, long lineNo)
            throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw bad("properties must be an object", lineNo, p, "properties");
        }
        Map<String, Value> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String field = "properties." + key;
            JsonToken t = p.nextToken();
            Value value;
            switch (t) {
                case VALUE_STRING:
                    value = Value.of(p.getText());
                    break;
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    BigDecimal number = p.getDecimalValue();
                    if (Math.abs((long) number.scale()) > MAX_NUMBER_DIGITS
                            || number.precision() > MAX_NUMBER_DIGITS) {
                        throw bad("number out of range: " + p.getText(), lineNo, p, field);
                    }
                    value = Value.of(number);
                    break;
                case VALUE_TRUE:
                    value = Value.of(true);
                    break;
                case VALUE_FALSE:
                    value = Value.of(false);
                    break;
                default:
                    throw bad("a property value must be a string, number or boolean, got "
                            + t.asString(), lineNo, p, field);
            }
            out.put(key, value);
        }
        return out;
    }

    private String text(JsonParser p, JsonToken token, long lineNo, String field)
            throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw bad("must be a string", lineNo, p, field);
        }
        String text = p.getText();
        if (text.isEmpty()) {
            throw bad("must not be empty", lineNo, p, field);
        }
        return text;
    }

    private void requirePresent(Object value, String field, long lineNo) {
        if (value == null) {
            throw new InvalidDataException("required field is missing", name, lineNo, 0, field,
                    null);
        }
    }

    private InvalidDataException bad(String problem, long lineNo, JsonParser p, String field) {
        long column = Math.max(0, p.currentTokenLocation().getColumnNr());
        return new InvalidDataException(problem, name, lineNo, column, field, null);
    }

    @Override
    public String toString() {
        return "HistoricalData[" + name + ", " + mode + "]";
    }

    /** Counts the bytes read from the file (compressed bytes for gzip files). */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** Splits a byte stream at '\n' into a reused buffer; stops buffering a line at the limit. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[BUFFER];
        private int pos;
        private int limit;
        byte[] bytes = new byte[4096];
        int length;
        boolean tooLong;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    int n = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    limit = Math.max(n, 0);
                    if (n <= 0) {
                        return any;
                    }
                }
                any = true;
                int start = pos;
                while (pos < limit && chunk[pos] != '\n') {
                    pos++;
                }
                append(start, pos - start);
                if (pos < limit) {
                    pos++;
                    return true;
                }
            }
        }

        private void append(int start, int n) {
            if (tooLong || n == 0) {
                return;
            }
            if (length + n > MAX_LINE_BYTES) {
                tooLong = true;
                return;
            }
            if (length + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            System.arraycopy(chunk, start, bytes, length, n);
            length += n;
        }

        boolean isBlank() {
            if (tooLong) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
