package dev.segmentkit.store.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a members file line by line from bytes. Members are mostly ASCII, and an ASCII line
 * becomes a {@code String} by a plain copy, where a {@code Reader} decodes every byte to a
 * {@code char} and back; other lines are decoded as UTF-8 (malformed bytes replaced, as a
 * {@code Reader} would). A last line without a newline is still a line. Not thread-safe.
 */
final class MemberLines implements Closeable {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;

    MemberLines(InputStream in) {
        this.in = in;
    }

    /** Returns the next line without its newline, or null at the end of the file. */
    String next() throws IOException {
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = text(start, i);
                    start = i + 1;
                    return line;
                }
            }
            if (eof) {
                if (start == end) {
                    return null;
                }
                String line = text(start, end);
                start = end;
                return line;
            }
            scanFrom = end - start;
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private String text(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] < 0) {
                return new String(buffer, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
