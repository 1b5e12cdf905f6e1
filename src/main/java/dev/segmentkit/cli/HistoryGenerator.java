package dev.segmentkit.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a deterministic, synthetic shop history as NDJSON tracked events: visitors with
 * different lifecycles (browsers who never buy, one-time buyers, loyal buyers, lapsed buyers,
 * lapsed loyal buyers, lapsed buyers who still browse, new customers), sessions spread over the
 * days, page and product views, cart adds that turn into orders or are abandoned, log-normal
 * order revenue, a {@code country} attribute, and some sessions still open at the as-of instant.
 *
 * <p>The same settings give the same bytes. Lines are grouped by visitor, each visitor's events
 * in time order; no event lies after the as-of instant.
 *
 * <p>Instances are immutable and thread-safe; each {@code write} call is independent.
 */
public final class HistoryGenerator {

    /** The default as-of instant of generated histories. */
    public static final Instant DEFAULT_AS_OF = Instant.parse("2026-12-01T00:00:00Z");

    private static final String[] CATEGORIES = {"shoes", "shirts", "bags", "jackets", "hats", "socks"};
    private static final String[] COUNTRIES = {"DE", "DE", "DE", "CH", "AT", "FR", "NL", "US"};
    private static final String[] PAGES = {"/", "/sale", "/new", "/category/shoes", "/category/shirts",
        "/category/bags", "/category/jackets", "/help", "/account"};

    private final int visitors;
    private final int days;
    private final long seed;
    private final Instant asOf;

    private HistoryGenerator(int visitors, int days, long seed, Instant asOf) {
        this.visitors = visitors;
        this.days = days;
        this.seed = seed;
        this.asOf = asOf;
    }

    /**
     * Returns a generator.
     *
     * @param visitors how many visitors, at least 1
     * @param days how many days of history before {@code asOf}, at least 1
     * @param seed the random seed
     * @param asOf the end of the history; some sessions are still open at it
     * @return the generator
     * @throws NullPointerException if {@code asOf} is null
     * @throws IllegalArgumentException if {@code visitors} or {@code days} is below 1
     */
    public static HistoryGenerator of(int visitors, int days, long seed, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        if (visitors < 1) {
            throw new IllegalArgumentException("visitors must be at least 1, got " + visitors);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        return new HistoryGenerator(visitors, days, seed, asOf);
    }

    /**
     * Returns the as-of instant: the end of the generated history.
     *
     * @return the as-of instant
     */
    public Instant asOf() {
        return asOf;
    }

    /**
     * Writes the history to a file, gzip-compressed when the name ends in {@code .gz}; the file is
     * replaced.
     *
     * @param file the file
     * @return the number of events written
     * @throws NullPointerException if {@code file} is null
     * @throws UncheckedIOException if writing fails
     */
    public long write(Path file) {
        Objects.requireNonNull(file, "file");
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.getFileName().toString().endsWith(".gz")
                        ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            return write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the history to a stream, which is flushed but not closed.
     *
     * @param out the stream
     * @return the number of events written
     * @throws NullPointerException if {@code out} is null
     * @throws UncheckedIOException if writing fails
     */
    public long write(OutputStream out) {
        Objects.requireNonNull(out, "out");
        Writer w = new Writer(new BufferedOutputStream(out, 1 << 16));
        SplittableRandom root = new SplittableRandom(seed);
        for (int v = 0; v < visitors; v++) {
            // one split per visitor keeps every visitor's events independent of the others'
            visitor(w, v, root.split());
        }
        w.flush();
        return w.events;
    }

    private enum Lifecycle { BROWSER, ONE_TIME, LOYAL, LAPSED, LAPSED_LOYAL, LAPSED_BROWSING, NEW }

    private static Lifecycle lifecycle(SplittableRandom r) {
        int x = r.nextInt(100);
        if (x < 34) {
            return Lifecycle.BROWSER;
        } else if (x < 47) {
            return Lifecycle.ONE_TIME;
        } else if (x < 66) {
            return Lifecycle.LOYAL;
        } else if (x < 81) {
            return Lifecycle.LAPSED;
        } else if (x < 88) {
            return Lifecycle.LAPSED_LOYAL;
        } else if (x < 94) {
            return Lifecycle.LAPSED_BROWSING;
        }
        return Lifecycle.NEW;
    }

    private void visitor(Writer w, int index, SplittableRandom r) {
        Lifecycle life = lifecycle(r);
        String visitor = "v" + index;
        String country = COUNTRIES[r.nextInt(COUNTRIES.length)];
        long end = asOf.getEpochSecond();
        long span = days * 86_400L;
        long[] starts;
        boolean[] buys;
        switch (life) {
            case BROWSER:
                starts = times(r, 1 + r.nextInt(3), end - span, end);
                buys = new boolean[starts.length];
                break;
            case ONE_TIME:
                starts = times(r, 1 + r.nextInt(2), end - span, end);
                buys = oneOf(r, starts.length);
                break;
            case LOYAL:
                starts = times(r, 3 + r.nextInt(6), end - span, end);
                buys = mostly(r, starts.length, 70);
                break;
            case LAPSED:
                starts = times(r, 2 + r.nextInt(3), end - span, end - span / 2);
                buys = mostly(r, starts.length, 60);
                break;
            case LAPSED_LOYAL:
                starts = times(r, 6 + r.nextInt(7), end - span, end - span * 2 / 5);
                buys = mostly(r, starts.length, 80);
                break;
            case LAPSED_BROWSING: {
                long[] old = times(r, 1 + r.nextInt(2), end - span, end - span * 3 / 5);
                long[] recent = times(r, 4 + r.nextInt(5), end - Math.min(span, 150 * 86_400L), end);
                starts = concat(old, recent);
                buys = new boolean[starts.length];
                Arrays.fill(buys, 0, old.length, true);
                break;
            }
            default:
                starts = times(r, 1 + r.nextInt(2), end - Math.min(span, 14 * 86_400L), end);
                buys = oneOf(r, starts.length);
                break;
        }
        boolean open = r.nextInt(100) < 2;
        for (int s = 0; s < starts.length; s++) {
            long start = starts[s];
            if (open && s == starts.length - 1) {
                start = end - 60 - r.nextInt(600); // still open at as-of
            }
            session(w, r, visitor, "s" + (s + 1), start, end, buys[s], s == 0 ? country : null,
                    life == Lifecycle.LAPSED_BROWSING || life == Lifecycle.LOYAL);
        }
    }

    private void session(Writer w, SplittableRandom r, String visitor, String session, long start,
            long end, boolean buy, String country, boolean engaged) {
        long t = start;
        int pages = 1 + r.nextInt(engaged ? 4 : 2);
        String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
        for (int p = 0; p < pages && t <= end; p++) {
            w.begin(visitor, session, t, "page_view");
            w.prop("page", PAGES[r.nextInt(PAGES.length)]);
            if (p == 0 && country != null) {
                w.prop("country", country);
            }
            w.end();
            t += 5 + r.nextInt(90);
        }
        int product = r.nextInt(500);
        long price = priceCents(r);
        if (t <= end && r.nextInt(100) < 70) {
            w.begin(visitor, session, t, "product_view");
            w.prop("product", "p" + product).prop("category", category).cents("price", price);
            w.end();
            t += 10 + r.nextInt(120);
        }
        boolean cart = buy || r.nextInt(100) < 25;
        if (cart && t <= end) {
            w.begin(visitor, session, t, "add_to_cart");
            w.prop("product", "p" + product).prop("category", category).cents("price", price);
            w.end();
            t += 20 + r.nextInt(300);
        }
        if (buy && t <= end) {
            int items = 1 + r.nextInt(3);
            w.begin(visitor, session, t, "order");
            w.cents("revenue", price * items).prop("category", category).number("items", items);
            w.end();
        }
    }

    /** Log-normal price: median about 45.00, long tail. */
    private static long priceCents(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        double gaussian = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
        return Math.max(99, Math.round(Math.exp(Math.log(4500) + 0.8 * gaussian)));
    }

    private static long[] times(SplittableRandom r, int n, long from, long to) {
        long[] out = new long[n];
        long width = Math.max(1, to - from - 3_600);
        for (int i = 0; i < n; i++) {
            out[i] = from + (long) (r.nextDouble() * width);
        }
        Arrays.sort(out);
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean[] oneOf(SplittableRandom r, int n) {
        boolean[] out = new boolean[n];
        out[r.nextInt(n)] = true;
        return out;
    }

    private static boolean[] mostly(SplittableRandom r, int n, int percent) {
        boolean[] out = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            out[i] = r.nextInt(100) < percent;
            any |= out[i];
        }
        if (!any) {
            out[n - 1] = true;
        }
        return out;
    }

    /** Formats NDJSON lines straight into bytes (all generated text is ASCII). */
    private static final class Writer {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private boolean firstProp;
        private long events;
        private long cachedDay = Long.MIN_VALUE;
        private final byte[] dayPrefix = new byte[11];

        Writer(OutputStream out) {
            this.out = out;
        }

        void begin(String visitor, String session, long epochSecond, String event) {
            if (pos > buf.length - 1024) {
                drain();
            }
            ascii("{\"visitor\":\"").ascii(visitor).ascii("\",\"session\":\"").ascii(session)
                    .ascii("\",\"time\":\"");
            time(epochSecond);
            ascii("Z\",\"event\":\"").ascii(event).ascii("\",\"properties\":{");
            firstProp = true;
        }

        Writer prop(String name, String value) {
            key(name);
            buf[pos++] = '"';
            ascii(value);
            buf[pos++] = '"';
            return this;
        }

        Writer cents(String name, long cents) {
            key(name);
            digits(cents / 100);
            buf[pos++] = '.';
            long c = cents % 100;
            buf[pos++] = (byte) ('0' + c / 10);
            buf[pos++] = (byte) ('0' + c % 10);
            return this;
        }

        Writer number(String name, long value) {
            key(name);
            digits(value);
            return this;
        }

        void end() {
            buf[pos++] = '}';
            buf[pos++] = '}';
            buf[pos++] = '\n';
            events++;
        }

        private void key(String name) {
            if (!firstProp) {
                buf[pos++] = ',';
            }
            firstProp = false;
            buf[pos++] = '"';
            ascii(name);
            buf[pos++] = '"';
            buf[pos++] = ':';
        }

        private Writer ascii(String s) {
            for (int i = 0, n = s.length(); i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return this;
        }

        private void digits(long value) {
            if (value >= 10) {
                digits(value / 10);
            }
            buf[pos++] = (byte) ('0' + value % 10);
        }

        private void two(long v) {
            buf[pos++] = (byte) ('0' + v / 10);
            buf[pos++] = (byte) ('0' + v % 10);
        }

        private void time(long epochSecond) {
            long day = Math.floorDiv(epochSecond, 86_400L);
            if (day != cachedDay) {
                cachedDay = day;
                LocalDateTime d = LocalDateTime.ofEpochSecond(day * 86_400L, 0, ZoneOffset.UTC);
                byte[] text = String.format("%04d-%02d-%02dT", d.getYear(), d.getMonthValue(),
                        d.getDayOfMonth()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, dayPrefix, 0, 11);
            }
            System.arraycopy(dayPrefix, 0, buf, pos, 11);
            pos += 11;
            long s = Math.floorMod(epochSecond, 86_400L);
            two(s / 3600);
            buf[pos++] = ':';
            two(s / 60 % 60);
            buf[pos++] = ':';
            two(s % 60);
        }

        private void drain() {
            try {
                out.write(buf, 0, pos);
                pos = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() {
            drain();
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Returns the duration of history this generator covers.
     *
     * @return {@code days} days
     */
    public Duration span() {
        return Duration.ofDays(days);
    }
}
