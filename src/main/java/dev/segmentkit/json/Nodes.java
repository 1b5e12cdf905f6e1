package dev.segmentkit.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Typed access to the nodes of a parsed document; every miss throws a {@link Failure} with its path. */
final class Nodes {

    private Nodes() {
    }

    static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            default:
                return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static ObjectNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new Failure("expected an object, got " + kind(node), path);
        }
        return (ObjectNode) node;
    }

    /** Rejects every field of {@code object} that is not in {@code allowed}. */
    static void onlyFields(ObjectNode object, String path, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Failure("unknown field '" + name + "' (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")",
                        JsonPaths.field(path, name));
            }
        }
    }

    static JsonNode required(ObjectNode object, String path, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw new Failure("missing required field '" + field + "'", JsonPaths.field(path, field),
                    path, null);
        }
        return value;
    }

    static Optional<JsonNode> optional(ObjectNode object, String field) {
        return Optional.ofNullable(object.get(field));
    }

    static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new Failure("expected a string, got " + kind(node), path);
        }
        return node.textValue();
    }

    static String text(ObjectNode object, String path, String field) {
        return text(required(object, path, field), JsonPaths.field(path, field));
    }

    static Optional<String> optionalText(ObjectNode object, String path, String field) {
        return optional(object, field).map(n -> text(n, JsonPaths.field(path, field)));
    }

    static long integer(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new Failure("expected an integer, got " + (node.isNumber() ? "the number "
                    + node.asText() : kind(node)), path);
        }
        return node.longValue();
    }

    static long integer(ObjectNode object, String path, String field) {
        return integer(required(object, path, field), JsonPaths.field(path, field));
    }

    static int smallInteger(ObjectNode object, String path, String field) {
        String at = JsonPaths.field(path, field);
        long value = integer(required(object, path, field), at);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new Failure("integer out of range: " + value, at);
        }
        return (int) value;
    }

    static BigDecimal number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw new Failure("expected a number, got " + kind(node), path);
        }
        return node.decimalValue();
    }

    static boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw new Failure("expected a boolean, got " + kind(node), path);
        }
        return node.booleanValue();
    }

    static JsonNode array(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new Failure("expected an array, got " + kind(node), path);
        }
        return node;
    }

    static Instant instant(ObjectNode object, String path, String field) {
        String at = JsonPaths.field(path, field);
        String text = text(required(object, path, field), at);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Failure("expected an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z, got '"
                    + text + "'", at, at, e);
        }
    }

    static Duration duration(JsonNode node, String path) {
        String text = text(node, path);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new Failure("expected an ISO-8601 duration in days, hours, minutes or seconds "
                    + "such as P90D or PT12H, got '" + text + "'", path, path, e);
        }
    }

    static <E extends Enum<E>> E enumName(ObjectNode object, String path, String field, Class<E> type) {
        String at = JsonPaths.field(path, field);
        String text = text(required(object, path, field), at);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.name());
        }
        throw new Failure("unknown value '" + text + "' (expected one of " + names + ")", at);
    }

    /** Runs a domain constructor and reports its validation failure at {@code path}. */
    static <T> T build(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Failure(e.getMessage() == null ? e.toString() : e.getMessage(), path, path, e);
        }
    }
}
