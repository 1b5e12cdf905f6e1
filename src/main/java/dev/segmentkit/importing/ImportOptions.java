package dev.segmentkit.importing;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of one import: the target group's local name, who asked for it, and an idempotency key.
 *
 * <p>With an idempotency key, importing twice with the same key returns the first target group
 * and creates nothing, even from another process, as long as that target group exists: its id is
 * derived from the key.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImportOptions {

    private static final ImportOptions DEFAULTS = new Builder().build();

    private final String name;
    private final String importedBy;
    private final String idempotencyKey;

    private ImportOptions(Builder builder) {
        this.name = builder.name;
        this.importedBy = builder.importedBy;
        this.idempotencyKey = builder.idempotencyKey;
    }

    /**
     * Returns the options with nothing set: the target group takes the segment's name.
     *
     * @return the default options
     */
    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the local name to give the target group.
     *
     * @return the name, or empty to take the segment's name
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Returns who asked for the import, recorded in the history.
     *
     * @return the requester, when given
     */
    public Optional<String> importedBy() {
        return Optional.ofNullable(importedBy);
    }

    /**
     * Returns the idempotency key.
     *
     * @return the key, when given
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    @Override
    public String toString() {
        return "ImportOptions[name=" + name + ", importedBy=" + importedBy + ", idempotencyKey="
                + idempotencyKey + "]";
    }

    /**
     * Builds {@link ImportOptions}. Each option may be set once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private String name;
        private String importedBy;
        private String idempotencyKey;

        private Builder() {
        }

        /**
         * Sets the target group's local name.
         *
         * @param name a non-blank name, at most 200 characters
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if {@code name} is blank or too long
         * @throws IllegalStateException if the name was set already
         */
        public Builder name(String name) {
            requireUnset(this.name, "name");
            this.name = checkText(name, "name", 200);
            return this;
        }

        /**
         * Sets who asks for the import.
         *
         * @param importedBy a non-blank requester, at most 200 characters
         * @return this builder
         * @throws NullPointerException if {@code importedBy} is null
         * @throws IllegalArgumentException if {@code importedBy} is blank or too long
         * @throws IllegalStateException if it was set already
         */
        public Builder importedBy(String importedBy) {
            requireUnset(this.importedBy, "importedBy");
            this.importedBy = checkText(importedBy, "importedBy", 200);
            return this;
        }

        /**
         * Sets the idempotency key.
         *
         * @param idempotencyKey a non-blank key, at most 200 characters
         * @return this builder
         * @throws NullPointerException if {@code idempotencyKey} is null
         * @throws IllegalArgumentException if the key is blank or too long
         * @throws IllegalStateException if it was set already
         */
        public Builder idempotencyKey(String idempotencyKey) {
            requireUnset(this.idempotencyKey, "idempotencyKey");
            this.idempotencyKey = checkText(idempotencyKey, "idempotencyKey", 200);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public ImportOptions build() {
            return new ImportOptions(this);
        }

        private static void requireUnset(String current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to '" + current + "'");
            }
        }
    }

    static String checkText(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    name + " must be at most " + maxLength + " characters, got " + value.length());
        }
        return value;
    }
}
