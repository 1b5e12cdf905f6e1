/**
 * The Marketing Automation side: {@link dev.segmentkit.importing.ImportService} lists the
 * segments of a source, imports one as a target group (a frozen snapshot), re-imports it on
 * request, and reports staleness without acting on it.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.importing;
