package dev.segmentkit.history;

import java.time.Instant;

/**
 * A computation that rides along one evaluation pass over tracked data: it is offered every
 * <em>counted</em> event (after the historical rules removed events after as-of and the events of
 * open sessions, and, with the stricter policy, active visitors), in any order, and then produces
 * the scores that {@code score} conditions read. The RFM and RFE models implement it.
 *
 * <p>Not thread-safe: one pass feeds it from one thread.
 */
public interface ScoringPass {

    /**
     * Offers one counted event.
     *
     * @param event the event
     */
    void accept(TrackedEvent event);

    /**
     * Ends the pass and returns the scores.
     *
     * @param asOf the evaluation instant
     * @return the scores of the pass's population
     */
    ScoreLookup finish(Instant asOf);
}
