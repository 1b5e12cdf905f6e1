package dev.segmentkit.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentDefinition;
import dev.segmentkit.spi.InvalidDefinitionException;
import dev.segmentkit.targetgroup.TargetGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The JSON codec of segmentkit: reads and writes segment definitions, segments, segment catalogs
 * and target groups in the documented formats (see the README's "Catalog format" section).
 *
 * <p>Reading is strict: an unknown or repeated field, a missing required field, a value of the
 * wrong type, trailing content after the document, a nesting depth over {@value #MAX_DEPTH}, a
 * string over {@value #MAX_STRING_LENGTH} characters and every rule of the condition language
 * fail with an {@link InvalidDefinitionException} that names the document, the line and column,
 * and the JSON path of the culprit (e.g. {@code $.segments[0].definition.condition.op}). Nothing
 * is half-read: a read returns a complete, validated value or throws.
 *
 * <p>Writing produces UTF-8 JSON indented by two spaces with {@code \n} line ends and a final
 * line end, fields in a fixed order, so that equal values give byte-equal documents.
 *
 * <p>Thread-safe and immutable: one instance, {@link #instance()}, serves every caller.
 */
public final class SegmentkitJson {

    /** The deepest nesting of objects and arrays a document may have. */
    public static final int MAX_DEPTH = 64;

    /** The longest string value or field name a document may hold, in characters. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    private static final SegmentkitJson INSTANCE = new SegmentkitJson();

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    private SegmentkitJson() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_STRING_LENGTH)
                        .maxNumberLength(1000)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
                .deactivateDefaultTyping()
                .build();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        this.writer = mapper.writer(printer);
    }

    /**
     * Returns the codec.
     *
     * @return the shared, thread-safe instance
     */
    public static SegmentkitJson instance() {
        return INSTANCE;
    }

    /**
     * Reads a catalog document: {@code {"schemaVersion": 1, "segments": [...]}}. A segment
     * without {@code revision} gets its definition's fingerprint (hex) as revision; one without
     * {@code origin} is {@code CUSTOM}; {@code members} are sorted and de-duplicated.
     *
     * @param json the document, UTF-8
     * @param location the document's name for error messages, e.g. its file path
     * @return the catalog
     * @throws NullPointerException if an argument is null
     * @throws InvalidDefinitionException if the document is malformed or breaks a rule
     */
    public Catalog readCatalog(byte[] json, String location) {
        return read(json, location, DocumentReader::catalog);
    }

    /**
     * Reads a catalog document from text; see {@link #readCatalog(byte[], String)}.
     *
     * @param json the document
     * @param location the document's name for error messages
     * @return the catalog
     * @throws NullPointerException if an argument is null
     * @throws InvalidDefinitionException if the document is malformed or breaks a rule
     */
    public Catalog readCatalog(String json, String location) {
        return readCatalog(utf8(json), location);
    }

    /**
     * Writes a catalog document ({@code schemaVersion} 1), every field explicit.
     *
     * @param catalog the catalog
     * @return the document
     * @throws NullPointerException if {@code catalog} is null
     */
    public String writeCatalog(Catalog catalog) {
        return write(DocumentWriter.catalog(Objects.requireNonNull(catalog, "catalog")));
    }

    /**
     * Reads a segment definition document: {@code {"condition": {...}}}.
     *
     * @param json the document
     * @param location the document's name for error messages
     * @return the definition
     * @throws NullPointerException if an argument is null
     * @throws InvalidDefinitionException if the document is malformed or breaks a rule
     */
    public SegmentDefinition readDefinition(String json, String location) {
        return read(utf8(json), location, DocumentReader::definition);
    }

    /**
     * Writes a segment definition document.
     *
     * @param definition the definition
     * @return the document
     * @throws NullPointerException if {@code definition} is null
     */
    public String writeDefinition(SegmentDefinition definition) {
        return write(DocumentWriter.definition(Objects.requireNonNull(definition, "definition")));
    }

    /**
     * Reads a segment document: the fields of a catalog segment, without {@code members}.
     *
     * @param json the document
     * @param location the document's name for error messages
     * @return the segment
     * @throws NullPointerException if an argument is null
     * @throws InvalidDefinitionException if the document is malformed or breaks a rule
     */
    public Segment readSegment(String json, String location) {
        return read(utf8(json), location, DocumentReader::segment);
    }

    /**
     * Writes a segment document.
     *
     * @param segment the segment
     * @return the document
     * @throws NullPointerException if {@code segment} is null
     */
    public String writeSegment(Segment segment) {
        return write(DocumentWriter.segment(Objects.requireNonNull(segment, "segment")));
    }

    /**
     * Reads a target group document ({@code schemaVersion} 1) with its snapshot and history.
     *
     * @param json the document, UTF-8
     * @param location the document's name for error messages
     * @return the target group
     * @throws NullPointerException if an argument is null
     * @throws InvalidDefinitionException if the document is malformed or breaks a rule
     */
    public TargetGroup readTargetGroup(byte[] json, String location) {
        return read(json, location, DocumentReader::targetGroup);
    }

    /**
     * Reads a target group document from text; see {@link #readTargetGroup(byte[], String)}.
     *
     * @param json the document
     * @param location the document's name for error messages
     * @return the target group
     * @throws NullPointerException if an argument is null
     * @throws InvalidDefinitionException if the document is malformed or breaks a rule
     */
    public TargetGroup readTargetGroup(String json, String location) {
        return readTargetGroup(utf8(json), location);
    }

    /**
     * Writes a target group document ({@code schemaVersion} 1). Its field names are a contract:
     * the file store's {@code group.json} and the CLI's JSON output use them.
     *
     * @param group the target group
     * @return the document
     * @throws NullPointerException if {@code group} is null
     */
    public String writeTargetGroup(TargetGroup group) {
        return write(DocumentWriter.targetGroup(Objects.requireNonNull(group, "group")));
    }

    private static byte[] utf8(String json) {
        return Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    }

    private String write(JsonNode node) {
        try {
            return writer.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a JSON tree", e);
        }
    }

    private <T> T read(byte[] json, String location, BiFunction<JsonNode, String, T> walker) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(location, "location");
        JsonNode root = parse(json, location);
        try {
            return walker.apply(root, JsonPaths.ROOT);
        } catch (Failure f) {
            JsonLocation at = locate(json, f.locatePath());
            throw new InvalidDefinitionException(f.getMessage(), location,
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), f.path(),
                    f.getCause());
        }
    }

    private JsonNode parse(byte[] json, String location) {
        try (JsonParser parser = mapper.createParser(json)) {
            try {
                JsonNode root = mapper.readTree(parser);
                if (root == null || root.isMissingNode()) {
                    throw new InvalidDefinitionException("the document is empty", location, 1, 1,
                            JsonPaths.ROOT, null);
                }
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw new InvalidDefinitionException("trailing content after the document",
                            location, at.getLineNr(), at.getColumnNr(), JsonPaths.ROOT, null);
                }
                return root;
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new InvalidDefinitionException(e.getOriginalMessage(), location,
                        at.getLineNr(), at.getColumnNr(), path(parser.getParsingContext()), e);
            }
        } catch (IOException e) {
            throw new InvalidDefinitionException("cannot read the document: " + e.getMessage(),
                    location, 0, 0, null, e);
        }
    }

    /** Renders the parser's position as a JSON path. */
    private static String path(JsonStreamContext context) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            chain.add(0, c);
        }
        String path = JsonPaths.ROOT;
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                path = JsonPaths.field(path, c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                path = JsonPaths.index(path, c.getCurrentIndex());
            }
        }
        return path;
    }

    /** Finds where the value (or field name) at a JSON path starts, by scanning the document. */
    private JsonLocation locate(byte[] json, String target) {
        final class Frame {
            final String path;
            final boolean array;
            int next;
            String field;

            Frame(String path, boolean array) {
                this.path = path;
                this.array = array;
            }
        }
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser parser = mapper.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Frame top = stack.peek();
                if (token == JsonToken.FIELD_NAME) {
                    top.field = JsonPaths.field(top.path, parser.currentName());
                    if (top.field.equals(target)) {
                        return parser.currentTokenLocation();
                    }
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                String path = top == null ? JsonPaths.ROOT
                        : top.array ? JsonPaths.index(top.path, top.next++) : top.field;
                if (path.equals(target)) {
                    return parser.currentTokenLocation();
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    stack.push(new Frame(path, token == JsonToken.START_ARRAY));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
