package dev.segmentkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instant path gives Instant.parse's result, or leaves the text to it. */
class IsoInstantsTest {

    @Property(tries = 2000)
    void agreesWithInstantParseOnTheCommonShape(
            @ForAll @LongRange(min = -100_000_000L, max = 6_400_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 9) int digits) {
        int truncated = nanos - nanos % (int) Math.pow(10, 9 - digits);
        Instant instant = Instant.ofEpochSecond(seconds, truncated);
        String text = instant.toString();
        if (digits > 0 && truncated % 1_000_000 != 0) {
            text = text.replaceFirst("\\.[0-9]+Z", String.format(".%09d", truncated)
                    .substring(0, digits + 1) + "Z");
        }

        Instant fast = parse(text);

        if (fast != null) {
            assertThat(fast).as(text).isEqualTo(Instant.parse(text));
        } else {
            assertThat(seconds < 0 || seconds >= 6_311_433_600L || !text.endsWith("Z")
                    || text.length() > 30).as(text).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T10:00:00Z",
        "2026-11-30T24:00:00Z", "2026-11-30T10:60:00Z", "2026-11-30T10:15:60Z", "2026-11-30 10:15:00Z",
        "2026-11-30T10:15:00.Z", "2026-11-30T10:15:00.1234567890Z", "2026-11-30T1a:15:00Z",
        "2026-11-30T10:15:00+01:00", "+2026-11-30T10:15:00Z", "2026-11-30T10:15Z"})
    void leavesEverythingElseToInstantParse(String text) {
        assertThat(parse(text)).as(text).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59Z", "2000-02-29T00:00:00.5Z", "1970-01-01T00:00:00Z",
        "2100-12-31T23:59:59.999999999Z", "2026-11-30T10:15:00.000Z"})
    void parsesEdgeDatesExactly(String text) {
        assertThat(parse(text)).isEqualTo(Instant.parse(text));
    }

    @Property(tries = 500)
    void neverAcceptsWhatInstantParseRejects(@ForAll("stamps") String text) {
        Instant fast = parse(text);
        Instant slow;
        try {
            slow = Instant.parse(text);
        } catch (DateTimeParseException e) {
            slow = null;
        }
        if (fast != null) {
            assertThat(fast).as(text).isEqualTo(slow);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> stamps() {
        net.jqwik.api.Arbitrary<String> digits = net.jqwik.api.Arbitraries.strings().numeric()
                .ofLength(14);
        net.jqwik.api.Arbitrary<String> fraction = net.jqwik.api.Arbitraries.strings().numeric()
                .ofMinLength(0).ofMaxLength(10).map(f -> f.isEmpty() ? "" : "." + f);
        return net.jqwik.api.Combinators.combine(digits, fraction).as((d, f) ->
                "2" + d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5, 7) + "T"
                + d.substring(7, 9) + ":" + d.substring(9, 11) + ":" + d.substring(11, 13) + f + "Z");
    }

    private static Instant parse(String text) {
        return IsoInstants.parse(text.toCharArray(), 0, text.length());
    }
}
