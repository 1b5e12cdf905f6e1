package dev.segmentkit.rfm;

import static dev.segmentkit.segment.Condition.allOf;
import static dev.segmentkit.segment.Condition.score;
import static dev.segmentkit.segment.ScoreDimension.E;
import static dev.segmentkit.segment.ScoreDimension.F;
import static dev.segmentkit.segment.ScoreDimension.M;
import static dev.segmentkit.segment.ScoreDimension.R;
import static dev.segmentkit.segment.ScoreModel.RFE;
import static dev.segmentkit.segment.ScoreModel.RFM;
import static dev.segmentkit.segment.ScoreModel.RFM_QUINTILE;

import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The predefined segments derived from the RFM and RFE models: sixteen ordinary
 * {@link Segment}s of origin {@link SegmentOrigin#PREDEFINED}, written in the condition language
 * ({@code score} and {@code abandoned}), so they list, export, fingerprint and import like custom
 * ones. Their ids, names and rules are a contract (see the README's "RFM and RFE" section).
 *
 * <p>A segment's revision is {@code predefined-<catalog version>:<hash>}, the hash covering the
 * {@linkplain ScoringConfig#canonicalForm(Set) configuration} (lookback and thresholds) of the
 * models its definition refers to: changing them changes the revision, so target groups imported
 * from the segment show as stale; a change of another model's configuration does not.
 *
 * <p>Thread-safe: stateless; every method returns immutable values.
 */
public final class PredefinedCatalog {

    /** The version of the catalog's definitions, part of every revision. */
    static final int VERSION = 1;

    private static final Duration ABANDONMENT_WINDOW = Duration.ofDays(7);

    private record Entry(String id, String name, String description, Condition condition) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("top-buyers", "Top Buyers",
                    "Buyers with the best RFM frequency and monetary scores (F = 3, M = 3).",
                    allOf(score(RFM, F, 3, 3), score(RFM, M, 3, 3))),
            new Entry("big-spenders", "Big Spenders",
                    "Buyers with the best RFM monetary score (M = 3).",
                    score(RFM, M, 3, 3)),
            new Entry("recent-cart-abandoners", "Recent Shopping Cart Abandoners",
                    "Visitors who added to the cart in the last 7 days and ordered neither then "
                            + "nor since.",
                    Condition.abandoned(EventFilter.named("add_to_cart"),
                            EventFilter.named("order"), TimeWindow.last(ABANDONMENT_WINDOW))),
            new Entry("inactive-high-value-buyers", "Inactive Buyers With High Value",
                    "Buyers with the worst RFM recency and the best monetary score (R = 1, M = 3).",
                    allOf(score(RFM, R, 1, 1), score(RFM, M, 3, 3))),
            new Entry("frequent-engaged-visitors", "Frequent Visitors With Many Page Impressions",
                    "Visitors with the best RFE frequency and engagement scores (F = 3, E = 3).",
                    allOf(score(RFE, F, 3, 3), score(RFE, E, 3, 3))),
            new Entry("frequent-visitors-rarely-buying", "Frequent Visitors Who Rarely Buy",
                    "Frequent, engaged visitors (RFE F = 3, E = 3) whose last order is long ago "
                            + "(RFM R = 1).",
                    allOf(score(RFE, F, 3, 3), score(RFE, E, 3, 3), score(RFM, R, 1, 1))),
            quintile("rfm-champions", "Champions",
                    "Bought recently, buy often.", 5, 5, 4, 5),
            quintile("rfm-loyal-customers", "Loyal Customers",
                    "Buy often, fairly recently.", 3, 4, 4, 5),
            quintile("rfm-potential-loyalists", "Potential Loyalists",
                    "Recent buyers with a few orders.", 4, 5, 2, 3),
            quintile("rfm-new-customers", "New Customers",
                    "Bought very recently, for the first time or rarely.", 5, 5, 1, 1),
            quintile("rfm-promising", "Promising",
                    "Bought recently, rarely.", 4, 4, 1, 1),
            quintile("rfm-need-attention", "Need Attention",
                    "Average recency and frequency.", 3, 3, 3, 3),
            quintile("rfm-about-to-sleep", "About To Sleep",
                    "Average recency, few orders.", 3, 3, 1, 2),
            quintile("rfm-at-risk", "At Risk",
                    "Bought fairly often, but long ago.", 1, 2, 3, 4),
            quintile("rfm-cant-lose-them", "Can't Lose Them",
                    "Bought most often, but long ago.", 1, 2, 5, 5),
            quintile("rfm-hibernating", "Hibernating",
                    "Bought rarely and long ago.", 1, 2, 1, 2));

    private static final List<SegmentId> IDS = ENTRIES.stream()
            .map(entry -> SegmentId.of(entry.id())).toList();

    private PredefinedCatalog() {
    }

    private static Entry quintile(String id, String name, String text, int rMin, int rMax,
            int fMin, int fMax) {
        return new Entry(id, name, text + " Quintile RFM R " + range(rMin, rMax) + ", F "
                + range(fMin, fMax) + ".",
                allOf(score(RFM_QUINTILE, R, rMin, rMax), score(RFM_QUINTILE, F, fMin, fMax)));
    }

    private static String range(int min, int max) {
        return min == max ? "= " + min : min + "-" + max;
    }

    /**
     * Returns the ids of the predefined segments, in catalog order.
     *
     * @return the sixteen ids (an immutable list)
     */
    public static List<SegmentId> ids() {
        return IDS;
    }

    /**
     * Returns the predefined segments for a scoring configuration, in catalog order.
     *
     * @param config the scoring configuration, which their revisions reflect
     * @return the sixteen segments (an immutable list)
     * @throws NullPointerException if {@code config} is null
     */
    public static List<Segment> segments(ScoringConfig config) {
        Objects.requireNonNull(config, "config");
        List<Segment> out = new ArrayList<>(ENTRIES.size());
        for (Entry entry : ENTRIES) {
            out.add(new Segment(SegmentId.of(entry.id()), entry.name(), entry.description(),
                    SegmentOrigin.PREDEFINED, SegmentDefinition.of(entry.condition()),
                    revision(config, entry.condition())));
        }
        return List.copyOf(out);
    }

    /**
     * Returns the predefined segments for a scoring configuration by id, a read-only view for a
     * segment source.
     *
     * @param config the scoring configuration
     * @return the segments by id, in catalog order (an immutable map)
     * @throws NullPointerException if {@code config} is null
     */
    public static Map<SegmentId, Segment> byId(ScoringConfig config) {
        Map<SegmentId, Segment> out = new LinkedHashMap<>();
        for (Segment segment : segments(config)) {
            out.put(segment.id(), segment);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Finds one predefined segment.
     *
     * @param config the scoring configuration
     * @param id the segment id
     * @return the segment, or empty when no predefined segment has that id
     * @throws NullPointerException if an argument is null
     */
    public static Optional<Segment> find(ScoringConfig config, SegmentId id) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId(config).get(id));
    }

    /**
     * Returns the scoring models a condition refers to.
     *
     * @param condition the condition
     * @return the models of its {@code score} nodes (a new set)
     * @throws NullPointerException if {@code condition} is null
     */
    static Set<ScoreModel> modelsOf(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        Set<ScoreModel> models = EnumSet.noneOf(ScoreModel.class);
        condition.accept(new Condition.Visitor<Void>() {
            @Override
            public Void visitAllOf(Condition.AllOf allOf) {
                allOf.conditions().forEach(c -> c.accept(this));
                return null;
            }

            @Override
            public Void visitAnyOf(Condition.AnyOf anyOf) {
                anyOf.conditions().forEach(c -> c.accept(this));
                return null;
            }

            @Override
            public Void visitNot(Condition.Not not) {
                return not.condition().accept(this);
            }

            @Override
            public Void visitPerformed(Condition.Performed performed) {
                return null;
            }

            @Override
            public Void visitAbandoned(Condition.Abandoned abandoned) {
                return null;
            }

            @Override
            public Void visitAttribute(Condition.Attribute attribute) {
                return null;
            }

            @Override
            public Void visitScore(Condition.Score score) {
                models.add(score.model());
                return null;
            }
        });
        return models;
    }

    private static String revision(ScoringConfig config, Condition condition) {
        String canonical = "catalog=" + VERSION + ";" + config.canonicalForm(modelsOf(condition));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "predefined-" + VERSION + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
