package dev.segmentkit.rfm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a scoring pass keeps of one visitor: a handful of fields, plus the ids of the visitor's
 * sessions in the RFE lookback (one inline, more in a small open-addressing table).
 *
 * <p>Not thread-safe.
 */
final class Tally {

    Instant lastOrder;
    long orders;
    BigDecimal revenue = BigDecimal.ZERO;

    Instant lastEvent;
    long pageViews;

    /** Null, the only session's id, or an open-addressing table of session ids. */
    private Object sessions;
    private int sessionCount;

    void order(Instant time, BigDecimal orderRevenue) {
        orders++;
        if (lastOrder == null || time.isAfter(lastOrder)) {
            lastOrder = time;
        }
        if (orderRevenue.signum() != 0) {
            revenue = revenue.add(orderRevenue);
        }
    }

    void activity(Instant time, String session, boolean pageView) {
        if (lastEvent == null || time.isAfter(lastEvent)) {
            lastEvent = time;
        }
        if (pageView) {
            pageViews++;
        }
        addSession(session);
    }

    int sessionCount() {
        return sessionCount;
    }

    private void addSession(String session) {
        if (sessions == null) {
            sessions = session;
            sessionCount = 1;
            return;
        }
        if (sessions instanceof String) {
            String only = (String) sessions;
            if (only.equals(session)) {
                return;
            }
            String[] table = new String[4];
            insert(table, only);
            insert(table, session);
            sessions = table;
            sessionCount = 2;
            return;
        }
        String[] table = (String[]) sessions;
        if (insert(table, session)) {
            sessionCount++;
            if (sessionCount * 3 >= table.length * 2) {
                String[] bigger = new String[table.length * 2];
                for (String s : table) {
                    if (s != null) {
                        insert(bigger, s);
                    }
                }
                sessions = bigger;
            }
        }
    }

    /** Inserts into a table with a free slot; returns false when the id was present. */
    private static boolean insert(String[] table, String session) {
        int mask = table.length - 1;
        int i = mix(session.hashCode()) & mask;
        while (table[i] != null) {
            if (table[i].equals(session)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = session;
        return true;
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "Tally[orders=" + orders + ", revenue=" + revenue + ", sessions="
                + (sessions instanceof String[] ? Arrays.toString((String[]) sessions) : sessions)
                + "]";
    }
}
