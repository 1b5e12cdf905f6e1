/**
 * The file-system {@link dev.segmentkit.spi.TargetGroupStore}, the embedded default: one
 * directory per target group with a human-readable {@code group.json} and a plain-text members file
 * per snapshot, committed by atomic renames and safe for several threads and processes. The
 * layout is described in the README's "File store layout" section.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.store.file;
