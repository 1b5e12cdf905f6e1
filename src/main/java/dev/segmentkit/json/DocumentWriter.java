package dev.segmentkit.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import java.time.Duration;
import java.util.Locale;

/** Turns domain values into JSON trees, fields in a fixed, documented order. */
final class DocumentWriter implements Condition.Visitor<ObjectNode> {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final DocumentWriter INSTANCE = new DocumentWriter();

    private DocumentWriter() {
    }

    static ObjectNode catalog(Catalog catalog) {
        ObjectNode o = NODES.objectNode();
        o.put("schemaVersion", Catalog.SCHEMA_VERSION);
        ArrayNode segments = o.putArray("segments");
        for (CatalogSegment entry : catalog.segments()) {
            ObjectNode s = segment(entry.segment());
            if (!entry.members().isEmpty()) {
                ArrayNode members = s.putArray("members");
                entry.members().forEach(members::add);
            }
            segments.add(s);
        }
        return o;
    }

    static ObjectNode segment(Segment segment) {
        ObjectNode o = NODES.objectNode();
        o.put("id", segment.id().value());
        o.put("name", segment.name());
        o.put("description", segment.description());
        o.put("origin", segment.origin().name());
        o.put("revision", segment.revision());
        o.set("definition", definition(segment.definition()));
        return o;
    }

    static ObjectNode definition(SegmentDefinition definition) {
        ObjectNode o = NODES.objectNode();
        o.set("condition", condition(definition.condition()));
        return o;
    }

    static ObjectNode condition(Condition condition) {
        return condition.accept(INSTANCE);
    }

    static ObjectNode targetGroup(TargetGroup group) {
        ObjectNode o = NODES.objectNode();
        o.put("schemaVersion", 1);
        o.put("id", group.id().value());
        o.put("name", group.name());
        o.put("version", group.version());
        o.put("createdAt", group.createdAt().toString());
        o.put("updatedAt", group.updatedAt().toString());
        SegmentSnapshot s = group.snapshot();
        ObjectNode snapshot = o.putObject("snapshot");
        snapshot.put("segmentId", s.segmentId().value());
        snapshot.put("segmentName", s.segmentName());
        snapshot.put("origin", s.origin().name());
        snapshot.set("definition", definition(s.definition()));
        snapshot.put("revision", s.revision());
        snapshot.put("fingerprint", s.fingerprint().hex());
        snapshot.put("importedAt", s.importedAt().toString());
        snapshot.put("dataAsOf", s.dataAsOf().toString());
        snapshot.put("memberCount", s.memberCount());
        ArrayNode history = o.putArray("history");
        for (ImportRecord r : group.history()) {
            ObjectNode h = history.addObject();
            h.put("sequence", r.sequence());
            h.put("kind", r.kind().name());
            h.put("at", r.at().toString());
            h.put("revision", r.revision());
            h.put("fingerprint", r.fingerprint().hex());
            h.put("memberCount", r.memberCount());
            h.put("added", r.added());
            h.put("removed", r.removed());
            r.importedBy().ifPresent(by -> h.put("importedBy", by));
        }
        return o;
    }

    @Override
    public ObjectNode visitAllOf(Condition.AllOf allOf) {
        ObjectNode o = typed("allOf");
        ArrayNode list = o.putArray("conditions");
        allOf.conditions().forEach(c -> list.add(c.accept(this)));
        return o;
    }

    @Override
    public ObjectNode visitAnyOf(Condition.AnyOf anyOf) {
        ObjectNode o = typed("anyOf");
        ArrayNode list = o.putArray("conditions");
        anyOf.conditions().forEach(c -> list.add(c.accept(this)));
        return o;
    }

    @Override
    public ObjectNode visitNot(Condition.Not not) {
        ObjectNode o = typed("not");
        o.set("condition", not.condition().accept(this));
        return o;
    }

    @Override
    public ObjectNode visitPerformed(Condition.Performed performed) {
        ObjectNode o = typed("performed");
        o.set("event", event(performed.event()));
        o.put("aggregate", performed.aggregate().function().name().toLowerCase(Locale.ROOT));
        performed.aggregate().property().ifPresent(p -> o.put("property", p));
        o.put("op", performed.operator().symbol());
        o.put("value", performed.threshold());
        o.set("window", window(performed.window()));
        return o;
    }

    @Override
    public ObjectNode visitAbandoned(Condition.Abandoned abandoned) {
        ObjectNode o = typed("abandoned");
        o.set("start", event(abandoned.start()));
        o.set("completion", event(abandoned.completion()));
        o.set("window", window(abandoned.window()));
        return o;
    }

    @Override
    public ObjectNode visitAttribute(Condition.Attribute attribute) {
        ObjectNode o = typed("attribute");
        predicate(o, attribute.predicate());
        return o;
    }

    @Override
    public ObjectNode visitScore(Condition.Score score) {
        ObjectNode o = typed("score");
        o.put("model", score.model().name());
        o.put("dimension", score.dimension().name());
        o.put("min", score.min());
        o.put("max", score.max());
        return o;
    }

    private static ObjectNode typed(String type) {
        ObjectNode o = NODES.objectNode();
        o.put("type", type);
        return o;
    }

    private static ObjectNode event(EventFilter filter) {
        ObjectNode o = NODES.objectNode();
        o.put("name", filter.name());
        if (!filter.where().isEmpty()) {
            ArrayNode where = o.putArray("where");
            for (PropertyPredicate p : filter.where()) {
                predicate(where.addObject(), p);
            }
        }
        return o;
    }

    private static void predicate(ObjectNode o, PropertyPredicate p) {
        o.put("property", p.property());
        o.put("op", p.operator().symbol());
        if (p.operator() == Operator.IN) {
            ArrayNode values = o.putArray("value");
            p.operands().forEach(v -> values.add(value(v)));
        } else if (p.operator() != Operator.EXISTS) {
            o.set("value", value(p.operands().get(0)));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Value value) {
        if (value instanceof Value.Text) {
            return NODES.textNode(((Value.Text) value).text());
        }
        if (value instanceof Value.Number) {
            return NODES.numberNode(((Value.Number) value).number());
        }
        return NODES.booleanNode(((Value.Bool) value).bool());
    }

    private static ObjectNode window(TimeWindow window) {
        ObjectNode o = NODES.objectNode();
        if (window instanceof TimeWindow.Last) {
            Duration d = ((TimeWindow.Last) window).duration();
            boolean wholeDays = d.getNano() == 0 && d.getSeconds() % 86_400 == 0;
            o.put("last", wholeDays ? "P" + d.toDays() + "D" : d.toString());
        } else if (window instanceof TimeWindow.Between) {
            TimeWindow.Between b = (TimeWindow.Between) window;
            o.put("from", b.from().toString());
            o.put("to", b.to().toString());
        } else {
            o.put("ever", true);
        }
        return o;
    }
}
