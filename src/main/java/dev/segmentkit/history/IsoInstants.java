package dev.segmentkit.history;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A fast path for the one instant shape history files hold,
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in UTC, read straight from the parser's characters.
 * Anything else (offsets, leap seconds, other years) is left to {@link Instant#parse}, which is
 * the definition of what is accepted; this class only answers sooner for the common shape, with
 * the same result. Stateless.
 */
final class IsoInstants {

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
        10_000_000, 100_000_000, 1_000_000_000};

    /** The day numbers of the first days of a few cached years, from {@link #FIRST_YEAR}. */
    private static final int FIRST_YEAR = 1970;
    private static final long[] YEAR_START = new long[200];

    static {
        for (int i = 0; i < YEAR_START.length; i++) {
            YEAR_START[i] = LocalDate.of(FIRST_YEAR + i, 1, 1).toEpochDay();
        }
    }

    private IsoInstants() {
    }

    /**
     * Parses {@code len} characters from {@code off}, or returns null when they are not in the
     * common shape (the caller then asks {@link Instant#parse}).
     */
    static Instant parse(char[] c, int off, int len) {
        if (len < 20 || len > 30 || c[off + 4] != '-' || c[off + 7] != '-' || c[off + 10] != 'T'
                || c[off + 13] != ':' || c[off + 16] != ':' || c[off + len - 1] != 'Z') {
            return null;
        }
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        if (year < FIRST_YEAR || year >= FIRST_YEAR + YEAR_START.length || month < 1 || month > 12
                || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        if (day > 28 && day > lengthOfMonth(month, leap)) {
            return null;
        }
        int nanos = 0;
        int end = off + len - 1;
        int p = off + 19;
        if (p < end) {
            int n = end - p - 1;
            if (c[p] != '.' || n < 1 || n > 9) {
                return null;
            }
            int f = digits(c, p + 1, n);
            if (f < 0) {
                return null;
            }
            nanos = f * POW10[9 - n];
        }
        long days = YEAR_START[year - FIRST_YEAR] + dayOfYear(month, day, leap) - 1;
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int lengthOfMonth(int month, boolean leap) {
        switch (month) {
            case 2:
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static int dayOfYear(int month, int day, boolean leap) {
        int before = (367 * month - 362) / 12;
        if (month > 2) {
            before -= leap ? 1 : 2;
        }
        return before + day;
    }

    /** The value of {@code n} ASCII digits, or -1 when one is not a digit. */
    private static int digits(char[] c, int off, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = c[off + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
