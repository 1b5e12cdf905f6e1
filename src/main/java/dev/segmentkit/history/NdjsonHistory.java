package dev.segmentkit.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
import java.util.Arrays;
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
        return read(sink, progress, null, null);
    }

    /**
     * Reads for the evaluator's first pass: hands to the sink the events whose time lies in
     * {@code (after, until]}, and of every other line decodes only the time. A line whose time
     * cannot be found that way is decoded fully, so malformed lines are reported (strict) or
     * skipped (lenient) as by {@link #read}; the lines outside the window are validated fully by
     * the second pass. The report counts as events the lines not found malformed.
     */
    ReadReport readWindow(Instant after, Instant until, Consumer<? super TrackedEvent> sink,
            ReadProgress progress) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(until, "until");
        return read(sink, progress, after, until);
    }

    private ReadReport read(Consumer<? super TrackedEvent> sink, ReadProgress progress,
            Instant after, Instant until) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(progress, "progress");
        long lineNo = 0;
        long events = 0;
        long skipped = 0;
        List<Long> firstSkipped = new ArrayList<>();
        Decoder decoder = new Decoder();
        try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
                InputStream decoded = open(counting)) { // closing it frees a gzip inflater now
            LineReader lines = new LineReader(decoded);
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
                if (after != null && !lines.tooLong) {
                    Instant time = decoder.timeOnly(lines);
                    if (time != null && !(time.isAfter(after) && !time.isAfter(until))) {
                        events++;
                        continue;
                    }
                }
                TrackedEvent event;
                try {
                    event = parse(decoder, lines, lineNo);
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

    private TrackedEvent parse(Decoder decoder, LineReader line, long lineNo) {
        if (line.tooLong) {
            throw new InvalidDataException("line is longer than " + MAX_LINE_BYTES + " bytes",
                    name, lineNo, 0, null, null);
        }
        try (JsonParser p = JSON.createParser(line.data, line.offset, line.length)) {
            return decoder.parse(p, lineNo);
        } catch (IOException e) {
            throw new InvalidDataException("malformed JSON: " + e.getMessage(), name, lineNo, 0,
                    null, e);
        }
    }

    private static boolean same(String known, char[] chars, int offset, int length) {
        if (known == null || known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes lines into events for one read, sharing what repeats between lines: the previous
     * line's visitor and session ids (files are mostly grouped by visitor), event names and short
     * text property values. Not thread-safe; one per read.
     */
    private final class Decoder {
        private static final int VISITOR = 1;
        private static final int SESSION = 2;
        private static final int EVENT = 4;
        private static final int TIME = 8;
        private static final int PROPERTIES = 16;

        private final TextCache names = new TextCache();
        private final TextCache texts = new TextCache();
        private final List<String> unknown = new ArrayList<>();
        private String lastVisitor;
        private String lastSession;
        private String[] keys = new String[8];
        private Value[] values = new Value[8];

        private final char[] stamp = new char[32];

        /**
         * Returns the line's top-level time, or null when it cannot be found cheaply. First
         * without a JSON parser: in a line without backslashes (so without escapes) every quote
         * delimits a string, so a single {@code "time"} followed by a colon is a key; in a valid
         * line that is the top-level key, which is required. (In an invalid line it may be
         * another; the caller only skips lines by their time, and a full read rejects an invalid
         * line whatever it held.) Otherwise with the streaming parser, skipping all but the
         * time.
         */
        Instant timeOnly(LineReader line) {
            byte[] d = line.data;
            int end = line.offset + line.length;
            int key = -1;
            for (int i = line.offset; i < end; i++) {
                byte b = d[i];
                if (b == '\\') {
                    key = -2;
                    break;
                }
                if (b == '"' && i + 5 < end && d[i + 1] == 't' && d[i + 2] == 'i'
                        && d[i + 3] == 'm' && d[i + 4] == 'e' && d[i + 5] == '"') {
                    if (key != -1) {
                        key = -2;
                        break;
                    }
                    key = i;
                }
            }
            if (key >= 0) {
                Instant time = timeAfterKey(d, key + 6, end);
                if (time != null) {
                    return time;
                }
            }
            return timeOnlyParsed(line);
        }

        private Instant timeAfterKey(byte[] d, int i, int end) {
            while (i < end && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r')) {
                i++;
            }
            if (i >= end || d[i++] != ':') {
                return null;
            }
            while (i < end && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r')) {
                i++;
            }
            if (i >= end || d[i++] != '"') {
                return null;
            }
            int n = 0;
            while (i < end && d[i] != '"') {
                if (n == stamp.length || d[i] < 0) {
                    return null;
                }
                stamp[n++] = (char) d[i++];
            }
            return i < end ? IsoInstants.parse(stamp, 0, n) : null;
        }

        private Instant timeOnlyParsed(LineReader line) {
            try (JsonParser p = JSON.createParser(line.data, line.offset, line.length)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                Instant time = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    boolean isTime = "time".equals(p.currentName());
                    JsonToken token = p.nextToken();
                    if (isTime) {
                        if (time != null || token != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        time = IsoInstants.parse(p.getTextCharacters(), p.getTextOffset(),
                                p.getTextLength());
                        if (time == null) {
                            return null;
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null
                        ? time : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        TrackedEvent parse(JsonParser p, long lineNo) throws IOException {
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
                int seen = 0;
                unknown.clear();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                    JsonToken token = p.nextToken();
                    int bit = bit(field);
                    if (bit != 0 ? (seen & bit) != 0 : unknown.contains(field)) {
                        throw bad("Duplicate field '" + field + "'", lineNo, p, field);
                    }
                    seen |= bit;
                    switch (bit) {
                        case VISITOR:
                            visitor = visitor(p, token, lineNo, field);
                            break;
                        case SESSION:
                            requireText(p, token, lineNo, field);
                            if (same(lastSession, p.getTextCharacters(), p.getTextOffset(),
                                    p.getTextLength())) {
                                session = lastSession;
                            } else {
                                session = p.getText();
                                lastSession = session;
                            }
                            break;
                        case EVENT:
                            requireText(p, token, lineNo, field);
                            event = names.string(p.getTextCharacters(), p.getTextOffset(),
                                    p.getTextLength());
                            break;
                        case TIME:
                            requireText(p, token, lineNo, field);
                            time = IsoInstants.parse(p.getTextCharacters(), p.getTextOffset(),
                                    p.getTextLength());
                            if (time == null) {
                                String stamp = p.getText();
                                try {
                                    time = Instant.parse(stamp);
                                } catch (DateTimeParseException e) {
                                    throw bad("not an ISO-8601 instant: '" + stamp + "'", lineNo,
                                            p, field);
                                }
                            }
                            break;
                        case PROPERTIES:
                            properties = properties(p, token, lineNo);
                            break;
                        default:
                            unknown.add(field);
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

        private int bit(String field) {
            switch (field) {
                case "visitor":
                    return VISITOR;
                case "session":
                    return SESSION;
                case "event":
                    return EVENT;
                case "time":
                    return TIME;
                case "properties":
                    return PROPERTIES;
                default:
                    return 0;
            }
        }

        private String visitor(JsonParser p, JsonToken token, long lineNo, String field)
                throws IOException {
            requireText(p, token, lineNo, field);
            if (same(lastVisitor, p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                return lastVisitor;
            }
            String visitor = p.getText();
            String problem = MemberIds.problem(visitor);
            if (problem != null) {
                throw bad("visitor id is not a valid member id: " + problem, lineNo, p, field);
            }
            lastVisitor = visitor;
            return visitor;
        }

        private Map<String, Value> properties(JsonParser p, JsonToken token, long lineNo)
                throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw bad("properties must be an object", lineNo, p, "properties");
            }
            int n = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                Value value;
                switch (t) {
                    case VALUE_STRING:
                        value = texts.value(p.getTextCharacters(), p.getTextOffset(),
                                p.getTextLength());
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        BigDecimal number = p.getDecimalValue();
                        if (Math.abs((long) number.scale()) > MAX_NUMBER_DIGITS
                                || number.precision() > MAX_NUMBER_DIGITS) {
                            throw bad("number out of range: " + p.getText(), lineNo, p,
                                    "properties." + key);
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
                                + t.asString(), lineNo, p, "properties." + key);
                }
                for (int i = 0; i < n; i++) {
                    if (keys[i].equals(key)) {
                        throw bad("Duplicate field '" + key + "'", lineNo, p,
                                "properties." + key);
                    }
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    values = Arrays.copyOf(values, n * 2);
                }
                keys[n] = key;
                values[n] = value;
                n++;
            }
            return immutableMap(n);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Value> immutableMap(int n) {
            switch (n) {
                case 0:
                    return Map.of();
                case 1:
                    return Map.of(keys[0], values[0]);
                case 2:
                    return Map.of(keys[0], values[0], keys[1], values[1]);
                case 3:
                    return Map.of(keys[0], values[0], keys[1], values[1], keys[2], values[2]);
                default:
                    Map.Entry<String, Value>[] entries = new Map.Entry[n];
                    for (int i = 0; i < n; i++) {
                        entries[i] = Map.entry(keys[i], values[i]);
                    }
                    return Map.ofEntries(entries);
            }
        }

        private void requireText(JsonParser p, JsonToken token, long lineNo, String field)
                throws IOException {
            if (token != JsonToken.VALUE_STRING) {
                throw bad("must be a string", lineNo, p, field);
            }
            if (p.getTextLength() == 0) {
                throw bad("must not be empty", lineNo, p, field);
            }
        }
    }

    /**
     * Shares the strings (and text values) of short, repeating texts such as event names and
     * categories: an open-addressing table that stops growing when half full, after which texts
     * not in it are created anew. Not thread-safe.
     */
    private static final class TextCache {
        private static final int SIZE = 1024;
        private static final int MAX_LENGTH = 48;
        private final String[] strings = new String[SIZE];
        private final Value[] values = new Value[SIZE];
        private int count;

        String string(char[] chars, int offset, int length) {
            int i = slot(chars, offset, length);
            if (i < 0) {
                return new String(chars, offset, length);
            }
            if (strings[i] == null) {
                strings[i] = new String(chars, offset, length);
                count++;
            }
            return strings[i];
        }

        Value value(char[] chars, int offset, int length) {
            int i = slot(chars, offset, length);
            if (i < 0) {
                return Value.of(new String(chars, offset, length));
            }
            if (strings[i] == null) {
                strings[i] = new String(chars, offset, length);
                count++;
            }
            if (values[i] == null) {
                values[i] = Value.of(strings[i]);
            }
            return values[i];
        }

        /** The slot holding the text, or a free slot for it, or -1 when it is not cached. */
        private int slot(char[] chars, int offset, int length) {
            if (length > MAX_LENGTH) {
                return -1;
            }
            int h = 0;
            for (int k = 0; k < length; k++) {
                h = 31 * h + chars[offset + k];
            }
            h *= 0x9E3779B9;
            int i = (h ^ (h >>> 16)) & (SIZE - 1);
            while (strings[i] != null) {
                if (same(strings[i], chars, offset, length)) {
                    return i;
                }
                i = (i + 1) & (SIZE - 1);
            }
            return count < SIZE / 2 ? i : -1;
        }
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

    /**
     * Splits a byte stream at '\n'. A line that lies within the read buffer is handed out in
     * place ({@link #data} is the buffer); one that spans two reads is copied into a reused line
     * buffer, which stops growing at the limit.
     */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[BUFFER];
        private int pos;
        private int limit;
        private byte[] bytes = new byte[4096];
        /** The array holding the current line, from {@link #offset}, {@link #length} bytes. */
        byte[] data = bytes;
        int offset;
        int length;
        boolean tooLong;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            tooLong = false;
            int start = pos;
            int end = start;
            while (end < limit && chunk[end] != '\n') {
                end++;
            }
            if (end < limit) {
                data = chunk;
                offset = start;
                length = end - start;
                pos = end + 1;
                if (length > MAX_LINE_BYTES) {
                    tooLong = true;
                }
                return true;
            }
            data = bytes;
            offset = 0;
            length = 0;
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
                start = pos;
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
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
                data = bytes;
            }
            System.arraycopy(chunk, start, bytes, length, n);
            length += n;
        }

        boolean isBlank() {
            if (tooLong) {
                return false;
            }
            for (int i = offset; i < offset + length; i++) {
                byte b = data[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
