package dev.segmentkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.segmentkit.spi.InvalidDefinitionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed catalog fails with the typed error that names the file, line and JSON path. */
class MalformedCatalogTest {

    private static final String C = "$.segments[0].definition.condition";

    /** A catalog whose condition (given on one line) is on line 8. */
    private static String withCondition(String condition) {
        return "{\n"
                + "  \"schemaVersion\": 1,\n"
                + "  \"segments\": [\n"
                + "    {\n"
                + "      \"id\": \"s1\",\n"
                + "      \"name\": \"Shoe lovers\",\n"
                + "      \"definition\": {\n"
                + "        \"condition\": " + condition + "\n"
                + "      }\n"
                + "    }\n"
                + "  ]\n"
                + "}\n";
    }

    private static final String ORDER = "\"event\": {\"name\": \"order\"}, ";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown field", withCondition("{\"type\": \"attribute\", \"property\": \"a\","
                        + " \"op\": \"eq\", \"value\": 1, \"colour\": \"red\"}"), C + ".colour", 8, "unknown field 'colour'"),
                Arguments.of("unknown field on a segment", "{\"schemaVersion\": 1, \"segments\": [\n"
                        + "{\"id\": \"a\", \"name\": \"A\", \"tags\": [],\n"
                        + " \"definition\": {\"condition\": {\"type\": \"score\", \"model\": \"RFM\","
                        + " \"dimension\": \"R\", \"min\": 1, \"max\": 3}}}]}", "$.segments[0].tags", 2, "unknown field 'tags'"),
                Arguments.of("wrong type", "{\"schemaVersion\": 1, \"segments\": [\n{\"id\": \"a\",\n \"name\": 42,"
                        + " \"definition\": {\"condition\": {\"type\": \"score\", \"model\": \"RFM\","
                        + " \"dimension\": \"R\", \"min\": 1, \"max\": 3}}}]}", "$.segments[0].name", 3, "expected a string, got a number"),
                Arguments.of("bad duration", withCondition("{\"type\": \"performed\", " + ORDER
                        + "\"aggregate\": \"count\", \"op\": \"gte\", \"value\": 1, \"window\": {\"last\": \"P3M\"}}"),
                        C + ".window.last", 8, "ISO-8601 duration"),
                Arguments.of("empty allOf", withCondition("{\"type\": \"allOf\", \"conditions\": []}"),
                        C + ".conditions", 8, "allOf needs at least one condition"),
                Arguments.of("unknown op", withCondition("{\"type\": \"anyOf\", \"conditions\": [{\"type\": \"attribute\","
                        + " \"property\": \"a\", \"op\": \"eq\", \"value\": 1}, {\"type\": \"attribute\","
                        + " \"property\": \"a\", \"op\": \"approx\", \"value\": 1}]}"), C + ".conditions[1].op", 8,
                        "unknown operator 'approx'"),
                Arguments.of("unknown condition type", withCondition("{\"type\": \"someOf\", \"conditions\": []}"),
                        C + ".type", 8, "unknown condition type 'someOf'"),
                Arguments.of("missing required field", withCondition("{\"type\": \"performed\", " + ORDER
                        + "\"op\": \"gte\", \"value\": 1}"), C + ".aggregate", 8, "missing required field 'aggregate'"),
                Arguments.of("exists with value", withCondition("{\"type\": \"attribute\", \"property\": \"email\","
                        + " \"op\": \"exists\", \"value\": true}"), C + ".value", 8, "operator exists takes no value"),
                Arguments.of("in without an array", withCondition("{\"type\": \"attribute\", \"property\": \"c\","
                        + " \"op\": \"in\", \"value\": \"CH\"}"), C + ".value", 8, "operator in takes an array"),
                Arguments.of("count with a negative threshold", withCondition("{\"type\": \"performed\", " + ORDER
                        + "\"aggregate\": \"count\", \"op\": \"gte\", \"value\": -1}"), C + ".value", 8, "must not be negative"),
                Arguments.of("score outside the model", withCondition("{\"type\": \"score\", \"model\": \"RFM\","
                        + " \"dimension\": \"R\", \"min\": 1, \"max\": 5}"), C, 8, "must lie within [1, 3]"),
                Arguments.of("ever false", withCondition("{\"type\": \"performed\", " + ORDER
                        + "\"aggregate\": \"count\", \"op\": \"gte\", \"value\": 1, \"window\": {\"ever\": false}}"),
                        C + ".window.ever", 8, "window ever must be true"),
                Arguments.of("window with last and from", withCondition("{\"type\": \"performed\", " + ORDER
                        + "\"aggregate\": \"count\", \"op\": \"gte\", \"value\": 1, \"window\": {\"last\": \"P1D\","
                        + " \"from\": \"2026-01-01T00:00:00Z\"}}"), C + ".window", 8, "cannot be combined"),
                Arguments.of("unsupported schema version", "{\n\"schemaVersion\": 2, \"segments\": []}",
                        "$.schemaVersion", 2, "unsupported schemaVersion 2"),
                Arguments.of("duplicate segment id", "{\"schemaVersion\": 1, \"segments\": [\n"
                        + "{\"id\": \"a\", \"name\": \"A\", \"definition\": {\"condition\": {\"type\": \"score\","
                        + " \"model\": \"RFM\", \"dimension\": \"R\", \"min\": 1, \"max\": 3}}},\n"
                        + "{\"id\": \"a\", \"name\": \"B\", \"definition\": {\"condition\": {\"type\": \"score\","
                        + " \"model\": \"RFM\", \"dimension\": \"R\", \"min\": 1, \"max\": 3}}}]}",
                        "$.segments[1].id", 3, "already used by $.segments[0]"),
                Arguments.of("invalid member id", "{\"schemaVersion\": 1, \"segments\": [\n"
                        + "{\"id\": \"a\", \"name\": \"A\", \"definition\": {\"condition\": {\"type\": \"score\","
                        + " \"model\": \"RFM\", \"dimension\": \"R\", \"min\": 1, \"max\": 3}},\n"
                        + " \"members\": [\"ok\", \"\"]}]}", "$.segments[0].members[1]", 3, "member id is empty"),
                Arguments.of("duplicate field", withCondition("{\"type\": \"attribute\", \"type\": \"score\"}"),
                        C + ".type", 8, "Duplicate field 'type'"),
                Arguments.of("truncated file", withCondition("{\"type\": \"attribute\", \"property\": \"a\"")
                        .substring(0, withCondition("{\"type\": \"attribute\", \"property\": \"a\"").indexOf("\n      }")),
                        C + ".property", 8, "end-of-input"),
                Arguments.of("trailing tokens", withCondition("{\"type\": \"attribute\", \"property\": \"a\","
                        + " \"op\": \"exists\"}") + "{}", "$", 13, "Trailing token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void eachMalformedCatalogGivesTheTypedErrorNamingPathAndLine(String name, String doc, String path,
            int line, String problem) {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> SegmentkitJson.instance().readCatalog(doc, "catalog.json"));

        assertThat(e).as(name).isNotNull();
        assertThat(e.field()).as(name).contains(path);
        assertThat(e.line()).as(name).hasValue(line);
        assertThat(e.location()).contains("catalog.json");
        assertThat(e.getMessage()).as(name)
                .startsWith("catalog.json:" + line + ":")
                .contains(" at " + path + ": ")
                .contains(problem);
    }

    @Test
    void aNestingDepthOf1000IsRefusedAtDepth65WithThePathAndLine() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            deep.append("{\"type\": \"not\", \"condition\": ");
        }
        String doc = withCondition(deep.toString());

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> SegmentkitJson.instance().readCatalog(doc, "catalog.json"));

        assertThat(e.line()).hasValue(8);
        assertThat(e.getMessage()).contains("nesting depth").contains("64");
        assertThat(e.field()).hasValueSatisfying(p -> assertThat(p)
                .startsWith(C + ".condition.condition").endsWith(".condition"));
    }

    @Test
    void anEmptyDocumentIsRefused() {
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> SegmentkitJson.instance().readCatalog("  \n", "catalog.json"));

        assertThat(e).hasMessageContaining("catalog.json").hasMessageContaining("empty");
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        String doc = "{\"schemaVersion\": 1, \"segments\": [{\"id\": \"a\", \"name\": \""
                + "x".repeat(SegmentkitJson.MAX_STRING_LENGTH + 1) + "\"}]}";

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> SegmentkitJson.instance().readCatalog(doc, "catalog.json"));

        assertThat(e.field()).contains("$.segments[0].name");
        assertThat(e.getMessage()).contains("String value length");
    }
    @Test
    void aNumberBeyondTheBoundsIsRefusedWithThePath() {
        String doc = withCondition("{\"type\": \"performed\", \"event\": {\"name\": \"order\"},"
                + " \"aggregate\": \"count\", \"op\": \"gte\", \"value\": 1e1001}");

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> SegmentkitJson.instance().readCatalog(doc, "catalog.json"));

        assertThat(e.getMessage()).contains("catalog.json").contains("at most 100 digits");
        assertThat(e.field()).hasValueSatisfying(f -> assertThat(f).startsWith("$.segments[0].definition.condition"));
    }
}
