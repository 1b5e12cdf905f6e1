package dev.segmentkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberIdsTest {

    @Test
    void acceptsPrintableAndSupplementaryCharacters() {
        assertThat(MemberIds.problem("a b,\"c\" \u00e9 \ud83d\ude00")).isNull();
        assertThat(MemberIds.problem("x".repeat(MemberIds.MAX_LENGTH))).isNull();
    }

    @Test
    void rejectsEmptyTooLongAndControlCharacters() {
        assertThat(MemberIds.problem("")).isEqualTo("member id is empty");
        assertThat(MemberIds.problem("x".repeat(MemberIds.MAX_LENGTH + 1))).contains("longer than 512");
        assertThat(MemberIds.problem("a\tb")).isEqualTo("member id holds a control character at index 1");
        assertThat(MemberIds.problem("a\u0085")).contains("control character at index 1");
    }

    @Test
    void rejectsUnpairedSurrogatesThatUtf8CannotCarry() {
        assertThat(MemberIds.problem("a\ud83d")).isEqualTo("member id holds an unpaired surrogate at index 1");
        assertThat(MemberIds.problem("\ude00a")).isEqualTo("member id holds an unpaired surrogate at index 0");
        assertThat(MemberIds.problem("\ude00\ud83d")).contains("index 0");
        assertThat(MemberIds.isValid("\ud83d\ude00")).isTrue();
    }
}
