package dev.segmentkit.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Renders a definition in the canonical form that {@link Fingerprint} hashes; see there for the
 * rules. Hand-written because the domain package has no JSON library.
 */
final class CanonicalForm implements Condition.Visitor<String> {

    private static final CanonicalForm INSTANCE = new CanonicalForm();

    private CanonicalForm() {
    }

    static String render(SegmentDefinition definition) {
        return "{\"condition\":" + definition.condition().accept(INSTANCE) + "}";
    }

    @Override
    public String visitAllOf(Condition.AllOf allOf) {
        return "{\"conditions\":" + sortedSet(children(allOf.conditions())) + ",\"type\":\"allOf\"}";
    }

    @Override
    public String visitAnyOf(Condition.AnyOf anyOf) {
        return "{\"conditions\":" + sortedSet(children(anyOf.conditions())) + ",\"type\":\"anyOf\"}";
    }

    @Override
    public String visitNot(Condition.Not not) {
        return "{\"condition\":" + not.condition().accept(this) + ",\"type\":\"not\"}";
    }

    @Override
    public String visitPerformed(Condition.Performed p) {
        StringBuilder out = new StringBuilder("{\"aggregate\":");
        string(out, p.aggregate().function().name().toLowerCase(java.util.Locale.ROOT));
        out.append(",\"event\":").append(event(p.event()));
        out.append(",\"op\":");
        string(out, p.operator().symbol());
        p.aggregate().property().ifPresent(prop -> {
            out.append(",\"property\":");
            string(out, prop);
        });
        out.append(",\"type\":\"performed\",\"value\":").append(p.threshold().toPlainString());
        out.append(",\"window\":").append(window(p.window())).append('}');
        return out.toString();
    }

    @Override
    public String visitAbandoned(Condition.Abandoned a) {
        return "{\"completion\":" + event(a.completion()) + ",\"start\":" + event(a.start())
                + ",\"type\":\"abandoned\",\"window\":" + window(a.window()) + "}";
    }

    @Override
    public String visitAttribute(Condition.Attribute attribute) {
        return predicate(attribute.predicate(), "attribute");
    }

    @Override
    public String visitScore(Condition.Score s) {
        return "{\"dimension\":\"" + s.dimension() + "\",\"max\":" + s.max() + ",\"min\":" + s.min()
                + ",\"model\":\"" + s.model() + "\",\"type\":\"score\"}";
    }

    private List<String> children(List<Condition> conditions) {
        List<String> out = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            out.add(c.accept(this));
        }
        return out;
    }

    private static String event(EventFilter filter) {
        StringBuilder out = new StringBuilder("{\"name\":");
        string(out, filter.name());
        List<String> where = new ArrayList<>();
        for (PropertyPredicate p : filter.where()) {
            where.add(predicate(p, null));
        }
        out.append(",\"where\":").append(sortedSet(where)).append('}');
        return out.toString();
    }

    private static String predicate(PropertyPredicate p, String type) {
        StringBuilder out = new StringBuilder("{\"op\":");
        string(out, p.operator().symbol());
        out.append(",\"property\":");
        string(out, p.property());
        if (type != null) {
            out.append(",\"type\":");
            string(out, type);
        }
        switch (p.operator()) {
            case EXISTS:
                break;
            case IN: {
                List<String> values = new ArrayList<>();
                for (Value v : p.operands()) {
                    values.add(value(v));
                }
                out.append(",\"value\":").append(sortedSet(values));
                break;
            }
            default:
                out.append(",\"value\":").append(value(p.operands().get(0)));
                break;
        }
        return out.append('}').toString();
    }

    private static String window(TimeWindow window) {
        if (window instanceof TimeWindow.Last) {
            return "{\"last\":\"" + ((TimeWindow.Last) window).duration() + "\"}";
        }
        if (window instanceof TimeWindow.Between) {
            TimeWindow.Between b = (TimeWindow.Between) window;
            return "{\"from\":\"" + b.from() + "\",\"to\":\"" + b.to() + "\"}";
        }
        return "{\"ever\":true}";
    }

    private static String value(Value value) {
        if (value instanceof Value.Text) {
            StringBuilder out = new StringBuilder();
            string(out, ((Value.Text) value).text());
            return out.toString();
        }
        if (value instanceof Value.Number) {
            return ((Value.Number) value).number().toPlainString();
        }
        return Boolean.toString(((Value.Bool) value).bool());
    }

    private static String sortedSet(List<String> items) {
        return "[" + String.join(",", new TreeSet<>(items)) + "]";
    }

    /** Appends a JSON string literal (RFC 8259 escaping). */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
