package dev.segmentkit.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a compiled query finds the tracked events: a table (or view) with one row per event and
 * the columns {@code visitor, session, time, event, properties} by default.
 *
 * <ul>
 *   <li>visitor, session, event: text; the visitor is the member id;
 *   <li>time: a timestamp with time zone ({@code timestamptz} in PostgreSQL, {@code TIMESTAMPTZ}
 *       in DuckDB), compared at microsecond precision;
 *   <li>properties: a JSON object of string, number and boolean values ({@code jsonb} or
 *       {@code json} in PostgreSQL, {@code JSON} or text in DuckDB); JSON {@code null}, objects
 *       and arrays count as absent;
 *   <li>optionally, named columns that hold one property each ({@link Builder#propertyColumn}),
 *       used instead of the JSON column for that property, and an ordering column
 *       ({@link Builder#orderColumn}) that breaks ties between events at the same instant as
 *       the input line does for the JVM evaluator (the greater value is the later line).
 * </ul>
 *
 * <p>Every name is validated: a table name is one to three dot-separated identifiers, each
 * identifier 1 to 63 ASCII letters, digits and underscores, not starting with a digit. The
 * compiler quotes them, so they match case-sensitively.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EventsTable {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** The SQL type of a named property column, which decides how its values compare. */
    public enum ColumnType {
        /** A text column: its values are strings. */
        STRING,
        /** A numeric column (integer or decimal): its values are numbers. */
        NUMBER,
        /** A boolean column: its values are booleans. */
        BOOLEAN
    }

    /**
     * A property held in a column of its own.
     *
     * @param column the column name, validated
     * @param type the column's type
     */
    public record PropertyColumn(String column, ColumnType type) {
        /**
         * Validates the column.
         *
         * @param column the column name
         * @param type the column's type
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the column name is not a valid identifier
         */
        public PropertyColumn {
            identifier(column, "property column");
            Objects.requireNonNull(type, "type");
        }
    }

    private final List<String> table;
    private final String visitor;
    private final String session;
    private final String time;
    private final String event;
    private final String properties;
    private final String order;
    private final Map<String, PropertyColumn> propertyColumns;

    private EventsTable(Builder b) {
        this.table = b.table;
        this.visitor = b.visitor == null ? "visitor" : b.visitor;
        this.session = b.session == null ? "session" : b.session;
        this.time = b.time == null ? "time" : b.time;
        this.event = b.event == null ? "event" : b.event;
        this.properties = b.noProperties ? null : b.properties == null ? "properties" : b.properties;
        this.order = b.order;
        this.propertyColumns = Collections.unmodifiableMap(new LinkedHashMap<>(b.propertyColumns));
    }

    /**
     * Returns the table of that name with the default columns {@code visitor, session, time,
     * event, properties} and no ordering column.
     *
     * @param table the table name, optionally qualified ({@code schema.table})
     * @return the table
     * @throws NullPointerException if {@code table} is null
     * @throws IllegalArgumentException if the name is not valid
     */
    public static EventsTable named(String table) {
        return builder(table).build();
    }

    /**
     * Returns a builder for the table of that name, starting from the default columns.
     *
     * @param table the table name, optionally qualified ({@code schema.table} or
     *     {@code catalog.schema.table})
     * @return the builder
     * @throws NullPointerException if {@code table} is null
     * @throws IllegalArgumentException if the name is not valid
     */
    public static Builder builder(String table) {
        return new Builder(table);
    }

    /**
     * Returns the parts of the table name.
     *
     * @return one to three identifiers (an immutable list)
     */
    public List<String> table() {
        return table;
    }

    /**
     * Returns the visitor column.
     *
     * @return the column name
     */
    public String visitorColumn() {
        return visitor;
    }

    /**
     * Returns the session column.
     *
     * @return the column name
     */
    public String sessionColumn() {
        return session;
    }

    /**
     * Returns the time column.
     *
     * @return the column name
     */
    public String timeColumn() {
        return time;
    }

    /**
     * Returns the event name column.
     *
     * @return the column name
     */
    public String eventColumn() {
        return event;
    }

    /**
     * Returns the JSON properties column.
     *
     * @return the column name, or empty when properties live only in named columns
     */
    public Optional<String> propertiesColumn() {
        return Optional.ofNullable(properties);
    }

    /**
     * Returns the ordering column that breaks ties between events at the same instant.
     *
     * @return the column name, or empty when there is none
     */
    public Optional<String> orderColumn() {
        return Optional.ofNullable(order);
    }

    /**
     * Returns the properties held in columns of their own.
     *
     * @return property name to column, in the order they were added (an immutable map)
     */
    public Map<String, PropertyColumn> propertyColumns() {
        return propertyColumns;
    }

    @Override
    public String toString() {
        return "EventsTable[" + String.join(".", table) + ": visitor=" + visitor + ", session="
                + session + ", time=" + time + ", event=" + event + ", properties=" + properties
                + ", order=" + order + ", columns=" + propertyColumns + "]";
    }

    private static String identifier(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 63 ASCII letters, digits "
                    + "and underscores, not starting with a digit, got '" + name + "'");
        }
        return name;
    }

    /**
     * Configures an {@link EventsTable}; every option may be set once. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> table;
        private String visitor;
        private String session;
        private String time;
        private String event;
        private String properties;
        private boolean noProperties;
        private String order;
        private final Map<String, PropertyColumn> propertyColumns = new LinkedHashMap<>();

        private Builder(String table) {
            Objects.requireNonNull(table, "table");
            List<String> parts = List.of(table.split("\\.", -1));
            if (parts.size() > 3) {
                throw new IllegalArgumentException("table name must have at most three parts "
                        + "(catalog.schema.table), got '" + table + "'");
            }
            parts.forEach(p -> identifier(p, "table name part"));
            this.table = parts;
        }

        private static String once(String current, String value, String what) {
            identifier(value, what);
            if (current != null) {
                throw new IllegalStateException(what + " was already set to " + current);
            }
            return value;
        }

        /**
         * Sets the visitor column; default {@code visitor}.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the column was already set
         */
        public Builder visitorColumn(String column) {
            visitor = once(visitor, column, "visitor column");
            return this;
        }

        /**
         * Sets the session column; default {@code session}.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the column was already set
         */
        public Builder sessionColumn(String column) {
            session = once(session, column, "session column");
            return this;
        }

        /**
         * Sets the time column; default {@code time}.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the column was already set
         */
        public Builder timeColumn(String column) {
            time = once(time, column, "time column");
            return this;
        }

        /**
         * Sets the event name column; default {@code event}.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the column was already set
         */
        public Builder eventColumn(String column) {
            event = once(event, column, "event column");
            return this;
        }

        /**
         * Sets the JSON properties column; default {@code properties}.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the column was already set, or
         *     {@link #noPropertiesColumn()} was called
         */
        public Builder propertiesColumn(String column) {
            if (noProperties) {
                throw new IllegalStateException("the table was declared without a properties "
                        + "column");
            }
            properties = once(properties, column, "properties column");
            return this;
        }

        /**
         * Declares that the table has no JSON properties column: only the properties mapped to
         * named columns can be used, and a definition that uses another one does not compile.
         *
         * @return this builder
         * @throws IllegalStateException if a properties column was set
         */
        public Builder noPropertiesColumn() {
            if (properties != null) {
                throw new IllegalStateException("properties column was already set to "
                        + properties);
            }
            noProperties = true;
            return this;
        }

        /**
         * Sets the ordering column: among events at the same instant, the one with the greater
         * value counts as the later one (for {@code attribute} conditions, as the later input
         * line for the JVM evaluator). Without it, such ties go to the greater session id, then
         * the greater event name (binary order), and beyond that to the engine's choice.
         *
         * @param column the column name, e.g. a line number or an ingestion sequence
         * @return this builder
         * @throws NullPointerException if {@code column} is null
         * @throws IllegalArgumentException if the name is not a valid identifier
         * @throws IllegalStateException if the column was already set
         */
        public Builder orderColumn(String column) {
            order = once(order, column, "order column");
            return this;
        }

        /**
         * Maps a property to a column of its own, used instead of the JSON column; SQL NULL
         * means the property is absent.
         *
         * @param property the property name, e.g. {@code revenue}
         * @param column the column name
         * @param type the column's type
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if the property is blank or the column name is not a
         *     valid identifier
         * @throws IllegalStateException if the property was already mapped
         */
        public Builder propertyColumn(String property, String column, ColumnType type) {
            Objects.requireNonNull(property, "property");
            if (property.isBlank()) {
                throw new IllegalArgumentException("property must not be blank");
            }
            PropertyColumn mapped = new PropertyColumn(column, type);
            if (propertyColumns.containsKey(property)) {
                throw new IllegalStateException("property '" + property
                        + "' was already mapped to " + propertyColumns.get(property));
            }
            propertyColumns.put(property, mapped);
            return this;
        }

        /**
         * Builds the table description.
         *
         * @return the table
         */
        public EventsTable build() {
            return new EventsTable(this);
        }
    }
}
