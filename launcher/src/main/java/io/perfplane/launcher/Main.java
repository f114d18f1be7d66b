package io.perfplane.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import io.perfplane.launcher.analyze.AnalyzeCommand;
import io.perfplane.launcher.baseline.BaselineCommand;
import io.perfplane.launcher.breaches.BreachesCommand;
import io.perfplane.launcher.compare.CompareCommand;
import io.perfplane.launcher.demo.Demo;
import io.perfplane.launcher.demo.DemoOptions;
import io.perfplane.launcher.ingest.IngestCommand;
import io.perfplane.launcher.run.RunCommand;
import io.perfplane.launcher.runs.ReportCommand;
import io.perfplane.launcher.runs.RunsCommand;
import io.perfplane.launcher.stack.DownCommand;
import io.perfplane.launcher.stack.RunningStack;
import io.perfplane.launcher.stack.UpCommand;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane} command line. {@code demo} runs the whole pipeline on the embedded default; {@code run} runs a
 * test definition or built-in profile on loadgen-service ({@link RunCommand}); {@code ingest} streams a result file
 * to a running ingest-service ({@link IngestCommand}); {@code compare} compares two runs
 * ({@link CompareCommand}: results files, saved summaries, run ids, named baselines); {@code up}/{@code down} start
 * and stop a persistent local stack that {@code analyze}, {@code ingest}, {@code runs}, {@code report},
 * {@code breaches}, {@code baseline} and {@code compare} (for run ids) use; see README for the exit codes.
 */
public final class Main {

  private static final String USAGE = """
      usage: perfplane demo [--vus N] [--duration SECONDS] [--kafka-port PORT] [--random-ports] [--summary-json F]
                            [--hold SECONDS]

        Starts an in-process Kafka broker (KRaft), PostgreSQL (configured, local or embedded) and the five
        services, runs a staged load against api-service and prints live progress and a summary.

        --vus N            peak virtual users (default 20)
        --duration S       planned load duration in seconds (default 30)
        --kafka-port PORT  broker port (default 9092; 0 = any free port)
        --random-ports     free ports for the services instead of 8081-8085
        --summary-json F   write the end-of-run summary as JSON (docs/summary-json.md)
        --hold S           keep the services up S seconds after the summary (default 0), e.g. for a Prometheus
                           scrape of the run's capacity and cost (docs/deploy.md, Grafana)

      exit codes: 0 all SLOs held, 99 SLO thresholds failed, 97 run aborted, 1 error, 2 usage, 130 Ctrl-C

      """ + RunCommand.USAGE + AnalyzeCommand.USAGE + IngestCommand.USAGE + UpCommand.USAGE + RunsCommand.USAGE
      + BreachesCommand.USAGE + CompareCommand.USAGE + BaselineCommand.USAGE + """

      usage: perfplane test [--module MODULE]... [--skip-prometheus-it] [-- MAVEN_ARGS...]

        The test command (scripts/test): installs what the tests need (Chromium, promtool, npm packages,
        PostgreSQL's password), then runs the whole suite with nothing skipped for a missing tool.
      """;

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    Path home = Path.of(System.getProperty("perfplane.home", ".")).toAbsolutePath().normalize();
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    if (args.length > 0) {
      switch (args[0]) {
        case "ingest" -> {
          return IngestCommand.run(rest, out, System.err, System.getenv(), stackQuietly(home));
        }
        case "up" -> {
          return UpCommand.run(rest, out, System.err, home);
        }
        case "down" -> {
          return DownCommand.run(rest, out, System.err, home);
        }
        case "runs" -> {
          return RunsCommand.run(rest, out, System.err, home);
        }
        case "report" -> {
          return ReportCommand.run(rest, out, System.err, home);
        }
        case "baseline" -> {
          return BaselineCommand.run(rest, out, System.err, home);
        }
        case "breaches" -> {
          return BreachesCommand.run(rest, out, System.err, home);
        }
        default -> {
          // the commands below
        }
      }
    }
    if (args.length > 0 && args[0].equals("analyze")) {
      return AnalyzeCommand.run(Arrays.copyOfRange(args, 1, args.length), out, System.err, System.getenv(), home);
    }
    if (args.length > 0 && args[0].equals("compare")) {
      return CompareCommand.run(Arrays.copyOfRange(args, 1, args.length), out, System.err, home);
    }
    if (args.length > 0 && args[0].equals("run")) {
      return RunCommand.run(Arrays.copyOfRange(args, 1, args.length), out, System.err, System.getenv(), home,
          System.console() != null);
    }
    DemoOptions options;
    try {
      options = parse(args, home);
    } catch (IllegalArgumentException e) {
      System.err.println("perfplane: " + e.getMessage());
      System.err.print(USAGE);
      return ExitCodes.USAGE;
    }
    if (options == null) {
      out.print(USAGE);
      return ExitCodes.OK;
    }
    Demo demo = new Demo(options, out, System.console() != null);
    AtomicBoolean finished = new AtomicBoolean();
    Thread cleanup = new Thread(() -> {
      if (!finished.get()) {
        out.println("\nperfplane: interrupted, stopping services, Kafka and PostgreSQL ...");
      }
      demo.close();
    }, "perfplane-shutdown");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      int exitCode = demo.run().exitCode();
      if (!options.hold().isZero()) {
        out.printf("perfplane demo: services stay up for %d s (--hold) ...%n", options.hold().toSeconds());
        Thread.sleep(options.hold());
      }
      return exitCode;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    } catch (RuntimeException e) {
      System.err.println("perfplane: " + e.getMessage());
      return ExitCodes.ERROR;
    } finally {
      finished.set(true);
      out.println("perfplane demo: stopping ...");
      // Stopping here rather than only in the hook keeps the exit code ours; the hook then finds nothing to do.
      demo.close();
    }
  }

  /** The running stack whose ingest-service and token {@code ingest} defaults to; none when it cannot be read. */
  private static @Nullable RunningStack stackQuietly(Path home) {
    try {
      return RunningStack.find(home.resolve(".perfplane")).orElse(null);
    } catch (IllegalStateException unreadable) {
      return null;
    }
  }

  /** Parses arguments; {@code null} means help was asked for. */
  static @Nullable DemoOptions parse(String[] args, Path home) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      return null;
    }
    if (!args[0].equals("demo")) {
      throw new IllegalArgumentException("unknown command '" + args[0] + "'");
    }
    DemoOptions defaults = DemoOptions.defaults(home);
    int vus = defaults.peakVus();
    Duration duration = defaults.duration();
    int kafkaPort = defaults.kafkaPort();
    boolean randomPorts = false;
    Path summaryJson = null;
    Duration hold = Duration.ZERO;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--vus" -> vus = intArg(args, ++i, "--vus", 2, 2000);
        case "--duration" -> duration = Duration.ofSeconds(intArg(args, ++i, "--duration", 5, 3600));
        case "--kafka-port" -> kafkaPort = intArg(args, ++i, "--kafka-port", 0, 65535);
        case "--random-ports" -> randomPorts = true;
        case "--hold" -> hold = Duration.ofSeconds(intArg(args, ++i, "--hold", 0, 3600));
        case "--summary-json" -> summaryJson = Path.of(CommandLine.value(args, ++i, "--summary-json"));
        default -> throw CommandLine.unknownOption(args[i]);
      }
    }
    return defaults.withCommandLine(vus, duration, kafkaPort, randomPorts, summaryJson).withHold(hold);
  }

  private static int intArg(String[] args, int index, String name, int min, int max) {
    if (index >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    try {
      int value = Integer.parseInt(args[index]);
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: '" + args[index] + "'");
    }
  }
}
