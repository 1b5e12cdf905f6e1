package dev.segmentkit.history;

import dev.segmentkit.segment.Aggregate;
import dev.segmentkit.segment.Condition;
import dev.segmentkit.segment.EventFilter;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.TimeWindow;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Definitions compiled for one evaluation: the distinct leaves of all condition trees, each with
 * a slot of O(1) per-visitor state, an index from event name to the leaves it may update, and
 * one boolean tree per definition that reads the slots at the end.
 *
 * <p>Immutable after construction; {@link #apply} mutates only the given visitor state.
 */
final class Plan {

    /** What one counted event may update: one leaf's state. */
    private interface Update {
        void apply(TrackedEvent event, State state);
    }

    /** A boolean tree over the final state of one visitor. */
    interface Node {
        boolean test(String visitor, State state, ScoreLookup scores);
    }

    /** The state of one visitor: counters and objects (sums, instants, values) by slot. */
    static final class State {
        final long[] counts;
        final Object[] objects;

        State(int counts, int objects) {
            this.counts = new long[counts];
            this.objects = new Object[objects];
        }
    }

    private final Instant asOf;
    private final Map<String, List<Update>> byEvent = new HashMap<>();
    private final Map<String, Integer> attributeSlots = new HashMap<>();
    private final Map<Condition, Node> leaves = new HashMap<>();
    private String[] attributeNames = new String[0];
    private int[] attributeSlotArray = new int[0];
    private int countSlots;
    private int objectSlots;
    private boolean usesScores;

    Plan(Instant asOf) {
        this.asOf = asOf;
    }

    /** Compiles a condition tree, sharing leaves with the trees compiled before. */
    Node compile(Condition condition) {
        return condition.accept(new Compiler());
    }

    boolean usesScores() {
        return usesScores;
    }

    State newState() {
        return new State(countSlots, objectSlots);
    }

    /** Folds one counted event into its visitor's state. */
    void apply(TrackedEvent event, State state) {
        List<Update> updates = byEvent.get(event.event());
        if (updates != null) {
            for (Update update : updates) {
                update.apply(event, state);
            }
        }
        if (attributeNames.length > 0 && !event.properties().isEmpty()) {
            Map<String, Value> properties = event.properties();
            for (int i = 0; i < attributeNames.length; i++) {
                Value value = properties.get(attributeNames[i]);
                if (value != null) {
                    int slot = attributeSlotArray[i];
                    Instant latest = (Instant) state.objects[slot];
                    if (latest == null || !event.time().isBefore(latest)) {
                        state.objects[slot] = event.time();
                        state.objects[slot + 1] = value;
                    }
                }
            }
        }
    }

    private void on(EventFilter filter, Update update) {
        List<PropertyPredicate> where = filter.where();
        Update guarded = where.isEmpty() ? update : (event, state) -> {
            if (matches(where, event)) {
                update.apply(event, state);
            }
        };
        byEvent.computeIfAbsent(filter.name(), n -> new ArrayList<>()).add(guarded);
    }

    private static boolean matches(List<PropertyPredicate> where, TrackedEvent event) {
        for (PropertyPredicate predicate : where) {
            if (!Predicates.test(predicate, event.properties().get(predicate.property()))) {
                return false;
            }
        }
        return true;
    }

    private static Instant later(Object current, Instant time) {
        return current == null || time.isAfter((Instant) current) ? time : (Instant) current;
    }

    private final class Compiler implements Condition.Visitor<Node> {

        @Override
        public Node visitAllOf(Condition.AllOf allOf) {
            Node[] nodes = allOf.conditions().stream().map(c -> c.accept(this))
                    .toArray(Node[]::new);
            return (visitor, state, scores) -> {
                for (Node node : nodes) {
                    if (!node.test(visitor, state, scores)) {
                        return false;
                    }
                }
                return true;
            };
        }

        @Override
        public Node visitAnyOf(Condition.AnyOf anyOf) {
            Node[] nodes = anyOf.conditions().stream().map(c -> c.accept(this))
                    .toArray(Node[]::new);
            return (visitor, state, scores) -> {
                for (Node node : nodes) {
                    if (node.test(visitor, state, scores)) {
                        return true;
                    }
                }
                return false;
            };
        }

        @Override
        public Node visitNot(Condition.Not not) {
            Node inner = not.condition().accept(this);
            return (visitor, state, scores) -> !inner.test(visitor, state, scores);
        }

        @Override
        public Node visitPerformed(Condition.Performed performed) {
            Node known = leaves.get(performed);
            if (known != null) {
                return known;
            }
            TimeWindow window = performed.window();
            Node node;
            if (performed.aggregate().function() == Aggregate.Function.COUNT) {
                int slot = countSlots++;
                on(performed.event(), (event, state) -> {
                    if (window.contains(event.time(), asOf)) {
                        state.counts[slot]++;
                    }
                });
                node = (visitor, state, scores) -> Predicates.compare(
                        BigDecimal.valueOf(state.counts[slot]), performed.operator(),
                        performed.threshold());
            } else {
                int slot = objectSlots++;
                String property = performed.aggregate().property().orElseThrow();
                on(performed.event(), (event, state) -> {
                    Value value = event.properties().get(property);
                    if (value instanceof Value.Number && window.contains(event.time(), asOf)) {
                        BigDecimal sum = (BigDecimal) state.objects[slot];
                        BigDecimal add = ((Value.Number) value).number();
                        state.objects[slot] = sum == null ? add : sum.add(add);
                    }
                });
                node = (visitor, state, scores) -> {
                    BigDecimal sum = (BigDecimal) state.objects[slot];
                    return Predicates.compare(sum == null ? BigDecimal.ZERO : sum,
                            performed.operator(), performed.threshold());
                };
            }
            leaves.put(performed, node);
            return node;
        }

        @Override
        public Node visitAbandoned(Condition.Abandoned abandoned) {
            Node known = leaves.get(abandoned);
            if (known != null) {
                return known;
            }
            int start = objectSlots++;
            int completion = objectSlots++;
            TimeWindow window = abandoned.window();
            on(abandoned.start(), (event, state) -> {
                if (window.contains(event.time(), asOf)) {
                    state.objects[start] = later(state.objects[start], event.time());
                }
            });
            on(abandoned.completion(), (event, state) ->
                    state.objects[completion] = later(state.objects[completion], event.time()));
            Node node = (visitor, state, scores) -> {
                Instant started = (Instant) state.objects[start];
                Instant completed = (Instant) state.objects[completion];
                return started != null && (completed == null || started.isAfter(completed));
            };
            leaves.put(abandoned, node);
            return node;
        }

        @Override
        public Node visitAttribute(Condition.Attribute attribute) {
            PropertyPredicate predicate = attribute.predicate();
            int slot = attributeSlots.computeIfAbsent(predicate.property(), p -> {
                int s = objectSlots;
                objectSlots += 2;
                attributeNames = Arrays.copyOf(attributeNames, attributeNames.length + 1);
                attributeSlotArray = Arrays.copyOf(attributeSlotArray,
                        attributeSlotArray.length + 1);
                attributeNames[attributeNames.length - 1] = p;
                attributeSlotArray[attributeSlotArray.length - 1] = s;
                return s;
            });
            return (visitor, state, scores) ->
                    Predicates.test(predicate, (Value) state.objects[slot + 1]);
        }

        @Override
        public Node visitScore(Condition.Score score) {
            usesScores = true;
            return (visitor, state, scores) -> {
                var value = scores.score(visitor, score.model(), score.dimension());
                return value.isPresent() && value.getAsInt() >= score.min()
                        && value.getAsInt() <= score.max();
            };
        }
    }
}
