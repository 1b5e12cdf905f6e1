package dev.segmentkit.targetgroup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identifier of a target group: 1 to 64 characters of {@code [A-Za-z0-9_-]}, so it is safe
 * in URLs and as a file name (no dot, no separator can ever address another path).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the identifier text
 */
public record TargetGroupId(String value) implements Comparable<TargetGroupId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the identifier.
     *
     * @param value the identifier text
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not 1 to 64 characters of
     *     {@code [A-Za-z0-9_-]}
     */
    public TargetGroupId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new IllegalArgumentException(
                    "target group id must be 1 to 64 characters of [A-Za-z0-9_-], got '"
                            + shown.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /**
     * Returns the target group id for the given text.
     *
     * @param value the identifier text
     * @return the id
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a valid target group id
     */
    public static TargetGroupId of(String value) {
        return new TargetGroupId(value);
    }

    /**
     * Generates a new random id: {@code tg-} followed by a random UUID's 32 hex digits.
     *
     * @return a fresh id
     */
    public static TargetGroupId random() {
        return new TargetGroupId("tg-" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * Derives the id from an idempotency key: {@code tk-} followed by 40 hex digits of the key's
     * SHA-256. The same key always gives the same id, so that a second import with the key finds
     * the first target group, even from another process.
     *
     * @param idempotencyKey the caller's key
     * @return the derived id
     * @throws NullPointerException if {@code idempotencyKey} is null
     */
    public static TargetGroupId fromIdempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return new TargetGroupId("tk-" + HexFormat.of().formatHex(digest, 0, 20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public int compareTo(TargetGroupId other) {
        return value.compareTo(other.value);
    }

    /** Returns the identifier text. */
    @Override
    public String toString() {
        return value;
    }
}
