/**
 * Tracked data and its evaluation: {@link dev.segmentkit.history.TrackedEvent}s grouped in
 * sessions, readers for them, and the evaluator that computes segment membership from completed
 * behaviour only, as of an instant.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.history;
