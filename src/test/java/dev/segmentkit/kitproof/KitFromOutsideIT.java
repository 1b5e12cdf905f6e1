package dev.segmentkit.kitproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the kit the way an adapter team uses it: installs the packaged jar and its {@code tests}
 * test-jar into the local repository under a throw-away version, builds a Maven project from the
 * README's dependency snippet and example subclass, and runs its tests offline. Runs after
 * {@code package} (failsafe), with the local repository the main build warmed.
 */
class KitFromOutsideIT {

    private static final String VERSION = "0.0.0-kitcheck";
    private static final Pattern BLOCK = Pattern.compile("<!-- (adapter-[a-z]+) -->\\s*```[a-z]+\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    Path work;

    private Path repo;

    @BeforeEach
    void locateRepository() {
        repo = Paths.get(property("maven.repo.local"));
    }

    @AfterEach
    void removeThrowAwayVersion() throws IOException {
        deleteTree(repo.resolve("dev/segmentkit/segmentkit").resolve(VERSION));
    }

    @Test
    void readmeExampleRunsGreenAgainstThePackagedJars() throws Exception {
        String readme = Files.readString(Paths.get(property("segmentkit.readme")));
        String dependencies = block(readme, "adapter-pom");
        String example = block(readme, "adapter-example");

        installThrowAwayVersion();

        Path adapter = work.resolve("adapter");
        Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(example);
        Matcher cls = Pattern.compile("class (\\w+)").matcher(example);
        assertThat(pkg.find() && cls.find()).as("the README example names its package and class").isTrue();
        Path source = adapter.resolve("src/test/java").resolve(pkg.group(1).replace('.', '/'))
                .resolve(cls.group(1) + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, example);
        Files.writeString(adapter.resolve("pom.xml"), adapterPom(dependencies));

        mvn(adapter, "test");

        Path report = adapter.resolve("target/surefire-reports/TEST-" + pkg.group(1) + "." + cls.group(1) + ".xml");
        String xml = Files.readString(report);
        Matcher counts = Pattern.compile("tests=\"(\\d+)\" errors=\"(\\d+)\" skipped=\"(\\d+)\" failures=\"(\\d+)\"")
                .matcher(xml);
        assertThat(counts.find()).as("surefire report of the adapter project").isTrue();
        assertThat(Integer.parseInt(counts.group(1))).as("kit tests run").isGreaterThan(40);
        assertThat(counts.group(2) + "/" + counts.group(4)).as("errors/failures").isEqualTo("0/0");
    }

    /**
     * Lays the packaged jars and the project's pom, renumbered, out in the local repository as
     * {@code mvn install} would. Copied by hand rather than with the install plugin, which the main
     * build does not use and an offline run on a fresh machine would lack.
     */
    private void installThrowAwayVersion() throws IOException {
        Path dir = Files.createDirectories(repo.resolve("dev/segmentkit/segmentkit").resolve(VERSION));
        String base = "segmentkit-" + VERSION;
        String projectPom = Files.readString(Paths.get(property("segmentkit.pom")));
        String renumbered = projectPom.replaceFirst("<version>" + Pattern.quote(property("segmentkit.version"))
                + "</version>", "<version>" + VERSION + "</version>");
        assertThat(renumbered).as("the project pom names its version").isNotEqualTo(projectPom);
        Files.writeString(dir.resolve(base + ".pom"), renumbered);
        Files.copy(Paths.get(property("segmentkit.jar")), dir.resolve(base + ".jar"));
        Files.copy(Paths.get(property("segmentkit.testJar")), dir.resolve(base + "-tests.jar"));
    }

    private static String adapterPom(String dependencies) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>kit-check-adapter</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <segmentkit.version>%s</segmentkit.version>
                  </properties>
                %s
                  <build>
                    <plugins>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.5.0</version></plugin>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.16.0</version></plugin>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION, dependencies);
    }

    private static String block(String readme, String name) {
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("README.md has no block marked <!-- " + name + " -->");
    }

    private void mvn(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(property("maven.home"), "bin", "mvn").toString());
        command.addAll(List.of("-B", "-o", "-q", "-Dmaven.repo.local=" + repo));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "mvn", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish in 180 s");
        }
        assertThat(process.exitValue()).as("exit value of mvn %s in %s; output:%n%s", String.join(" ", args), dir,
                Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by failsafe in pom.xml)", name).isNotBlank();
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
