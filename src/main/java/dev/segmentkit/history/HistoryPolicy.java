package dev.segmentkit.history;

/**
 * How evaluation treats visitors who are active (have an open session) at the evaluation
 * instant. A session is open when its latest event at or before the instant {@code T} is later
 * than {@code T - timeout}; the events of open sessions never count, under either policy.
 */
public enum HistoryPolicy {
    /**
     * Drops the events of open sessions and keeps the visitor's completed history: a visitor who
     * is active now is judged on their earlier, completed sessions. The default.
     */
    EXCLUDE_OPEN_SESSION_EVENTS,
    /**
     * Leaves every visitor with an open session out of every segment and out of the scoring
     * populations: none of their events count.
     */
    EXCLUDE_ACTIVE_VISITORS
}
