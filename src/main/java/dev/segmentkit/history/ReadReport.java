package dev.segmentkit.history;

import java.util.List;
import java.util.Objects;

/**
 * What one read of {@link HistoricalData} saw.
 *
 * @param name the data's name
 * @param lines the lines read (for in-memory data: the events)
 * @param bytes the bytes of the underlying data read (0 for in-memory data)
 * @param events the events handed to the sink
 * @param skippedLines the malformed lines a lenient reader skipped
 * @param firstSkippedLines the 1-based numbers of the first skipped lines, at most
 *     {@link #MAX_LISTED_LINES} (an immutable copy)
 */
public record ReadReport(String name, long lines, long bytes, long events, long skippedLines,
        List<Long> firstSkippedLines) {

    /** How many skipped line numbers a report lists at most. */
    public static final int MAX_LISTED_LINES = 10;

    /**
     * Validates the report.
     *
     * @param name the data's name
     * @param lines the lines read
     * @param bytes the bytes read
     * @param events the events handed to the sink
     * @param skippedLines the malformed lines skipped
     * @param firstSkippedLines the first skipped line numbers
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a count is negative or more line numbers are listed
     *     than skipped or allowed
     */
    public ReadReport {
        Objects.requireNonNull(name, "name");
        firstSkippedLines = List.copyOf(Objects.requireNonNull(firstSkippedLines,
                "firstSkippedLines"));
        if (lines < 0 || bytes < 0 || events < 0 || skippedLines < 0) {
            throw new IllegalArgumentException("counts must not be negative: lines=" + lines
                    + ", bytes=" + bytes + ", events=" + events + ", skippedLines="
                    + skippedLines);
        }
        if (firstSkippedLines.size() > Math.min(skippedLines, MAX_LISTED_LINES)) {
            throw new IllegalArgumentException("firstSkippedLines lists "
                    + firstSkippedLines.size() + " lines, more than skipped (" + skippedLines
                    + ") or " + MAX_LISTED_LINES);
        }
    }
}
