package dev.segmentkit.sql;

import dev.segmentkit.history.HistoryPolicy;
import dev.segmentkit.rfm.RfmScoringPass;
import dev.segmentkit.rfm.ScoringConfig;
import dev.segmentkit.rfm.Thresholds;
import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One compilation of one condition tree: collects the per-visitor aggregates of the leaves, the
 * attribute and score tables they need, and assembles the query. Confined to one thread.
 *
 * <p>The query's shape: {@code sk_e} (events at or before T, columns renamed), {@code sk_open}
 * (sessions with an event in (T - S, T]), {@code sk_c} (the counted events), {@code sk_pop} (one
 * row per visitor of the population, one column per performed/abandoned leaf), {@code sk_aN}
 * (the latest value of each attribute), {@code sk_rfm}/{@code sk_rfe} (scores), then the boolean
 * tree over them. Every leaf yields TRUE or FALSE, never NULL, so NOT works as in logic.
 */
final class Compilation {

    /** The earliest instant bound as a timestamp; bounds before it are always passed. */
    static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant bound as a timestamp; bounds after it are never reached. */
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final String NL = "\n";

    private final SqlDialect d;
    private final EventsTable table;
    private final Instant asOf;
    private final Duration timeout;
    private final HistoryPolicy policy;
    private final ScoringConfig scoring;

    private final List<Sql> aggregates = new ArrayList<>();
    private final Map<Condition, Sql> leaves = new HashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> mappedColumns = new LinkedHashMap<>();
    private final Set<ScoreModel> models = EnumSet.noneOf(ScoreModel.class);
    private boolean usesJson;

    Compilation(SqlDialect dialect, EventsTable table, Instant asOf, Duration timeout,
            HistoryPolicy policy, ScoringConfig scoring) {
        if (asOf.isBefore(MIN) || asOf.isAfter(MAX)) {
            throw new IllegalArgumentException("as-of instant " + asOf
                    + " lies outside the years 1 to 9999 that SQL timestamps hold");
        }
        this.d = dialect;
        this.table = table;
        this.asOf = asOf;
        this.timeout = timeout;
        this.policy = policy;
        this.scoring = scoring;
    }

    CompiledQuery compile(Condition root) {
        Sql where = root.accept(new Leaves());
        Sql scores = scoreTables();
        Sql attributeTables = attributeTables();

        Sql q = new Sql().append("WITH sk_e AS (" + NL + "  SELECT ")
                .append(events())
                .append(NL + "  FROM " + tableName() + NL + "  WHERE " + column(table.timeColumn())
                        + " <= ").append(d.param(floor(asOf)))
                .append(NL + ")," + NL + "sk_open AS (" + NL
                        + "  SELECT DISTINCT sk_visitor, sk_session FROM sk_e" + NL
                        + "  WHERE ").append(after("sk_time", minus(asOf, timeout)))
                .append(NL + ")," + NL + "sk_c AS (" + NL + "  SELECT * FROM sk_e" + NL
                        + "  WHERE NOT EXISTS (SELECT 1 FROM sk_open"
                        + " WHERE sk_open.sk_visitor = sk_e.sk_visitor"
                        + (policy == HistoryPolicy.EXCLUDE_OPEN_SESSION_EVENTS
                                ? " AND sk_open.sk_session = sk_e.sk_session" : "")
                        + ")" + NL + ")," + NL + "sk_pop AS (" + NL + "  SELECT sk_visitor");
        for (Sql aggregate : aggregates) {
            q.append("," + NL + "    ").append(aggregate);
        }
        q.append(NL + "  FROM sk_c GROUP BY sk_visitor" + NL + ")");
        q.append(attributeTables).append(scores);
        q.append(NL + "SELECT sk_pop.sk_visitor FROM sk_pop");
        for (String alias : attributes.values()) {
            q.append(NL + "  LEFT JOIN " + alias + " ON " + alias
                    + ".sk_visitor = sk_pop.sk_visitor");
        }
        if (models.contains(ScoreModel.RFM) || models.contains(ScoreModel.RFM_QUINTILE)) {
            q.append(NL + "  LEFT JOIN sk_rfm ON sk_rfm.sk_visitor = sk_pop.sk_visitor");
        }
        if (models.contains(ScoreModel.RFE)) {
            q.append(NL + "  LEFT JOIN sk_rfe ON sk_rfe.sk_visitor = sk_pop.sk_visitor");
        }
        q.append(NL + "WHERE ").append(where)
                .append(NL + "ORDER BY " + d.binary("sk_pop.sk_visitor"));
        return new CompiledQuery(q.text(), q.params(), d, asOf);
    }

    // ---- the events, renamed

    private Sql events() {
        Sql s = Sql.of("CAST(" + column(table.visitorColumn()) + " AS "
                + d.typeOf("") + ") AS sk_visitor, "
                + column(table.sessionColumn()) + " AS sk_session, "
                + column(table.timeColumn()) + " AS sk_time, "
                + column(table.eventColumn()) + " AS sk_event");
        if (usesJson) {
            s.append(", ").append(d.json(column(table.propertiesColumn().orElseThrow())))
                    .append(" AS sk_props");
        }
        table.orderColumn().ifPresent(c -> s.append(", " + column(c) + " AS sk_order"));
        mappedColumns.forEach((property, alias) -> s.append(", "
                + column(table.propertyColumns().get(property).column()) + " AS " + alias));
        return s;
    }

    private String tableName() {
        List<String> quoted = new ArrayList<>();
        table.table().forEach(part -> quoted.add(d.quote(part)));
        return String.join(".", quoted);
    }

    private String column(String name) {
        return d.quote(name);
    }

    // ---- properties

    /** A property's raw value on a row, and how to read it. */
    private record Ref(Sql value, EventsTable.ColumnType type) {
        // type null: a JSON value
    }

    /** The property on a counted event (a row of sk_c). */
    private Ref property(String property) {
        EventsTable.PropertyColumn mapped = table.propertyColumns().get(property);
        if (mapped != null) {
            String alias = mappedColumns.computeIfAbsent(property,
                    p -> "sk_p" + mappedColumns.size());
            return new Ref(Sql.of(alias), mapped.type());
        }
        if (table.propertiesColumn().isEmpty()) {
            throw new IllegalArgumentException("property '" + property + "' has no column in "
                    + String.join(".", table.table()) + ": map it with propertyColumn(...) or "
                    + "declare a JSON properties column");
        }
        usesJson = true;
        return new Ref(d.jsonMember(Sql.of("sk_props"), property), null);
    }

    private Sql present(Ref r) {
        if (r.type() == null) {
            return coalesce(d.jsonIsScalar(r.value()));
        }
        return new Sql().append("(").append(r.value()).append(" IS NOT NULL)");
    }

    /** The value as the dialect's exact number, NULL unless a number; null if never one. */
    private Sql number(Ref r) {
        if (r.type() == null) {
            return new Sql().append("CASE WHEN ").append(d.jsonIsNumber(r.value()))
                    .append(" THEN CAST(").append(d.jsonText(r.value()))
                    .append(" AS " + d.numericType() + ") END");
        }
        return r.type() == EventsTable.ColumnType.NUMBER
                ? new Sql().append("CAST(").append(r.value()).append(" AS " + d.numericType() + ")")
                : null;
    }

    /** The value as text, NULL unless a string; null if never one. */
    private Sql text(Ref r) {
        if (r.type() == null) {
            return new Sql().append("CASE WHEN ").append(d.jsonIsString(r.value()))
                    .append(" THEN ").append(d.jsonText(r.value())).append(" END");
        }
        return r.type() == EventsTable.ColumnType.STRING ? new Sql().append(r.value()) : null;
    }

    /** The value as 'true' or 'false', NULL unless a boolean; null if never one. */
    private Sql bool(Ref r) {
        if (r.type() == null) {
            return new Sql().append("CASE WHEN ").append(d.jsonIsBoolean(r.value()))
                    .append(" THEN ").append(d.jsonText(r.value())).append(" END");
        }
        return r.type() == EventsTable.ColumnType.BOOLEAN
                ? new Sql().append("CASE WHEN ").append(r.value()).append(" THEN 'true' WHEN NOT ")
                        .append(r.value()).append(" THEN 'false' END")
                : null;
    }

    private Sql predicate(PropertyPredicate p, Ref r) {
        Operator op = p.operator();
        switch (op) {
            case EXISTS:
                return present(r);
            case EQ:
                return equal(r, p.operands().get(0));
            case NE:
                return new Sql().append("(").append(present(r)).append(" AND NOT ")
                        .append(equal(r, p.operands().get(0))).append(")");
            case IN: {
                List<Sql> any = new ArrayList<>();
                for (Value operand : p.operands()) {
                    any.add(equal(r, operand));
                }
                return Sql.join(" OR ", any).parens();
            }
            case GT:
            case GTE:
            case LT:
            case LTE: {
                Value operand = p.operands().get(0);
                Sql number = number(r);
                if (!(operand instanceof Value.Number) || number == null) {
                    return Sql.of("FALSE");
                }
                return coalesce(number.append(" " + symbol(op) + " ")
                        .append(d.param(((Value.Number) operand).number())));
            }
            case CONTAINS:
            case STARTS_WITH: {
                Sql text = text(r);
                if (text == null) {
                    return Sql.of("FALSE");
                }
                Sql operand = d.param(((Value.Text) p.operands().get(0)).text());
                return coalesce(op == Operator.CONTAINS ? d.contains(text, operand)
                        : d.startsWith(text, operand));
            }
            default:
                throw new IllegalStateException("unknown operator " + op);
        }
    }

    private Sql equal(Ref r, Value operand) {
        Sql actual;
        Object value;
        if (operand instanceof Value.Number) {
            actual = number(r);
            value = ((Value.Number) operand).number();
        } else if (operand instanceof Value.Text) {
            actual = text(r);
            value = ((Value.Text) operand).text();
        } else {
            actual = bool(r);
            value = Boolean.toString(((Value.Bool) operand).bool());
        }
        if (actual == null) {
            return Sql.of("FALSE");
        }
        return coalesce(actual.append(" = ").append(d.param(value)));
    }

    private static Sql coalesce(Sql condition) {
        return new Sql().append("COALESCE(").append(condition).append(", FALSE)");
    }

    private static String symbol(Operator op) {
        switch (op) {
            case EQ:
                return "=";
            case NE:
                return "<>";
            case GT:
                return ">";
            case GTE:
                return ">=";
            case LT:
                return "<";
            case LTE:
                return "<=";
            default:
                throw new IllegalArgumentException("not a comparison: " + op.symbol());
        }
    }

    /** The event matches the filter: its name, and every predicate on its properties. */
    private Sql matches(EventFilter filter) {
        List<Sql> all = new ArrayList<>();
        all.add(new Sql().append("sk_event = ").append(d.param(filter.name())));
        for (PropertyPredicate p : filter.where()) {
            all.add(predicate(p, property(p.property())));
        }
        return Sql.join(" AND ", all);
    }

    // ---- time

    /** The event time lies in the window (events after T are gone already); null: always. */
    private Sql window(TimeWindow window) {
        if (window instanceof TimeWindow.Last) {
            return after("sk_time", minus(asOf, ((TimeWindow.Last) window).duration()));
        }
        if (window instanceof TimeWindow.Between) {
            TimeWindow.Between b = (TimeWindow.Between) window;
            return new Sql().append(notBefore("sk_time", b.from())).append(" AND ")
                    .append(before("sk_time", b.to()));
        }
        return null;
    }

    private static Instant minus(Instant t, Duration d) {
        try {
            return t.minus(d);
        } catch (DateTimeException | ArithmeticException farBack) {
            return Instant.MIN;
        }
    }

    /** {@code column > bound}; exact for microsecond timestamps. */
    private Sql after(String column, Instant bound) {
        if (bound.isBefore(MIN)) {
            return Sql.of("TRUE");
        }
        if (bound.isAfter(MAX)) {
            return Sql.of("FALSE");
        }
        return new Sql().append(column + " > ").append(d.param(floor(bound)));
    }

    /** {@code column >= bound}. */
    private Sql notBefore(String column, Instant bound) {
        if (bound.isBefore(MIN)) {
            return Sql.of("TRUE");
        }
        if (bound.isAfter(MAX)) {
            return Sql.of("FALSE");
        }
        return new Sql().append(column + " >= ").append(d.param(ceil(bound)));
    }

    /** {@code column < bound}. */
    private Sql before(String column, Instant bound) {
        if (bound.isAfter(MAX)) {
            return Sql.of("TRUE");
        }
        if (bound.isBefore(MIN)) {
            return Sql.of("FALSE");
        }
        return new Sql().append(column + " < ").append(d.param(ceil(bound)));
    }

    static Instant floor(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    static Instant ceil(Instant t) {
        Instant floor = floor(t);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MICROS);
    }

    // ---- leaves

    private String aggregate(Sql expression) {
        String alias = "sk_l" + aggregates.size();
        aggregates.add(expression.append(" AS " + alias));
        return "sk_pop." + alias;
    }

    private Sql when(Sql... conditions) {
        List<Sql> present = new ArrayList<>();
        for (Sql c : conditions) {
            if (c != null) {
                present.add(c);
            }
        }
        return Sql.join(" AND ", present);
    }

    private final class Leaves implements Condition.Visitor<Sql> {

        private Sql tree(String operator, List<Condition> conditions) {
            List<Sql> parts = new ArrayList<>();
            for (Condition c : conditions) {
                parts.add(c.accept(this));
            }
            return Sql.join(" " + operator + " ", parts).parens();
        }

        @Override
        public Sql visitAllOf(Condition.AllOf allOf) {
            return tree("AND", allOf.conditions());
        }

        @Override
        public Sql visitAnyOf(Condition.AnyOf anyOf) {
            return tree("OR", anyOf.conditions());
        }

        @Override
        public Sql visitNot(Condition.Not not) {
            return new Sql().append("(NOT ").append(not.condition().accept(this)).append(")");
        }

        @Override
        public Sql visitPerformed(Condition.Performed performed) {
            Sql known = leaves.get(performed);
            if (known != null) {
                return new Sql().append(known);
            }
            Sql condition = when(matches(performed.event()), window(performed.window()));
            String column;
            if (performed.aggregate().function() == Aggregate.Function.COUNT) {
                column = aggregate(new Sql().append("COUNT(CASE WHEN ").append(condition)
                        .append(" THEN 1 END)"));
            } else {
                Sql number = number(property(performed.aggregate().property().orElseThrow()));
                Sql zero = Sql.of("CAST(0 AS " + d.numericType() + ")");
                column = aggregate(number == null ? zero
                        : new Sql().append("COALESCE(SUM(CASE WHEN ").append(condition)
                                .append(" THEN ").append(number).append(" END), ").append(zero)
                                .append(")"));
            }
            Sql leaf = new Sql().append("(" + column + " " + symbol(performed.operator()) + " ")
                    .append(d.param(performed.threshold())).append(")");
            leaves.put(performed, leaf);
            return new Sql().append(leaf);
        }

        @Override
        public Sql visitAbandoned(Condition.Abandoned abandoned) {
            Sql known = leaves.get(abandoned);
            if (known != null) {
                return new Sql().append(known);
            }
            String started = aggregate(new Sql().append("MAX(CASE WHEN ")
                    .append(when(matches(abandoned.start()), window(abandoned.window())))
                    .append(" THEN sk_time END)"));
            String completed = aggregate(new Sql().append("MAX(CASE WHEN ")
                    .append(matches(abandoned.completion())).append(" THEN sk_time END)"));
            Sql leaf = Sql.of("(" + started + " IS NOT NULL AND (" + completed + " IS NULL OR "
                    + started + " > " + completed + "))");
            leaves.put(abandoned, leaf);
            return new Sql().append(leaf);
        }

        @Override
        public Sql visitAttribute(Condition.Attribute attribute) {
            PropertyPredicate p = attribute.predicate();
            Ref onEvent = property(p.property());
            String alias = attributes.computeIfAbsent(p.property(),
                    name -> "sk_a" + attributes.size());
            return predicate(p, new Ref(Sql.of(alias + ".sk_v"), onEvent.type()));
        }

        @Override
        public Sql visitScore(Condition.Score score) {
            models.add(score.model());
            String column = "sk_" + (score.model() == ScoreModel.RFE ? "rfe" : "rfm") + "."
                    + scoreColumn(score.model(), score.dimension());
            return coalesce(new Sql().append(column + " BETWEEN ")
                    .append(d.param((long) score.min())).append(" AND ")
                    .append(d.param((long) score.max())));
        }
    }

    // ---- attribute tables

    private Sql attributeTables() {
        Sql out = new Sql();
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            Ref r = property(entry.getKey());
            String tieBreak = table.orderColumn().isPresent() ? "sk_order DESC"
                    : d.binary("sk_session") + " DESC, " + d.binary("sk_event") + " DESC";
            out.append("," + NL + entry.getValue() + " AS (" + NL
                    + "  SELECT sk_visitor, sk_v FROM (" + NL + "    SELECT sk_visitor, ")
                    .append(r.value()).append(" AS sk_v," + NL
                            + "      ROW_NUMBER() OVER (PARTITION BY sk_visitor"
                            + " ORDER BY sk_time DESC, " + tieBreak + ") AS sk_rn" + NL
                            + "    FROM sk_c WHERE ").append(present(r))
                    .append(NL + "  ) sk_x WHERE sk_rn = 1" + NL + ")");
        }
        return out;
    }

    // ---- score tables

    private static String scoreColumn(ScoreModel model, ScoreDimension dimension) {
        String prefix = model == ScoreModel.RFM_QUINTILE ? "sk_q_" : "sk_s_";
        switch (dimension) {
            case R:
                return prefix + "r";
            case F:
                return prefix + "f";
            default:
                return prefix + "v";
        }
    }

    private Sql scoreTables() {
        Sql out = new Sql();
        boolean rfm = models.contains(ScoreModel.RFM) || models.contains(ScoreModel.RFM_QUINTILE);
        if (rfm) {
            Sql revenue = number(property(RfmScoringPass.REVENUE));
            Sql zero = Sql.of("CAST(0 AS " + d.numericType() + ")");
            Sql value = revenue == null ? zero
                    : new Sql().append("COALESCE(").append(revenue).append(", ").append(zero)
                            .append(")");
            out.append("," + NL + "sk_rfm_raw AS (" + NL
                    + "  SELECT sk_visitor, MAX(sk_time) AS sk_r, COUNT(*) AS sk_f, SUM(")
                    .append(value).append(") AS sk_v" + NL + "  FROM sk_c WHERE sk_event = ")
                    .append(d.param(RfmScoringPass.ORDER)).append(" AND ")
                    .append(after("sk_time", minus(asOf, scoring.rfmLookback())))
                    .append(NL + "  GROUP BY sk_visitor" + NL + ")," + NL + "sk_rfm AS (" + NL
                            + "  SELECT sk_visitor");
            for (ScoreModel model : List.of(ScoreModel.RFM, ScoreModel.RFM_QUINTILE)) {
                if (models.contains(model)) {
                    out.append(scores(model));
                }
            }
            out.append(NL + "  FROM sk_rfm_raw" + NL + ")");
        }
        if (models.contains(ScoreModel.RFE)) {
            out.append("," + NL + "sk_rfe_raw AS (" + NL
                    + "  SELECT sk_visitor, MAX(sk_time) AS sk_r,"
                    + " COUNT(DISTINCT sk_session) AS sk_f, COUNT(CASE WHEN sk_event = ")
                    .append(d.param(RfmScoringPass.PAGE_VIEW))
                    .append(" THEN 1 END) AS sk_v" + NL + "  FROM sk_c WHERE ")
                    .append(after("sk_time", minus(asOf, scoring.rfeLookback())))
                    .append(NL + "  GROUP BY sk_visitor" + NL + ")," + NL + "sk_rfe AS (" + NL
                            + "  SELECT sk_visitor").append(scores(ScoreModel.RFE))
                    .append(NL + "  FROM sk_rfe_raw" + NL + ")");
        }
        return out;
    }

    /** The three score columns of a model, over sk_r, sk_f and sk_v of its raw table. */
    private Sql scores(ScoreModel model) {
        Sql out = new Sql();
        Optional<Thresholds> configured = scoring.thresholds(model);
        ScoreDimension third = model == ScoreModel.RFE ? ScoreDimension.E : ScoreDimension.M;
        for (ScoreDimension dimension : List.of(ScoreDimension.R, ScoreDimension.F, third)) {
            String raw = dimension == ScoreDimension.R ? "sk_r"
                    : dimension == ScoreDimension.F ? "sk_f" : "sk_v";
            out.append("," + NL + "    ");
            if (configured.isEmpty()) {
                // 1 + floor(k * below(v) / n), below(v) = rank() - 1
                out.append("1 + ").append(d.divide(
                        Sql.of(model.maxScore() + " * (RANK() OVER (ORDER BY " + raw + ") - 1)"),
                        Sql.of("COUNT(*) OVER ()")));
            } else if (dimension == ScoreDimension.R) {
                // days = floor((T - r) / 24h) <= a  <=>  r > T - (a + 1) days
                out.append("1");
                for (long days : configured.get().recencyDays()) {
                    out.append(" + CASE WHEN ").append(after(raw, minusDays(asOf, days)))
                            .append(" THEN 1 ELSE 0 END");
                }
            } else {
                out.append("1");
                for (BigDecimal cut : configured.get().cuts(dimension)) {
                    out.append(" + CASE WHEN " + raw + " >= ").append(d.param(cut))
                            .append(" THEN 1 ELSE 0 END");
                }
            }
            out.append(" AS " + scoreColumn(model, dimension));
        }
        return out;
    }

    private static Instant minusDays(Instant t, long days) {
        try {
            return minus(t, Duration.ofDays(Math.addExact(days, 1)));
        } catch (ArithmeticException farBack) {
            return Instant.MIN;
        }
    }
}
