package dev.segmentkit.spi;

import java.util.Objects;

/**
 * The rules for member ids, which every store and source shares: 1 to 512 characters with no ISO
 * control character (so a member is always one line of a text file) and no unpaired surrogate
 * (so it encodes to UTF-8 and back unchanged), ordered by {@link String#compareTo}.
 */
public final class MemberIds {

    /** The longest member id allowed, in UTF-16 chars. */
    public static final int MAX_LENGTH = 512;

    private MemberIds() {
    }

    /**
     * Tells what is wrong with a member id.
     *
     * @param member the member id
     * @return null when the id is valid, else the problem
     * @throws NullPointerException if {@code member} is null
     */
    public static String problem(String member) {
        Objects.requireNonNull(member, "member");
        if (member.isEmpty()) {
            return "member id is empty";
        }
        if (member.length() > MAX_LENGTH) {
            return "member id is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < member.length(); i++) {
            if (Character.isISOControl(member.charAt(i))) {
                return "member id holds a control character at index " + i;
            }
            if (Character.isSurrogate(member.charAt(i))) {
                if (Character.isHighSurrogate(member.charAt(i)) && i + 1 < member.length()
                        && Character.isLowSurrogate(member.charAt(i + 1))) {
                    i++;
                } else {
                    return "member id holds an unpaired surrogate at index " + i;
                }
            }
        }
        return null;
    }

    /**
     * Tells whether a member id is valid.
     *
     * @param member the member id
     * @return true when valid
     * @throws NullPointerException if {@code member} is null
     */
    public static boolean isValid(String member) {
        return problem(member) == null;
    }
}
