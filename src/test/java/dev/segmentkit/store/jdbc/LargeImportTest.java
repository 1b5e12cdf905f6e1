package dev.segmentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A million-member group goes through the JDBC store in a JVM with a 128 MB heap. */
class LargeImportTest {

    @Test
    @DisplayName("a 1,000,000-member import and read-back succeed with -Xmx128m")
    void millionMemberImportSucceedsInASmallHeap(@TempDir Path dir) throws Exception {
        String url = TestDatabase.url();
        String schema = TestDatabase.createSchema();
        try {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            File log = dir.resolve("large-import.log").toFile();
            Process process = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", classpath,
                    LargeImportMain.class.getName(), url, schema, "1000000")
                    .redirectErrorStream(true).redirectOutput(log).start();
            boolean finished = process.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);

            assertThat(finished).as("finished within 90 s; output:%n%s", output).isTrue();
            assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
            assertThat(output).contains("imported 1000000 members")
                    .contains("streamed back 1000000 members in order");
            System.out.print(output);
        } finally {
            TestDatabase.dropSchema(schema);
        }
    }
}
