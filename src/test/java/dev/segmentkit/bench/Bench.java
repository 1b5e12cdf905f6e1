package dev.segmentkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark drivers share: options, forking a measured JVM (fixed heap, GC log, peak
 * RSS from {@code /usr/bin/time -v}), reading its {@code RESULT key=value} lines, and median and
 * spread over runs.
 */
final class Bench {

    /** A measured child prints one line starting with this, then {@code key=value} pairs. */
    static final String RESULT = "RESULT";

    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private Bench() {
    }

    /** Parses {@code --key=value} arguments. */
    static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
                throw new IllegalArgumentException("expected --key=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            out.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return out;
    }

    static String option(Map<String, String> options, String key, String fallback) {
        String value = options.get(key);
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }

    /** What one forked, measured JVM reported. */
    record Measured(Map<String, String> result, long peakRssKb, long gcPeakBeforeMb, long gcPeakAfterMb) {
        double number(String key) {
            String v = result.get(key);
            if (v == null) {
                throw new IllegalStateException("the child reported no " + key + ": " + result);
            }
            return Double.parseDouble(v);
        }
    }

    /**
     * Runs {@code mainClass} in a new JVM on this JVM's class path with the given heap limit,
     * under {@code /usr/bin/time -v} when present, and returns its RESULT line.
     */
    static Measured fork(String heap, Path gcLog, Class<?> mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.add(TIME.toString());
            cmd.add("-v");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-Xlog:gc:file=" + gcLog);
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Map<String, String> result = null;
            long rss = -1;
            StringBuilder log = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(RESULT + " ")) {
                        result = parse(line);
                        continue;
                    }
                    Matcher m = RSS.matcher(line);
                    if (m.find()) {
                        rss = Long.parseLong(m.group(1));
                    }
                    log.append(line).append('\n');
                }
            }
            int rc = p.waitFor();
            if (rc != 0 || result == null) {
                throw new IllegalStateException("measured JVM failed (exit " + rc + "):\n" + log);
            }
            long before = 0;
            long after = 0;
            if (Files.exists(gcLog)) {
                for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                    Matcher m = GC.matcher(line);
                    if (m.find()) {
                        before = Math.max(before, Long.parseLong(m.group(1)));
                        after = Math.max(after, Long.parseLong(m.group(2)));
                    }
                }
            }
            return new Measured(result, rss, before, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parse(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : line.substring(RESULT.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    /** Prints a child's RESULT line (space-separated {@code key=value}, no spaces in values). */
    static void report(Map<String, ?> values) {
        StringBuilder b = new StringBuilder(RESULT);
        values.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        System.out.println(b);
    }

    /** Median, minimum and maximum of some figures. */
    record Stats(double median, double min, double max) {
        static Stats of(double... values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(median, v[0], v[n - 1]);
        }

        static Stats of(List<Double> values) {
            return of(values.stream().mapToDouble(Double::doubleValue).toArray());
        }

        String format(String unit, int decimals) {
            String f = "%." + decimals + "f";
            return String.format(Locale.ROOT, f + " %s (min " + f + ", max " + f + ", spread %.0f%%)",
                    median, unit, min, max, median == 0 ? 0.0 : 100 * (max - min) / median);
        }
    }

    static String rss(List<Measured> runs) {
        return Stats.of(runs.stream().mapToDouble(r -> r.peakRssKb() / 1024.0).toArray())
                .format("MiB peak RSS", 0);
    }

    static String gc(List<Measured> runs) {
        return String.format(Locale.ROOT, "GC log: heap before GC at most %d MiB, after GC at most %d MiB",
                runs.stream().mapToLong(Measured::gcPeakBeforeMb).max().orElse(0),
                runs.stream().mapToLong(Measured::gcPeakAfterMb).max().orElse(0));
    }
}
