package dev.segmentkit.store.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock on one store directory, for threads and processes alike: a JVM-wide
 * {@link ReentrantLock} (a {@link FileLock} is held per JVM, not per thread, and a second
 * channel on the lock file would even release it on close) combined with a {@link FileLock} on
 * {@code store.lock}. One instance per directory per JVM, shared by every store opened on it.
 */
final class StoreLock {

    /** Work done under the lock. */
    interface Action<T> {
        T run() throws IOException;
    }

    private static final Map<Path, StoreLock> OPEN = new HashMap<>();

    private final Path root;
    private final Path file;
    private final ReentrantLock jvmLock = new ReentrantLock();
    private FileChannel channel;
    private int users;

    private StoreLock(Path root) {
        this.root = root;
        this.file = root.resolve("store.lock");
    }

    /** Returns the lock of a directory (its real path), counting one more user. */
    static StoreLock acquire(Path realRoot) throws IOException {
        synchronized (OPEN) {
            StoreLock lock = OPEN.computeIfAbsent(realRoot, StoreLock::new);
            lock.users++;
            try {
                lock.channel();
            } catch (IOException | RuntimeException e) {
                if (--lock.users == 0) {
                    OPEN.remove(realRoot);
                }
                throw e;
            }
            return lock;
        }
    }

    /**
     * Counts one user less; the last one closes the lock file. The channel is closed while the
     * registry is held, so that no new lock on the same directory can open its own channel in
     * between: closing a channel drops every lock this process holds on the file, a new one's
     * included. (Only a store used after its close can still be inside {@link #locked} here.)
     */
    void release() throws IOException {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(root);
                FileChannel toClose = channel;
                channel = null;
                if (toClose != null) {
                    toClose.close();
                }
            }
        }
    }

    /** Runs {@code action} holding the JVM lock and the file lock. */
    <T> T locked(Action<T> action) throws IOException {
        jvmLock.lock();
        try {
            FileLock fileLock = lockFile();
            try {
                return action.run();
            } finally {
                if (fileLock.isValid()) {
                    fileLock.release();
                }
            }
        } finally {
            jvmLock.unlock();
        }
    }

    private FileLock lockFile() throws IOException {
        try {
            return channel().lock();
        } catch (ClosedChannelException e) {
            // an interrupt closed the shared channel; reopen it once
            synchronized (OPEN) {
                channel = null;
            }
            return channel().lock();
        }
    }

    private FileChannel channel() throws IOException {
        synchronized (OPEN) {
            if (users == 0) {
                throw new ClosedChannelException();
            }
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            }
            return channel;
        }
    }
}
