package dev.segmentkit.history;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Tracked data that can be read from the start any number of times: a history file, or a list
 * of events held in memory. The evaluator reads it twice per evaluation (once to find the open
 * sessions, once to evaluate), so an implementation must deliver the same events in the same
 * order on every read.
 *
 * <p>Built-in implementations: {@link #ndjson(Path)}, {@link #ndjson(Path, ReadMode)} and
 * {@link #of(String, List)}. They are immutable and thread-safe: concurrent reads are
 * independent of each other.
 */
public interface HistoricalData {

    /**
     * Returns the name used in messages and reports, e.g. the file name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the size of the underlying data in bytes (for a compressed file, its compressed
     * size), so that progress can be shown as a fraction of it.
     *
     * @return the size, when known
     */
    OptionalLong sizeInBytes();

    /**
     * Reads every event once, in the data's order, and hands each to the sink.
     *
     * @param sink receives the events, in input order, from the calling thread
     * @param progress told the lines and bytes read so far, every few thousand lines and at the
     *     end
     * @return what was read, including the lines a lenient reader skipped
     * @throws NullPointerException if an argument is null
     * @throws dev.segmentkit.spi.InvalidDataException if the data is malformed (in lenient mode:
     *     only when it cannot be read on at all, e.g. truncated gzip data); the events before the
     *     bad line have been handed to the sink
     * @throws dev.segmentkit.spi.SourceUnavailableException if the data cannot be read (an I/O
     *     failure)
     */
    ReadReport read(Consumer<? super TrackedEvent> sink, ReadProgress progress);

    /**
     * Returns a strict reader of an NDJSON history file, gzip-compressed or not; see
     * {@link #ndjson(Path, ReadMode)}.
     *
     * @param file the file
     * @return the data
     * @throws NullPointerException if {@code file} is null
     */
    static HistoricalData ndjson(Path file) {
        return ndjson(file, ReadMode.STRICT);
    }

    /**
     * Returns a reader of an NDJSON history file: one JSON object per line,
     * {@code {"visitor":"v1","session":"s9","time":"2026-11-30T10:15:00Z","event":"order",
     * "properties":{"revenue":59.9}}}. The file is gunzipped when its name ends with
     * {@code .gz} or it starts with the gzip magic bytes. Blank lines are ignored; fields other
     * than the five known ones are ignored. The file is opened anew on each read and never held
     * in memory.
     *
     * @param file the file
     * @param mode {@link ReadMode#STRICT} to fail on the first malformed line,
     *     {@link ReadMode#LENIENT} to skip and count malformed lines
     * @return the data
     * @throws NullPointerException if an argument is null
     */
    static HistoricalData ndjson(Path file, ReadMode mode) {
        return new NdjsonHistory(file, mode);
    }

    /**
     * Returns data held in memory, mostly for tests and small embedded uses.
     *
     * @param name the name used in messages
     * @param events the events in input order (an immutable copy)
     * @return the data
     * @throws NullPointerException if an argument or an event is null
     */
    static HistoricalData of(String name, List<TrackedEvent> events) {
        return new ListHistory(name, events);
    }

    /** How a reader treats malformed lines. */
    enum ReadMode {
        /** The first malformed line fails the read with its file, line number and field. */
        STRICT,
        /**
         * Malformed lines are skipped; the {@link ReadReport} counts them and lists the first
         * few line numbers, and a warning is logged.
         */
        LENIENT
    }
}
