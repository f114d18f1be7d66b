package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * External command-line tools (promtool, node, terraform). Under {@code ./perfplane test} or CI
 * ({@link Repo#strict()}) a missing tool fails the test, because that command installs them (terraform it only names);
 * under a bare {@code ./mvnw verify} the test is skipped with a message naming the package and the test command.
 */
final class Tools {

  private Tools() {
  }

  static Path require(String tool, String installHint) {
    Optional<Path> found = find(tool);
    if (found.isPresent()) {
      return found.get();
    }
    String message = Repo.missing(tool, installHint);
    if (Repo.strict()) {
      fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  static Optional<Path> find(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Result of a finished command: exit code and combined stdout and stderr. */
  record Run(int exitCode, String output) {
  }

  static Run run(Path workingDir, List<String> command) {
    return run(workingDir, command, Map.of());
  }

  /** Runs with {@code environment} added to this process's environment. */
  static Run run(Path workingDir, List<String> command, Map<String, String> environment) {
    try {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workingDir.toFile())
          .redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().close();
      // Read before waiting: a full pipe would block the tool forever.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }
}
