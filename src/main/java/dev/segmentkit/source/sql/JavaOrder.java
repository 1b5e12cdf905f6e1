package dev.segmentkit.source.sql;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * Turns strictly increasing ids in binary (code point) order, as a database sorts UTF-8 text,
 * into strictly increasing ids in {@link String#compareTo} (UTF-16 code unit) order.
 *
 * <p>The two orders differ only where one id has a character in U+E000..U+FFFF and another a
 * supplementary character (U+10000 and above) at the first position where they differ: code
 * point order puts the first before the second, UTF-16 order after. An id without any character
 * in U+E000..U+FFFF ("plain") is therefore never preceded, in UTF-16 order, by an id that comes
 * after it in code point order. So plain ids pass straight through, and ids with such a character
 * are held back (sorted) until a plain id greater than them arrives, or the input ends: memory
 * grows with the held ids only, which are none for ids below U+E000 or with supplementary
 * characters alone.
 *
 * <p>The input order is checked: a repeated id or one out of code point order fails with
 * {@link IllegalStateException}. Not thread-safe.
 */
final class JavaOrder implements Iterator<String> {

    private final Iterator<String> input;
    private final TreeSet<String> held = new TreeSet<>();
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private String previous;

    JavaOrder(Iterator<String> input) {
        this.input = input;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            String id = input.next();
            if (previous != null && compareCodePoints(previous, id) >= 0) {
                throw new IllegalStateException("ids are not strictly increasing in binary "
                        + "order: '" + previous + "' came before '" + id + "'");
            }
            previous = id;
            if (hasHighBmp(id)) {
                held.add(id);
            } else {
                while (!held.isEmpty() && held.first().compareTo(id) < 0) {
                    ready.add(held.pollFirst());
                }
                ready.add(id);
            }
        }
        if (ready.isEmpty()) {
            while (!held.isEmpty()) {
                ready.add(held.pollFirst());
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Whether the id holds a character in U+E000..U+FFFF (never a surrogate). */
    static boolean hasHighBmp(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) >= '\uE000') {
                return true;
            }
        }
        return false;
    }

    /** Compares by Unicode code points, which is the byte order of UTF-8. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
