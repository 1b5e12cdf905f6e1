package dev.segmentkit.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: options (anywhere, before or after the command, as {@code --name value}
 * or {@code --name=value}), flags, and the positional words. Each option may be given once.
 */
final class Args {

    /** Options that take a value. */
    static final Set<String> VALUED = Set.of("events", "catalog", "as-of", "session-timeout",
            "open-sessions", "store", "name", "idempotency-key", "imported-by", "out", "visitors",
            "days", "seed", "dialect", "table");
    /** Options that take no value. */
    static final Set<String> FLAGS = Set.of("json", "quiet", "lenient", "debug", "progress",
            "members", "help", "sql");

    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> words = new ArrayList<>();

    private Args() {
    }

    static Args parse(String[] argv) {
        Args a = new Args();
        boolean onlyWords = false;
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (onlyWords || !arg.startsWith("--")) {
                a.words.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyWords = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                if (!a.flags.add(name)) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                if (a.options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String option(String name) {
        return options.get(name);
    }

    List<String> words() {
        return words;
    }

    /** Fails unless every option given is one the command accepts. */
    void allowOnly(String command, Set<String> allowed) {
        for (String o : options.keySet()) {
            if (!allowed.contains(o)) {
                throw new UsageException("option --" + o + " does not apply to '" + command + "'");
            }
        }
        for (String f : flags) {
            if (!allowed.contains(f)) {
                throw new UsageException("option --" + f + " does not apply to '" + command + "'");
            }
        }
    }

    long longOption(String name, long defaultValue, long min) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new UsageException("option --" + name + " must be at least " + min + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a whole number, got '" + v + "'");
        }
    }
}
