package io.perfplane.analyzer.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Starts {@link AnalyzerProcess} in a child JVM on this JVM's class path and follows its progress. */
final class AnalyzerProcessLauncher {

  private AnalyzerProcessLauncher() {
  }

  static Process start(String bootstrap, String applicationId, Path stateDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
        AnalyzerProcess.class.getName(), bootstrap, applicationId, stateDir.toString()))
        .redirectErrorStream(true)
        .start();
  }

  /** Samples the process reported as aggregated, updated by a daemon thread reading its output. */
  static AtomicLong progress(Process process) {
    AtomicLong consumed = new AtomicLong();
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(AnalyzerProcess.PROGRESS)) {
            consumed.set(Long.parseLong(line.substring(AnalyzerProcess.PROGRESS.length()).trim()));
          } else {
            System.out.println("[analyzer process] " + line);
          }
        }
      } catch (IOException e) {
        // The process was killed: its output ends.
      }
    });
    return consumed;
  }
}
