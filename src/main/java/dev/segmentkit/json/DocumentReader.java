package dev.segmentkit.json;

import static dev.segmentkit.json.JsonPaths.field;
import static dev.segmentkit.json.JsonPaths.index;
import static dev.segmentkit.json.Nodes.build;
import static dev.segmentkit.json.Nodes.object;
import static dev.segmentkit.json.Nodes.onlyFields;
import static dev.segmentkit.json.Nodes.required;
import static dev.segmentkit.json.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.Fingerprint;
import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.ScoreDimension;
import dev.segmentkit.segment.ScoreModel;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import dev.segmentkit.spi.MemberIds;
import dev.segmentkit.targetgroup.ImportRecord;
import dev.segmentkit.targetgroup.SegmentSnapshot;
import dev.segmentkit.targetgroup.TargetGroup;
import dev.segmentkit.targetgroup.TargetGroupId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Walks a parsed document into domain values; every problem is a {@link Failure} with its path. */
final class DocumentReader {

    static final String TYPE_NAMES = "allOf, anyOf, not, performed, abandoned, attribute, score";

    private static final Set<String> CATALOG = Set.of("schemaVersion", "segments");
    private static final Set<String> CATALOG_SEGMENT = Set.of("id", "name", "description", "origin",
            "revision", "definition", "members");
    private static final Set<String> SEGMENT = Set.of("id", "name", "description", "origin",
            "revision", "definition");
    private static final Set<String> DEFINITION = Set.of("condition");
    private static final Set<String> JUNCTION = Set.of("type", "conditions");
    private static final Set<String> NOT = Set.of("type", "condition");
    private static final Set<String> PERFORMED = Set.of("type", "event", "aggregate", "property",
            "op", "value", "window");
    private static final Set<String> ABANDONED = Set.of("type", "start", "completion", "window");
    private static final Set<String> ATTRIBUTE = Set.of("type", "property", "op", "value");
    private static final Set<String> SCORE = Set.of("type", "model", "dimension", "min", "max");
    private static final Set<String> EVENT = Set.of("name", "where");
    private static final Set<String> PREDICATE = Set.of("property", "op", "value");
    private static final Set<String> WINDOW = Set.of("last", "from", "to", "ever");
    private static final Set<String> TARGET_GROUP = Set.of("schemaVersion", "id", "name", "version",
            "createdAt", "updatedAt", "snapshot", "history");
    private static final Set<String> SNAPSHOT = Set.of("segmentId", "segmentName", "origin",
            "definition", "revision", "fingerprint", "importedAt", "dataAsOf", "memberCount");
    private static final Set<String> RECORD = Set.of("sequence", "kind", "at", "revision",
            "fingerprint", "memberCount", "added", "removed", "importedBy");

    private DocumentReader() {
    }

    static Catalog catalog(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, CATALOG);
        schemaVersion(o, path);
        String segmentsPath = field(path, "segments");
        JsonNode segments = Nodes.array(required(o, path, "segments"), segmentsPath);
        List<CatalogSegment> out = new ArrayList<>(segments.size());
        Map<SegmentId, Integer> seen = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String at = index(segmentsPath, i);
            CatalogSegment entry = catalogSegment(segments.get(i), at);
            Integer first = seen.putIfAbsent(entry.segment().id(), i);
            if (first != null) {
                throw new Failure("segment id '" + entry.segment().id() + "' is already used by "
                        + index(segmentsPath, first), field(at, "id"));
            }
            out.add(entry);
        }
        return new Catalog(out);
    }

    static void schemaVersion(ObjectNode o, String path) {
        long version = Nodes.integer(o, path, "schemaVersion");
        if (version != 1) {
            throw new Failure("unsupported schemaVersion " + version + " (this version reads 1)",
                    field(path, "schemaVersion"));
        }
    }

    static CatalogSegment catalogSegment(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, CATALOG_SEGMENT);
        Segment segment = segmentFields(o, path);
        List<String> members = List.of();
        JsonNode list = o.get("members");
        if (list != null) {
            String membersPath = field(path, "members");
            Nodes.array(list, membersPath);
            TreeSet<String> sorted = new TreeSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = index(membersPath, i);
                String member = text(list.get(i), at);
                String problem = MemberIds.problem(member);
                if (problem != null) {
                    throw new Failure(problem, at);
                }
                sorted.add(member);
            }
            members = List.copyOf(sorted);
        }
        List<String> finalMembers = members;
        return build(path, () -> new CatalogSegment(segment, finalMembers));
    }

    static Segment segment(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, SEGMENT);
        return segmentFields(o, path);
    }

    private static Segment segmentFields(ObjectNode o, String path) {
        SegmentId id = segmentId(o, path, "id");
        String name = text(o, path, "name");
        String description = Nodes.optionalText(o, path, "description").orElse("");
        SegmentOrigin origin = o.has("origin")
                ? Nodes.enumName(o, path, "origin", SegmentOrigin.class) : SegmentOrigin.CUSTOM;
        SegmentDefinition definition = definition(required(o, path, "definition"),
                field(path, "definition"));
        String revision = Nodes.optionalText(o, path, "revision")
                .orElseGet(() -> definition.fingerprint().hex());
        if (name.isBlank()) {
            throw new Failure("name must not be blank", field(path, "name"));
        }
        if (revision.isBlank()) {
            throw new Failure("revision must not be blank", field(path, "revision"));
        }
        return build(path, () -> new Segment(id, name, description, origin, definition, revision));
    }

    private static SegmentId segmentId(ObjectNode o, String path, String name) {
        String text = text(o, path, name);
        return build(field(path, name), () -> SegmentId.of(text));
    }

    static SegmentDefinition definition(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, DEFINITION);
        Condition condition = condition(required(o, path, "condition"), field(path, "condition"));
        return SegmentDefinition.of(condition);
    }

    static Condition condition(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        String type = text(o, path, "type");
        switch (type) {
            case "allOf":
            case "anyOf": {
                onlyFields(o, path, JUNCTION);
                String listPath = field(path, "conditions");
                JsonNode list = Nodes.array(required(o, path, "conditions"), listPath);
                List<Condition> children = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    children.add(condition(list.get(i), index(listPath, i)));
                }
                return build(listPath, () -> type.equals("allOf")
                        ? new Condition.AllOf(children) : new Condition.AnyOf(children));
            }
            case "not": {
                onlyFields(o, path, NOT);
                Condition child = condition(required(o, path, "condition"), field(path, "condition"));
                return new Condition.Not(child);
            }
            case "performed":
                return performed(o, path);
            case "abandoned": {
                onlyFields(o, path, ABANDONED);
                EventFilter start = event(required(o, path, "start"), field(path, "start"));
                EventFilter completion = event(required(o, path, "completion"),
                        field(path, "completion"));
                TimeWindow window = window(o, path);
                return new Condition.Abandoned(start, completion, window);
            }
            case "attribute": {
                onlyFields(o, path, ATTRIBUTE);
                return new Condition.Attribute(predicate(o, path));
            }
            case "score": {
                onlyFields(o, path, SCORE);
                ScoreModel model = Nodes.enumName(o, path, "model", ScoreModel.class);
                ScoreDimension dimension = Nodes.enumName(o, path, "dimension", ScoreDimension.class);
                int min = Nodes.smallInteger(o, path, "min");
                int max = Nodes.smallInteger(o, path, "max");
                return build(path, () -> new Condition.Score(model, dimension, min, max));
            }
            default:
                throw new Failure("unknown condition type '" + type + "' (expected one of "
                        + TYPE_NAMES + ")", field(path, "type"));
        }
    }

    private static Condition performed(ObjectNode o, String path) {
        onlyFields(o, path, PERFORMED);
        EventFilter event = event(required(o, path, "event"), field(path, "event"));
        String aggregatePath = field(path, "aggregate");
        String function = text(o, path, "aggregate");
        Optional<String> property = Nodes.optionalText(o, path, "property");
        Aggregate aggregate;
        if (function.equals("count")) {
            if (property.isPresent()) {
                throw new Failure("aggregate count takes no property", field(path, "property"));
            }
            aggregate = Aggregate.count();
        } else if (function.equals("sum")) {
            if (property.isEmpty()) {
                throw new Failure("aggregate sum needs a property", path, path, null);
            }
            aggregate = build(field(path, "property"), () -> Aggregate.sum(property.get()));
        } else {
            throw new Failure("unknown aggregate '" + function + "' (expected count or sum)",
                    aggregatePath);
        }
        Operator operator = operator(o, path);
        String valuePath = field(path, "value");
        BigDecimal threshold = Nodes.number(required(o, path, "value"), valuePath);
        if (!operator.isComparison()) {
            throw new Failure("performed needs a comparison operator (eq ne gt gte lt lte), got "
                    + operator.symbol(), field(path, "op"));
        }
        if (threshold.signum() < 0) {
            throw new Failure("performed threshold must not be negative, got "
                    + threshold.toPlainString(), valuePath);
        }
        TimeWindow window = window(o, path);
        return build(path, () -> new Condition.Performed(event, aggregate, operator, threshold,
                window));
    }

    static EventFilter event(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, EVENT);
        String name = text(o, path, "name");
        if (name.isBlank()) {
            throw new Failure("event name must not be blank", field(path, "name"));
        }
        List<PropertyPredicate> where = new ArrayList<>();
        JsonNode list = o.get("where");
        if (list != null) {
            String wherePath = field(path, "where");
            Nodes.array(list, wherePath);
            for (int i = 0; i < list.size(); i++) {
                String at = index(wherePath, i);
                ObjectNode p = object(list.get(i), at);
                onlyFields(p, at, PREDICATE);
                where.add(predicate(p, at));
            }
        }
        return build(path, () -> new EventFilter(name, where));
    }

    private static PropertyPredicate predicate(ObjectNode o, String path) {
        String property = text(o, path, "property");
        if (property.isBlank()) {
            throw new Failure("property must not be blank", field(path, "property"));
        }
        Operator operator = operator(o, path);
        JsonNode value = o.get("value");
        String valuePath = field(path, "value");
        List<Value> operands = new ArrayList<>();
        if (operator == Operator.EXISTS) {
            if (value != null) {
                throw new Failure("operator exists takes no value", valuePath);
            }
        } else if (value == null) {
            throw new Failure("missing required field 'value' (operator " + operator.symbol()
                    + " needs " + (operator == Operator.IN ? "an array of values" : "a value") + ")",
                    valuePath, path, null);
        } else if (operator == Operator.IN) {
            if (!value.isArray()) {
                throw new Failure("operator in takes an array of values, got " + Nodes.kind(value),
                        valuePath);
            }
            if (value.isEmpty()) {
                throw new Failure("operator in needs at least one value", valuePath);
            }
            for (int i = 0; i < value.size(); i++) {
                operands.add(scalar(value.get(i), index(valuePath, i)));
            }
        } else {
            Value v = scalar(value, valuePath);
            if ((operator == Operator.CONTAINS || operator == Operator.STARTS_WITH)
                    && !(v instanceof Value.Text)) {
                throw new Failure("operator " + operator.symbol() + " takes a string value",
                        valuePath);
            }
            operands.add(v);
        }
        return build(path, () -> new PropertyPredicate(property, operator, operands));
    }

    private static Value scalar(JsonNode node, String path) {
        if (node.isTextual()) {
            return Value.of(node.textValue());
        }
        if (node.isNumber()) {
            return Value.of(node.decimalValue());
        }
        if (node.isBoolean()) {
            return Value.of(node.booleanValue());
        }
        throw new Failure("expected a string, number or boolean value, got " + Nodes.kind(node), path);
    }

    private static Operator operator(ObjectNode o, String path) {
        String symbol = text(o, path, "op");
        return Operator.ofSymbol(symbol).orElseThrow(() -> new Failure("unknown operator '" + symbol
                + "' (expected one of eq, ne, gt, gte, lt, lte, in, contains, startsWith, exists)",
                field(path, "op")));
    }

    private static TimeWindow window(ObjectNode parent, String parentPath) {
        JsonNode node = parent.get("window");
        if (node == null) {
            return TimeWindow.ever();
        }
        String path = field(parentPath, "window");
        ObjectNode o = object(node, path);
        onlyFields(o, path, WINDOW);
        if (o.has("last")) {
            only(o, path, "last");
            Duration duration = Nodes.duration(o.get("last"), field(path, "last"));
            return build(field(path, "last"), () -> TimeWindow.last(duration));
        }
        if (o.has("ever")) {
            only(o, path, "ever");
            if (!Nodes.bool(o.get("ever"), field(path, "ever"))) {
                throw new Failure("window ever must be true (omit the window to mean ever)",
                        field(path, "ever"));
            }
            return TimeWindow.ever();
        }
        if (o.has("from") || o.has("to")) {
            Instant from = Nodes.instant(o, path, "from");
            Instant to = Nodes.instant(o, path, "to");
            return build(path, () -> TimeWindow.between(from, to));
        }
        throw new Failure("a window needs \"last\", \"from\" and \"to\", or \"ever\"", path);
    }

    private static void only(ObjectNode o, String path, String name) {
        if (o.size() != 1) {
            throw new Failure("window '" + name + "' cannot be combined with other window fields",
                    path);
        }
    }

    static TargetGroup targetGroup(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, TARGET_GROUP);
        schemaVersion(o, path);
        String idText = text(o, path, "id");
        TargetGroupId id = build(field(path, "id"), () -> TargetGroupId.of(idText));
        String name = text(o, path, "name");
        long version = Nodes.integer(o, path, "version");
        Instant createdAt = Nodes.instant(o, path, "createdAt");
        Instant updatedAt = Nodes.instant(o, path, "updatedAt");
        SegmentSnapshot snapshot = snapshot(required(o, path, "snapshot"), field(path, "snapshot"));
        String historyPath = field(path, "history");
        JsonNode list = Nodes.array(required(o, path, "history"), historyPath);
        List<ImportRecord> history = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            history.add(importRecord(list.get(i), index(historyPath, i)));
        }
        return build(path, () -> new TargetGroup(id, name, version, snapshot, history, createdAt,
                updatedAt));
    }

    private static SegmentSnapshot snapshot(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, SNAPSHOT);
        SegmentId segmentId = segmentId(o, path, "segmentId");
        String segmentName = text(o, path, "segmentName");
        SegmentOrigin origin = Nodes.enumName(o, path, "origin", SegmentOrigin.class);
        SegmentDefinition definition = definition(required(o, path, "definition"),
                field(path, "definition"));
        String revision = text(o, path, "revision");
        Fingerprint fingerprint = fingerprint(o, path);
        Instant importedAt = Nodes.instant(o, path, "importedAt");
        Instant dataAsOf = Nodes.instant(o, path, "dataAsOf");
        long memberCount = Nodes.integer(o, path, "memberCount");
        return build(path, () -> new SegmentSnapshot(segmentId, segmentName, origin, definition,
                revision, fingerprint, importedAt, dataAsOf, memberCount));
    }

    private static ImportRecord importRecord(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        onlyFields(o, path, RECORD);
        long sequence = Nodes.integer(o, path, "sequence");
        ImportRecord.Kind kind = Nodes.enumName(o, path, "kind", ImportRecord.Kind.class);
        Instant at = Nodes.instant(o, path, "at");
        String revision = text(o, path, "revision");
        Fingerprint fingerprint = fingerprint(o, path);
        long memberCount = Nodes.integer(o, path, "memberCount");
        long added = Nodes.integer(o, path, "added");
        long removed = Nodes.integer(o, path, "removed");
        Optional<String> importedBy = Nodes.optionalText(o, path, "importedBy");
        return build(path, () -> new ImportRecord(sequence, kind, at, revision, fingerprint,
                memberCount, added, removed, importedBy));
    }

    private static Fingerprint fingerprint(ObjectNode o, String path) {
        String hex = text(o, path, "fingerprint");
        return build(field(path, "fingerprint"), () -> Fingerprint.parse(hex));
    }
}
