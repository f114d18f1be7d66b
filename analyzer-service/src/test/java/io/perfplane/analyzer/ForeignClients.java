package io.perfplane.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the foreign consumers of the public topics as a user would: kcat (Debian package kcat) and a Node.js consumer
 * (npm packages kafkajs and avsc, {@code src/test/node}). {@code ./perfplane test} installs them and fails a test
 * whose tool is missing; a bare {@code ./mvnw verify} without them skips it, pointing there.
 */
final class ForeignClients {

  static final Path NODE_DIR = Path.of("src/test/node");

  private ForeignClients() {
  }

  /** The output lines of kcat reading {@code topic} from the beginning to its end, read_committed. */
  static List<String> kcat(String bootstrap, String topic) throws IOException, InterruptedException {
    require("kcat", "kcat (Debian package kcat)");
    return run(List.of("kcat", "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-q",
        "-X", "isolation.level=read_committed", "-f", "%k\\t%s\\n"));
  }

  /** The JSON lines of {@code src/test/node/avro-consumer.js} for {@code count} records of the run. */
  static List<String> nodeAvro(String bootstrap, String topic, String schema, String runId, int count)
      throws IOException, InterruptedException {
    require("node", "Node.js (Debian package nodejs)");
    if (!Files.isDirectory(NODE_DIR.resolve("node_modules/kafkajs")) || !Files.isDirectory(
        NODE_DIR.resolve("node_modules/avsc"))) {
      missing("the npm packages of " + NODE_DIR + " (npm ci --prefix analyzer-service/src/test/node)");
    }
    return run(List.of("node", NODE_DIR.resolve("avro-consumer.js").toString(), bootstrap, topic, schema, runId,
        Integer.toString(count), "../contracts/src/main/avro",
        "../contracts/src/main/resources/io/perfplane/contracts/history"));
  }

  private static List<String> run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    process.getOutputStream().close();
    boolean exited = process.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("%s did not finish in 90 s; stderr: %s", command.getFirst(), err).isTrue();
    assertThat(process.exitValue()).as("%s exit code; stderr: %s", command, err).isZero();
    return Arrays.stream(out.split("\n")).filter(line -> !line.isBlank()).toList();
  }

  private static void require(String tool, String what) {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (!found) {
      missing(what);
    }
  }

  private static void missing(String what) {
    boolean strict = "true".equalsIgnoreCase(System.getenv("PERFPLANE_TEST_STRICT"))
        || "true".equalsIgnoreCase(System.getenv("CI"));
    String message = what + " is missing";
    assertThat(strict).as("%s; ./perfplane test installs it, so its absence here is an error", message).isFalse();
    Assumptions.abort(message + "; skipped: run ./perfplane test, which installs it and skips nothing");
  }
}
