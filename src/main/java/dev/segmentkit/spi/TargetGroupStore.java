package dev.segmentkit.spi;

import dev.segmentkit.store.file.FileTargetGroupStore;
import dev.segmentkit.store.jdbc.JdbcTargetGroupStore;
import dev.segmentkit.store.memory.InMemoryTargetGroupStore;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Where target groups and their members live.
 *
 * <p>Every write is atomic: a target group's metadata and members change together, and after a
 * crash or an error readers see the old state or the new one, never a mix. Writes to an existing
 * target group name the version they expect; when another writer got there first the write fails
 * with {@link VersionConflictException} and changes nothing. Of several concurrent writers with
 * the same expected version, exactly one wins.
 *
 * <p>Implementations must be thread-safe and honour the TGS rules of the README's "Writing an
 * adapter" section, which the {@code dev.segmentkit.tck.TargetGroupStoreContract} kit checks. They
 * wrap their own failures in {@link StoreException}.
 */
public interface TargetGroupStore extends AutoCloseable {

    /**
     * Finds a target group.
     *
     * @param id the id
     * @return the target group, or empty when there is none with that id
     * @throws NullPointerException if {@code id} is null
     * @throws StoreException if the store cannot be read
     */
    Optional<TargetGroup> find(TargetGroupId id);

    /**
     * Lists all target groups, ordered by id.
     *
     * @return the target groups, an immutable list
     * @throws StoreException if the store cannot be read
     */
    List<TargetGroup> list();

    /**
     * Streams the members of a target group's current snapshot, sorted ascending and unique. The
     * stream is lazy and sees the snapshot current at this call even if the group is replaced or
     * deleted meanwhile; the caller closes it, read or not, to release its resources.
     *
     * @param id the target group
     * @return the members
     * @throws NullPointerException if {@code id} is null
     * @throws TargetGroupNotFoundException if there is no target group with that id
     * @throws StoreException if the store cannot be read
     */
    Stream<String> members(TargetGroupId id);

    /**
     * Creates a target group with its members, atomically. The metadata's version must be 1.
     *
     * @param write the members and metadata
     * @return the stored target group
     * @throws NullPointerException if {@code write} is null
     * @throws IllegalArgumentException if the metadata's version is not 1
     * @throws TargetGroupExistsException if a target group with the id exists; nothing changed
     * @throws InvalidMembersException if the members break the member contract; nothing changed
     * @throws StoreException if the store fails; nothing changed
     */
    TargetGroup create(GroupWrite write);

    /**
     * Replaces a target group's metadata and members, atomically, if its stored version is
     * {@code expectedVersion}. The new metadata's version must be {@code expectedVersion + 1}.
     *
     * @param write the new members and metadata
     * @param expectedVersion the version the caller read
     * @return the stored target group
     * @throws NullPointerException if {@code write} is null
     * @throws IllegalArgumentException if the metadata's version is not {@code expectedVersion + 1}
     * @throws TargetGroupNotFoundException if there is no target group with the id; nothing changed
     * @throws VersionConflictException if the stored version differs; nothing changed
     * @throws InvalidMembersException if the members break the member contract; nothing changed
     * @throws StoreException if the store fails; nothing changed
     */
    TargetGroup replace(GroupWrite write, long expectedVersion);

    /**
     * Replaces a target group's metadata and keeps its members (a rename, say), if its stored
     * version is {@code expectedVersion}. The snapshot must be the stored one and the version
     * {@code expectedVersion + 1}.
     *
     * @param group the new metadata
     * @param expectedVersion the version the caller read
     * @return the stored target group
     * @throws NullPointerException if {@code group} is null
     * @throws IllegalArgumentException if the version is not {@code expectedVersion + 1}, or the
     *     snapshot differs from the stored one
     * @throws TargetGroupNotFoundException if there is no target group with the id; nothing changed
     * @throws VersionConflictException if the stored version differs; nothing changed
     * @throws StoreException if the store fails; nothing changed
     */
    TargetGroup update(TargetGroup group, long expectedVersion);

    /**
     * Deletes a target group and its members if its stored version is {@code expectedVersion}.
     *
     * @param id the target group
     * @param expectedVersion the version the caller read
     * @throws NullPointerException if {@code id} is null
     * @throws TargetGroupNotFoundException if there is no target group with the id
     * @throws VersionConflictException if the stored version differs; nothing changed
     * @throws StoreException if the store fails; nothing changed
     */
    void delete(TargetGroupId id, long expectedVersion);

    /**
     * Releases the store's resources (locks, file handles). The default does nothing.
     *
     * @throws StoreException if releasing fails
     */
    @Override
    default void close() {
    }

    /**
     * Returns a new, empty, thread-safe store that keeps everything in the heap.
     *
     * @return the store
     */
    static TargetGroupStore inMemory() {
        return new InMemoryTargetGroupStore();
    }

    /**
     * Opens the file-system store in a directory, creating the directory if needed: the embedded
     * default. Target groups survive restarts; writes are atomic and durable (fsync'd); several
     * threads and processes may use one directory at once. Leftovers of an interrupted write are
     * removed on open. See the README's "File store layout" section.
     *
     * @param directory the store's directory
     * @return the store; close it to release its lock file
     * @throws NullPointerException if {@code directory} is null
     * @throws StoreException if the directory cannot be created, locked or cleaned
     */
    static TargetGroupStore files(Path directory) {
        return FileTargetGroupStore.open(directory);
    }

    /**
     * Returns a thread-safe store in a relational database (PostgreSQL), with the default table
     * prefix, batch and fetch sizes. The tables must exist: call
     * {@link JdbcTargetGroupStore#createSchemaIfMissing()} once, or run
     * {@link JdbcTargetGroupStore#schemaSql()} with your migration tool. Use
     * {@link JdbcTargetGroupStore#builder(DataSource)} for other settings.
     *
     * @param dataSource where the tables live; it stays the caller's to close
     * @return the store
     * @throws NullPointerException if {@code dataSource} is null
     */
    static JdbcTargetGroupStore jdbc(DataSource dataSource) {
        return JdbcTargetGroupStore.builder(dataSource).build();
    }
}
