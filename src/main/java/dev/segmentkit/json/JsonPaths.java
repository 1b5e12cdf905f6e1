package dev.segmentkit.json;

import java.util.regex.Pattern;

/** Builds the JSONPath texts that error messages name, e.g. {@code $.segments[0].op}. */
final class JsonPaths {

    static final String ROOT = "$";
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPaths() {
    }

    static String field(String parent, String name) {
        if (SIMPLE.matcher(name).matches()) {
            return parent + "." + name;
        }
        StringBuilder out = new StringBuilder(parent).append("['");
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(name.length() > 64 ? "...']" : "']").toString();
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
