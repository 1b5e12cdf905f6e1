package dev.segmentkit.importing;

import dev.segmentkit.targetgroup.TargetGroupId;

/**
 * Hooks a host application into imports: progress while members are copied, and notice after
 * each commit. Every method has an empty default.
 *
 * <p>Methods are called on the importing thread; they should return quickly. An exception thrown
 * by a listener is logged and ignored: it never undoes a committed import.
 */
public interface ImportListener {

    /**
     * Called every {@link ImportService#PROGRESS_INTERVAL} members copied.
     *
     * @param targetGroupId the target group being written
     * @param membersCopied the members copied so far
     */
    default void onProgress(TargetGroupId targetGroupId, long membersCopied) {
    }

    /**
     * Called after an import committed.
     *
     * @param result the result
     */
    default void onImported(ImportResult result) {
    }

    /**
     * Called after a re-import committed.
     *
     * @param result the result
     */
    default void onReimported(ImportResult result) {
    }
}
