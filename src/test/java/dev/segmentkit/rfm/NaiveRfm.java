package dev.segmentkit.rfm;

import dev.segmentkit.history.TrackedEvent;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately naive reference of the RFM/RFE rules of issue 6, written from the text
 * without looking at the production code: it filters events list by list, counts ranks in
 * quadratic loops and applies thresholds in the Mapp wording. Used by the tests to check the
 * real scoring, and meant to be reused by the integration test of the predefined catalog through
 * the real evaluator ({@link #counted} applies the historical rules, {@link #expectedMembers}
 * gives the expected members of each predefined segment).
 */
public final class NaiveRfm {

    private NaiveRfm() {
    }

    /** Raw values of one visitor in one model: recency, frequency, money/engagement. */
    public record Raw(Instant r, long f, BigDecimal x) {
    }

    /**
     * Applies the historical rules: drops events after {@code asOf}, and every event of a session
     * whose latest event at or before {@code asOf} is later than {@code asOf - timeout}.
     */
    public static List<TrackedEvent> counted(List<TrackedEvent> all, Instant asOf,
            Duration timeout) {
        Map<List<String>, Instant> latest = new HashMap<>();
        for (TrackedEvent e : all) {
            if (e.time().isAfter(asOf)) {
                continue;
            }
            latest.merge(List.of(e.visitor(), e.session()), e.time(),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        List<TrackedEvent> out = new ArrayList<>();
        for (TrackedEvent e : all) {
            if (e.time().isAfter(asOf)) {
                continue;
            }
            Instant last = latest.get(List.of(e.visitor(), e.session()));
            if (last.isAfter(asOf.minus(timeout))) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    /** Raw values per visitor of the model's population. */
    public static Map<String, Raw> raw(List<TrackedEvent> counted, Instant asOf,
            ScoringConfig config, ScoreModel model) {
        Set<String> visitors = new TreeSet<>();
        for (TrackedEvent e : counted) {
            visitors.add(e.visitor());
        }
        Map<String, Raw> out = new TreeMap<>();
        boolean rfe = model == ScoreModel.RFE;
        Instant from = asOf.minus(rfe ? config.rfeLookback() : config.rfmLookback());
        for (String v : visitors) {
            List<TrackedEvent> mine = new ArrayList<>();
            for (TrackedEvent e : counted) {
                boolean inWindow = e.time().compareTo(from) > 0 && e.time().compareTo(asOf) <= 0;
                if (e.visitor().equals(v) && inWindow && (rfe || e.event().equals("order"))) {
                    mine.add(e);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            Instant latest = mine.get(0).time();
            for (TrackedEvent e : mine) {
                if (e.time().isAfter(latest)) {
                    latest = e.time();
                }
            }
            if (rfe) {
                Set<String> sessions = new HashSet<>();
                long pageViews = 0;
                for (TrackedEvent e : mine) {
                    sessions.add(e.session());
                    if (e.event().equals("page_view")) {
                        pageViews++;
                    }
                }
                out.put(v, new Raw(latest, sessions.size(), BigDecimal.valueOf(pageViews)));
            } else {
                BigDecimal sum = BigDecimal.ZERO;
                for (TrackedEvent e : mine) {
                    Value revenue = e.properties().get("revenue");
                    if (revenue instanceof Value.Number) {
                        sum = sum.add(((Value.Number) revenue).number());
                    }
                }
                out.put(v, new Raw(latest, mine.size(), sum));
            }
        }
        return out;
    }

    /** Scores per visitor of the model's population: {R, F, M-or-E}. */
    public static Map<String, int[]> scores(List<TrackedEvent> counted, Instant asOf,
            ScoringConfig config, ScoreModel model) {
        Map<String, Raw> raw = raw(counted, asOf, config, model);
        int k = model == ScoreModel.RFM_QUINTILE ? 5 : 3;
        int n = raw.size();
        Map<String, int[]> out = new TreeMap<>();
        Thresholds t = config.thresholds(model).orElse(null);
        for (Map.Entry<String, Raw> me : raw.entrySet()) {
            Raw mine = me.getValue();
            int[] s = new int[3];
            if (t == null) {
                int belowR = 0;
                int belowF = 0;
                int belowX = 0;
                for (Raw other : raw.values()) {
                    if (other.r().isBefore(mine.r())) {
                        belowR++;
                    }
                    if (other.f() < mine.f()) {
                        belowF++;
                    }
                    if (other.x().compareTo(mine.x()) < 0) {
                        belowX++;
                    }
                }
                s[0] = 1 + Math.floorDiv(k * belowR, n);
                s[1] = 1 + Math.floorDiv(k * belowF, n);
                s[2] = 1 + Math.floorDiv(k * belowX, n);
            } else {
                long days = ChronoUnit.DAYS.between(mine.r(), asOf);
                s[0] = naiveRecency(t.recencyDays(), days);
                s[1] = naiveValue(t.frequency(), BigDecimal.valueOf(mine.f()));
                s[2] = naiveValue(t.value(), mine.x());
            }
            out.put(me.getKey(), s);
        }
        return out;
    }

    /** Mapp wording for k = 3 ("3 when <= a, 2 when <= b, else 1"), extended for k = 5. */
    private static int naiveRecency(List<Long> cuts, long days) {
        if (cuts.size() == 2) {
            return days <= cuts.get(0) ? 3 : days <= cuts.get(1) ? 2 : 1;
        }
        for (int i = 0; i < cuts.size(); i++) {
            if (days <= cuts.get(i)) {
                return cuts.size() + 1 - i;
            }
        }
        return 1;
    }

    /** Mapp wording for k = 3 ("1 when < c, 2 when < d, else 3"), extended for k = 5. */
    private static int naiveValue(List<BigDecimal> cuts, BigDecimal v) {
        if (cuts.size() == 2) {
            return v.compareTo(cuts.get(0)) < 0 ? 1 : v.compareTo(cuts.get(1)) < 0 ? 2 : 3;
        }
        for (int i = 0; i < cuts.size(); i++) {
            if (v.compareTo(cuts.get(i)) < 0) {
                return i + 1;
            }
        }
        return cuts.size() + 1;
    }

    /** Column of a dimension in the arrays {@link #scores} returns. */
    public static int column(ScoreDimension d) {
        return d == ScoreDimension.R ? 0 : d == ScoreDimension.F ? 1 : 2;
    }

    /**
     * The expected members of a predefined segment, from the table, computed naively from
     * counted events.
     */
    public static SortedSet<String> expectedMembers(String segmentId, List<TrackedEvent> counted,
            Instant asOf, ScoringConfig config) {
        Map<String, int[]> rfm = scores(counted, asOf, config, ScoreModel.RFM);
        Map<String, int[]> rfe = scores(counted, asOf, config, ScoreModel.RFE);
        Map<String, int[]> q = scores(counted, asOf, config, ScoreModel.RFM_QUINTILE);
        SortedSet<String> out = new TreeSet<>();
        if (segmentId.equals("recent-cart-abandoners")) {
            for (TrackedEvent add : counted) {
                if (!add.event().equals("add_to_cart")
                        || !add.time().isAfter(asOf.minus(Duration.ofDays(7)))
                        || add.time().isAfter(asOf)) {
                    continue;
                }
                boolean completed = false;
                for (TrackedEvent o : counted) {
                    if (o.visitor().equals(add.visitor()) && o.event().equals("order")
                            && !o.time().isBefore(add.time()) && !o.time().isAfter(asOf)) {
                        completed = true;
                    }
                }
                if (!completed) {
                    out.add(add.visitor());
                }
            }
            return out;
        }
        Set<String> all = new TreeSet<>(rfm.keySet());
        all.addAll(rfe.keySet());
        for (String v : all) {
            int[] m = rfm.get(v);
            int[] e = rfe.get(v);
            int[] c = q.get(v);
            boolean member;
            switch (segmentId) {
                case "top-buyers": member = m != null && m[1] == 3 && m[2] == 3; break;
                case "big-spenders": member = m != null && m[2] == 3; break;
                case "inactive-high-value-buyers": member = m != null && m[0] == 1 && m[2] == 3;
                    break;
                case "frequent-engaged-visitors": member = e != null && e[1] == 3 && e[2] == 3;
                    break;
                case "frequent-visitors-rarely-buying":
                    member = e != null && e[1] == 3 && e[2] == 3 && m != null && m[0] == 1;
                    break;
                case "rfm-champions": member = c != null && c[0] == 5 && c[1] >= 4; break;
                case "rfm-loyal-customers":
                    member = c != null && c[0] >= 3 && c[0] <= 4 && c[1] >= 4; break;
                case "rfm-potential-loyalists":
                    member = c != null && c[0] >= 4 && c[1] >= 2 && c[1] <= 3; break;
                case "rfm-new-customers": member = c != null && c[0] == 5 && c[1] == 1; break;
                case "rfm-promising": member = c != null && c[0] == 4 && c[1] == 1; break;
                case "rfm-need-attention": member = c != null && c[0] == 3 && c[1] == 3; break;
                case "rfm-about-to-sleep": member = c != null && c[0] == 3 && c[1] <= 2; break;
                case "rfm-at-risk": member = c != null && c[0] <= 2 && c[1] >= 3 && c[1] <= 4;
                    break;
                case "rfm-cant-lose-them": member = c != null && c[0] <= 2 && c[1] == 5; break;
                case "rfm-hibernating": member = c != null && c[0] <= 2 && c[1] <= 2; break;
                default: throw new IllegalArgumentException("unknown segment " + segmentId);
            }
            if (member) {
                out.add(v);
            }
        }
        return out;
    }
}
