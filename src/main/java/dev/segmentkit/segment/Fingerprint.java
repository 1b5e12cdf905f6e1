package dev.segmentkit.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a definition's canonical form, as 64 lower-case hex digits.
 *
 * <p>Equal definitions have equal fingerprints, whatever source they come from and however
 * they were built; any change of meaning gives a different fingerprint. The canonical form
 * ({@link SegmentDefinition#canonicalForm()}) is compact JSON in the catalog's shape with:
 * object keys in alphabetical order; no insignificant white space; numbers in plain notation
 * without trailing zeros ({@code 5.0} is {@code 5}); durations as {@link java.time.Duration}'s
 * ISO-8601 text ({@code P90D} is {@code PT2160H}); instants in UTC ISO-8601; the children of
 * {@code allOf} and {@code anyOf}, the predicates of an event filter and the operands of
 * {@code in} sorted by their own canonical text and de-duplicated, since their order carries no
 * meaning. Logic is not simplified: {@code not(not(x))} and {@code x} differ.
 *
 * @param hex the 64 lower-case hex digits
 */
public record Fingerprint(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fingerprint.
     *
     * @param hex the 64 lower-case hex digits
     * @throws NullPointerException if {@code hex} is null
     * @throws IllegalArgumentException if {@code hex} is not 64 lower-case hex digits
     */
    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    "fingerprint must be 64 lower-case hex digits, got '" + Texts.abbreviate(hex)
                            + "'");
        }
    }

    /**
     * Computes the fingerprint of a definition.
     *
     * @param definition the definition
     * @return its fingerprint
     * @throws NullPointerException if {@code definition} is null
     */
    public static Fingerprint of(SegmentDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        return ofCanonical(CanonicalForm.render(definition));
    }

    /**
     * Parses a fingerprint from its hex text.
     *
     * @param hex 64 lower-case hex digits
     * @return the fingerprint
     * @throws NullPointerException if {@code hex} is null
     * @throws IllegalArgumentException if {@code hex} is malformed
     */
    public static Fingerprint parse(String hex) {
        return new Fingerprint(hex);
    }

    private static Fingerprint ofCanonical(String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new Fingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Returns the hex digits. */
    @Override
    public String toString() {
        return hex;
    }
}
