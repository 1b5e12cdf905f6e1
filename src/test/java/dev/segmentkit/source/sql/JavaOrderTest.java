package dev.segmentkit.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Binary (UTF-8 byte) order in, {@link String#compareTo} order out. */
class JavaOrderTest {

    /** Characters on both sides of the places where the two orders disagree. */
    private static final String[] ALPHABET = {"a", "\uD7FF", "\uE000", "\uFF21", "\uFFFF",
        "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF"};

    private static List<String> drain(JavaOrder order) {
        List<String> out = new ArrayList<>();
        order.forEachRemaining(out::add);
        return out;
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("random ids sorted by their UTF-8 bytes come out in String.compareTo order")
    void randomIds() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            TreeSet<String> ids = new TreeSet<>();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                StringBuilder id = new StringBuilder();
                int length = 1 + random.nextInt(4);
                for (int j = 0; j < length; j++) {
                    id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
                }
                ids.add(id.toString());
            }
            List<String> binary = new ArrayList<>(ids);
            binary.sort(JavaOrderTest::compareUtf8);

            List<String> out = drain(new JavaOrder(binary.iterator()));

            assertThat(out).as("input %s", binary).isEqualTo(new ArrayList<>(ids));
        }
    }

    @Test
    @DisplayName("code point comparison is UTF-8 byte comparison")
    void codePoints() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String a = ALPHABET[random.nextInt(ALPHABET.length)] + ALPHABET[random.nextInt(ALPHABET.length)];
            String b = ALPHABET[random.nextInt(ALPHABET.length)];
            assertThat(Integer.signum(JavaOrder.compareCodePoints(a, b)))
                    .isEqualTo(Integer.signum(compareUtf8(a, b)));
        }
    }

    @Test
    @DisplayName("repeated ids or ids out of binary order fail")
    void badInput() {
        JavaOrder repeated = new JavaOrder(List.of("a", "a").iterator());
        JavaOrder backwards = new JavaOrder(List.of("b", "a").iterator());

        assertThat(repeated.next()).isEqualTo("a");
        assertThatThrownBy(repeated::hasNext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> drain(backwards)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'b' came before 'a'");
    }
}
