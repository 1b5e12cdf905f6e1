package dev.segmentkit.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemberLinesTest {

    private static List<String> read(byte[] bytes, int chunk) throws IOException {
        // hand out at most `chunk` bytes per read, to cross buffer boundaries everywhere
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        List<String> out = new ArrayList<>();
        try (MemberLines lines = new MemberLines(in)) {
            for (String l = lines.next(); l != null; l = lines.next()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    @DisplayName("reads ASCII, UTF-8 and emoji lines exactly, across any read boundary")
    void lines() throws IOException {
        List<String> members = List.of("a", "v123", "Zürich", "東京", "x\uD83D\uDE00y", "z".repeat(70_000), "last");
        byte[] bytes = (String.join("\n", members) + "\n").getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 3, 7, 4096, 1 << 20}) {
            assertThat(read(bytes, chunk)).as("chunk %d", chunk).isEqualTo(members);
        }
    }

    @Test
    @DisplayName("a last line without newline is a line; an empty file has none")
    void edges() throws IOException {
        assertThat(read("a\nb".getBytes(StandardCharsets.UTF_8), 2)).containsExactly("a", "b");
        assertThat(read(new byte[0], 5)).isEmpty();
        assertThat(read("\n".getBytes(StandardCharsets.UTF_8), 5)).containsExactly("");
    }
}
