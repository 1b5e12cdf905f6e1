package dev.segmentkit.history;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Events held in a list. Immutable and thread-safe. */
final class ListHistory implements HistoricalData {

    private static final int PROGRESS_EVERY = 1 << 14;

    private final String name;
    private final List<TrackedEvent> events;

    ListHistory(String name, List<TrackedEvent> events) {
        this.name = Objects.requireNonNull(name, "name");
        this.events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong sizeInBytes() {
        return OptionalLong.empty();
    }

    @Override
    public ReadReport read(Consumer<? super TrackedEvent> sink, ReadProgress progress) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(progress, "progress");
        long count = 0;
        for (TrackedEvent event : events) {
            sink.accept(event);
            if (++count % PROGRESS_EVERY == 0) {
                progress.progress(count, 0);
            }
        }
        progress.progress(count, 0);
        return new ReadReport(name, count, 0, count, 0, List.of());
    }

    @Override
    public String toString() {
        return "HistoricalData[" + name + ", " + events.size() + " events]";
    }
}
