/**
 * The command-line front end of segmentkit, and the synthetic history generator it uses for its
 * demo.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.cli;
