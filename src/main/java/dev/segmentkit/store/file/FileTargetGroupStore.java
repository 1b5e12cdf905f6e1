package dev.segmentkit.store.file;

import dev.segmentkit.json.SegmentkitJson;
import dev.segmentkit.spi.GroupWrite;
import dev.segmentkit.spi.InvalidInputException;
import dev.segmentkit.spi.StoreException;
import dev.segmentkit.spi.TargetGroupExistsException;
import dev.segmentkit.spi.TargetGroupNotFoundException;
import dev.segmentkit.spi.TargetGroupStore;
import dev.segmentkit.spi.VersionConflictException;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target group store in a directory of the file system; the embedded default, reached by
 * {@link TargetGroupStore#files(Path)}.
 *
 * <p>Layout: {@code groups/<id>/group.json} holds a target group's metadata (the codec's target
 * group document, readable by people and tools), {@code groups/<id>/members-<version>.txt} its
 * members, one id per line in ascending order (UTF-8), where {@code <version>} is the
 * version of the {@code group.json} that refers to it. {@code tmp/} holds staged files and
 * {@code store.lock} is the lock file. A write stages the members in {@code tmp/} (fsync'd), then,
 * under the store lock, checks the expected version, moves the members file into place, writes
 * the new {@code group.json} to a temp file, fsyncs it and renames it over the old one (the
 * commit), fsyncs the directory and deletes the superseded members file. A crash before the
 * commit leaves the old state plus leftovers, which the next {@link #open} removes.
 *
 * <p>Thread-safe, and safe for several processes on one directory: commits and member stream
 * openings hold a JVM-wide lock plus a {@link FileLock} on {@code store.lock}; staging runs
 * outside it. Reads of metadata take no lock, since renames replace {@code group.json} whole.
 * A member stream opens its file under the lock and keeps reading it even if the group is
 * replaced or deleted meanwhile (on POSIX file systems, where an open file outlives its name).
 */
public final class FileTargetGroupStore implements TargetGroupStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileTargetGroupStore.class);
    private static final String GROUP_FILE = "group.json";
    private static final Pattern MEMBERS_FILE = Pattern.compile("members-([0-9]{1,19})\\.txt");
    private static final Pattern GROUP_DIR = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    /** Staged files being written by this JVM; the cleaner leaves them alone. */
    private static final Set<Path> STAGING = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final Path groups;
    private final Path tmp;
    private final StoreLock lock;
    private final SegmentkitJson json = SegmentkitJson.instance();
    private volatile boolean closed;

    private FileTargetGroupStore(Path root, StoreLock lock) {
        this.root = root;
        this.groups = root.resolve("groups");
        this.tmp = root.resolve("tmp");
        this.lock = lock;
    }

    /**
     * Opens (creating it if needed) the store in a directory and removes what an interrupted
     * write left behind. Prefer {@link TargetGroupStore#files(Path)}.
     *
     * @param directory the store's directory
     * @return the store; close it to release its lock file
     * @throws NullPointerException if {@code directory} is null
     * @throws StoreException if the directory cannot be created, locked or cleaned
     */
    public static FileTargetGroupStore open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            Path real = directory.toRealPath();
            Files.createDirectories(real.resolve("groups"));
            Files.createDirectories(real.resolve("tmp"));
            StoreLock lock = StoreLock.acquire(real);
            FileTargetGroupStore store = new FileTargetGroupStore(real, lock);
            try {
                lock.locked(() -> {
                    store.cleanUp();
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                lock.release();
                throw e;
            }
            return store;
        } catch (IOException e) {
            throw new StoreException("cannot open the target group store in " + directory, e);
        }
    }

    /**
     * Returns the store's directory.
     *
     * @return the real path of the directory
     */
    public Path directory() {
        return root;
    }

    @Override
    public Optional<TargetGroup> find(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        checkOpen();
        try {
            return readGroup(id);
        } catch (IOException e) {
            throw new StoreException("cannot read target group " + id, e);
        }
    }

    @Override
    public List<TargetGroup> list() {
        checkOpen();
        List<TargetGroup> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(groups)) {
            List<String> names = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> GROUP_DIR.matcher(n).matches()).sorted().toList();
            for (String name : names) {
                readGroup(TargetGroupId.of(name)).ifPresent(out::add);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list the target groups in " + groups, e);
        }
        return List.copyOf(out);
    }

    @Override
    public Stream<String> members(TargetGroupId id) {
        Objects.requireNonNull(id, "id");
        checkOpen();
        try {
            return lock.locked(() -> {
                TargetGroup group = readGroup(id).orElseThrow(() -> new TargetGroupNotFoundException(id));
                Path file = membersFile(id, group.version());
                return openMembers(file, group);
            });
        } catch (IOException e) {
            throw new StoreException("cannot open the members of target group " + id, e);
        }
    }

    @Override
    public TargetGroup create(GroupWrite write) {
        Objects.requireNonNull(write, "write");
        checkOpen();
        TargetGroupId id = write.id();
        if (Files.exists(metadataFile(id))) {
            throw new TargetGroupExistsException(id);
        }
        try (Staged staged = stage(write)) {
            TargetGroup group = write.group();
            if (group.version() != 1) {
                throw new IllegalArgumentException(
                        "a new target group has version 1, got " + group.version());
            }
            lock.locked(() -> {
                if (readGroup(id).isPresent()) {
                    throw new TargetGroupExistsException(id);
                }
                Path dir = groupDir(id);
                Files.createDirectories(dir);
                staged.moveTo(membersFile(id, 1));
                fsyncDirectory(dir);
                commitMetadata(group);
                fsyncDirectory(groups);
                return null;
            });
            LOG.debug("created target group {} with {} members", id, group.snapshot().memberCount());
            return group;
        } catch (IOException e) {
            throw new StoreException("cannot create target group " + id, e);
        }
    }

    @Override
    public TargetGroup replace(GroupWrite write, long expectedVersion) {
        Objects.requireNonNull(write, "write");
        checkOpen();
        TargetGroupId id = write.id();
        checkVersion(existing(id).version(), id, expectedVersion);
        try (Staged staged = stage(write)) {
            TargetGroup group = write.group();
            requireNext(group, expectedVersion);
            lock.locked(() -> {
                checkVersion(existing(id).version(), id, expectedVersion);
                staged.moveTo(membersFile(id, group.version()));
                fsyncDirectory(groupDir(id));
                commitMetadata(group);
                deleteQuietly(membersFile(id, expectedVersion));
                return null;
            });
            LOG.debug("replaced target group {}: version {}, {} members", id, group.version(),
                    group.snapshot().memberCount());
            return group;
        } catch (IOException e) {
            throw new StoreException("cannot replace target group " + id, e);
        }
    }

    @Override
    public TargetGroup update(TargetGroup group, long expectedVersion) {
        Objects.requireNonNull(group, "group");
        checkOpen();
        TargetGroupId id = group.id();
        try {
            return lock.locked(() -> {
                TargetGroup current = existing(id);
                checkVersion(current.version(), id, expectedVersion);
                requireNext(group, expectedVersion);
                if (!current.snapshot().equals(group.snapshot())
                        || !current.history().equals(group.history())) {
                    throw new IllegalArgumentException(
                            "update keeps the snapshot and history; use replace to change them");
                }
                Path old = membersFile(id, expectedVersion);
                Path next = membersFile(id, group.version());
                Files.deleteIfExists(next);
                try {
                    Files.createLink(next, old);
                } catch (UnsupportedOperationException | IOException e) {
                    copyDurably(old, next);
                }
                fsyncDirectory(groupDir(id));
                commitMetadata(group);
                deleteQuietly(old);
                return group;
            });
        } catch (IOException e) {
            throw new StoreException("cannot update target group " + id, e);
        }
    }

    @Override
    public void delete(TargetGroupId id, long expectedVersion) {
        Objects.requireNonNull(id, "id");
        checkOpen();
        try {
            lock.locked(() -> {
                checkVersion(existing(id).version(), id, expectedVersion);
                Path grave = tmp.resolve("deleted-" + UUID.randomUUID());
                Files.move(groupDir(id), grave, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(groups);
                deleteTree(grave);
                return null;
            });
            LOG.debug("deleted target group {}", id);
        } catch (IOException e) {
            throw new StoreException("cannot delete target group " + id, e);
        }
    }

    /**
     * Releases this store's share of the directory lock. Further calls throw
     * {@link IllegalStateException}; open member streams stay readable.
     *
     * @throws StoreException if the lock file cannot be closed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            throw new StoreException("cannot close the target group store in " + root, e);
        }
    }

    @Override
    public String toString() {
        return "FileTargetGroupStore[" + root + "]";
    }

    // ---------------------------------------------------------------- paths

    private Path groupDir(TargetGroupId id) throws IOException {
        Path dir = groups.resolve(id.value());
        // defence in depth: the id pattern allows no separator and no dot
        if (!dir.getParent().equals(groups) || !GROUP_DIR.matcher(dir.getFileName().toString()).matches()) {
            throw new IllegalArgumentException("target group id escapes the store: " + id);
        }
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("refusing the symbolic link " + dir);
        }
        return dir;
    }

    private Path metadataFile(TargetGroupId id) {
        return groups.resolve(id.value()).resolve(GROUP_FILE);
    }

    private Path membersFile(TargetGroupId id, long version) throws IOException {
        return groupDir(id).resolve("members-" + version + ".txt");
    }

    // ---------------------------------------------------------------- reading

    private Optional<TargetGroup> readGroup(TargetGroupId id) throws IOException {
        Path file = groupDir(id).resolve(GROUP_FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        TargetGroup group;
        try {
            group = json.readTargetGroup(bytes, file.toString());
        } catch (InvalidInputException e) {
            throw new StoreException("corrupt metadata of target group " + id + ": " + e.getMessage(), e);
        }
        if (!group.id().equals(id)) {
            throw new StoreException("corrupt metadata: " + file + " describes target group " + group.id());
        }
        return Optional.of(group);
    }

    private TargetGroup existing(TargetGroupId id) {
        try {
            return readGroup(id).orElseThrow(() -> new TargetGroupNotFoundException(id));
        } catch (IOException e) {
            throw new StoreException("cannot read target group " + id, e);
        }
    }

    private static Stream<String> openMembers(Path file, TargetGroup group) throws IOException {
        MemberLines reader = new MemberLines(Files.newInputStream(file));
        long expected = group.snapshot().memberCount();
        Iterator<String> lines = new Iterator<>() {
            private String next;
            private long count;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = reader.next();
                    } catch (IOException e) {
                        throw new StoreException("cannot read the members of target group "
                                + group.id() + " from " + file, e);
                    }
                    if (next == null) {
                        done = true;
                        if (count != expected) {
                            throw new StoreException("corrupt members file " + file + ": it holds "
                                    + count + " members, the metadata says " + expected);
                        }
                    } else {
                        count++;
                    }
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String member = next;
                next = null;
                return member;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new StoreException("cannot close the members file " + file, e);
                    }
                });
    }

    // ---------------------------------------------------------------- writing

    /** A members file staged in {@code tmp/}, locked while this JVM writes it. */
    private final class Staged implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private boolean moved;

        Staged(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /** Moves the staged file to its place; call under the store lock. */
        void moveTo(Path target) throws IOException {
            channel.close();
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            STAGING.remove(path);
        }

        @Override
        public void close() throws IOException {
            if (!moved) {
                try {
                    channel.close();
                    Files.deleteIfExists(path);
                } finally {
                    STAGING.remove(path);
                }
            }
        }
    }

    /** Writes every member of the write to a staged, fsync'd file; discards it on failure. */
    private Staged stage(GroupWrite write) throws IOException {
        Path path = tmp.resolve(UUID.randomUUID() + ".members.tmp");
        STAGING.add(path);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            STAGING.remove(path);
            throw e;
        }
        Staged staged = new Staged(path, channel);
        try {
            channel.lock();
            // plain UTF-8 text: compressing costs more than the write itself (see README,
            // "Performance"); each id is encoded on its own (String.getBytes has an ASCII fast
            // path) into one buffer that goes to the channel whole
            byte[] buffer = new byte[1 << 16];
            int n = 0;
            Iterator<String> members = write.members();
            while (members.hasNext()) {
                byte[] member = members.next().getBytes(StandardCharsets.UTF_8);
                if (n + member.length + 1 > buffer.length) {
                    writeFully(channel, buffer, n);
                    n = 0;
                    if (member.length + 1 > buffer.length) {
                        buffer = new byte[member.length + 1];
                    }
                }
                System.arraycopy(member, 0, buffer, n, member.length);
                n += member.length;
                buffer[n++] = '\n';
            }
            writeFully(channel, buffer, n);
            channel.force(true);
            return staged;
        } catch (IOException | RuntimeException | Error e) {
            try {
                staged.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Writes {@code group.json} to a temp file, fsyncs it and renames it into place. */
    private void commitMetadata(TargetGroup group) throws IOException {
        Path dir = groupDir(group.id());
        Path temp = tmp.resolve(UUID.randomUUID() + ".json.tmp");
        byte[] bytes = json.writeTargetGroup(group).getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temp, dir.resolve(GROUP_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw e;
        }
        fsyncDirectory(dir);
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return; // directories cannot be opened for fsync there; NTFS journals renames
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void checkVersion(long actual, TargetGroupId id, long expected) {
        if (actual != expected) {
            throw new VersionConflictException(id, expected, actual);
        }
    }

    private static void requireNext(TargetGroup group, long expectedVersion) {
        if (group.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the new version must be " + (expectedVersion + 1)
                    + ", got " + group.version());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store " + root + " is closed");
        }
    }

    // ---------------------------------------------------------------- cleaning

    /** Removes what interrupted writes left behind; runs under the store lock. */
    private void cleanUp() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(entry);
                    removed++;
                } else if (!STAGING.contains(entry) && !lockedByAnotherProcess(entry)) {
                    Files.deleteIfExists(entry);
                    removed++;
                }
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(groups)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!GROUP_DIR.matcher(name).matches() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // not ours: leave it alone
                }
                Optional<TargetGroup> group;
                try {
                    group = readGroup(TargetGroupId.of(name));
                } catch (StoreException e) {
                    LOG.warn("leaving target group directory {} as it is: {}", dir, e.getMessage());
                    continue;
                }
                if (group.isEmpty()) {
                    deleteTree(dir); // a create that never committed
                    removed++;
                    continue;
                }
                String current = "members-" + group.get().version() + ".txt";
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        String fileName = file.getFileName().toString();
                        Matcher m = MEMBERS_FILE.matcher(fileName);
                        if (m.matches() && !fileName.equals(current)) {
                            if (deleteQuietly(file)) {
                                removed++;
                            }
                        }
                    }
                }
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftovers of interrupted writes from {}", removed, root);
        }
    }

    private static boolean lockedByAnotherProcess(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {} yet (a reader may hold it): {}", file, e.toString());
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
        }
    }

    /** Copies a file and forces its bytes to disk before the metadata can refer to it. */
    private static void copyDurably(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
        }
    }

    private static void writeFully(FileChannel channel, byte[] buffer, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
