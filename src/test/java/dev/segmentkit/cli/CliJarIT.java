package dev.segmentkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the executable jar that {@code mvn package} builds, as the README runs it. */
class CliJarIT {

    record Result(int code, String out, String err) {
    }

    private static Result java(Path dir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("segmentkit.cliJar");
        assertThat(jar).as("system property segmentkit.cliJar").isNotNull();
        assertThat(Path.of(jar)).isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("java -jar segmentkit-*-cli.jar demo works on a fresh directory with no SLF4J warning")
    void demo(@TempDir Path dir) throws Exception {
        Result demo = java(dir, "demo");
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.err()).doesNotContain("SLF4J");
        assertThat(demo.out()).contains("imported top-buyers as target group")
                .contains("imported recent-cart-abandoners as target group");
        assertThat(dir.resolve("segmentkit-data/demo-history.ndjson.gz")).isRegularFile();

        Result groups = java(dir, "groups", "list", "--json");
        assertThat(groups.code()).isZero();
        JsonNode list = new ObjectMapper().readTree(groups.out()).get("targetGroups");
        assertThat(list).hasSize(2);

        Result missing = java(dir, "reimport", "tg-nope");
        assertThat(missing.code()).isEqualTo(Main.NOT_FOUND);
        assertThat(missing.err()).startsWith("segmentkit: target group not found: tg-nope");
    }
}
