package io.perfplane.analyzer.stream;

import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An analyzer instance in its own JVM, so a test can kill it with SIGKILL mid-run (no shutdown hook, no commit, no
 * clean close: the honest crash). Prints {@code consumed <n>} after every 100 aggregated samples.
 *
 * <p>Arguments: bootstrap servers, application id, state directory.
 */
final class AnalyzerProcess {

  static final String PROGRESS = "consumed ";

  private AnalyzerProcess() {
  }

  public static void main(String[] args) throws InterruptedException {
    // Without a logback configuration the root logger logs Kafka at DEBUG to stdout, which carries the progress.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    AnalyzerInstance instance = new AnalyzerInstance(args[0], args[1], Path.of(args[2]));
    long reported = 0;
    while (true) {
      long consumed = instance.consumed.get();
      if (consumed >= reported + 100) {
        reported = consumed;
        System.out.println(PROGRESS + consumed);
        System.out.flush();
      }
      Thread.sleep(10);
    }
  }
}
