package io.perfplane.launcher.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.pipeline.Pipeline;
import io.perfplane.launcher.pipeline.SloFiles;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane up [--random-ports] [--slo FILE]}: starts the embedded pipeline with all five services, records it
 * in {@code .perfplane/stack.json} and {@code .perfplane/credentials}, prints where everything is and keeps it running
 * until Ctrl-C or {@code perfplane down} (SIGTERM), then stops it and removes both files.
 */
public final class UpCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane up [--random-ports] [--slo FILE]
             perfplane down

        up starts Kafka (KRaft, in-process), PostgreSQL and the five services and keeps them running until
        Ctrl-C or `perfplane down`. It writes .perfplane/stack.json (URLs, Kafka bootstrap, pid) and
        .perfplane/credentials (the bearer token, mode 0600); run, analyze, ingest, runs, report and breaches
        then use the stack with no flags and no token typed (docs/local-stack.md).

        --random-ports     free ports instead of 9092 (Kafka) and 8081-8085 (the services)
        --slo FILE         SLOs the stack's analyzer holds imports and runs without slos: of their own to
                           (default: p95 <= 500 ms, errors <= 1%)

        down stops the stack recorded in .perfplane/stack.json and waits until it has exited.

      exit codes: up 130/143 when stopped by Ctrl-C/down, 1 error (a stack already running, startup); down 0 stopped
        or nothing running, 1 error
      """;

  private UpCommand() {
  }

  /** Parsed {@code up} options. */
  record Options(boolean randomPorts, @Nullable Path sloFile) {
  }

  /**
   * Runs {@code up}; returns only on a startup failure or a usage error, else the JVM exits when signalled.
   *
   * @param args the arguments after {@code up}
   * @param home repository root holding the service jars; the stack's files go to {@code <home>/.perfplane}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    CommandLine.Parsed<Options> parsed = CommandLine.parse("up", USAGE, out, err, () -> parse(args));
    Options options = parsed.options();
    if (options == null) {
      return parsed.exitCode();
    }
    Path workDir = home.toAbsolutePath().normalize().resolve(".perfplane");
    try {
      Optional<StackFile> recorded = StackFile.read(workDir);
      if (recorded.isPresent() && recorded.get().alive()) {
        err.println("perfplane up: a stack is already running (pid " + recorded.get().pid() + ", since "
            + recorded.get().startedAt() + "): `perfplane down` stops it");
        return ExitCodes.ERROR;
      }
    } catch (IllegalStateException unreadable) {
      err.println("perfplane up: replacing an unreadable stack file: " + unreadable.getMessage());
    }
    StackFile.remove(workDir); // stale files of a stack whose process is gone
    Pipeline pipeline;
    try {
      pipeline = Pipeline.start(Pipeline.Spec.stack(home, options.sloFile(), workDir.resolve("logs"),
          options.randomPorts()), out);
    } catch (RuntimeException e) {
      err.println("\nperfplane up: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    Pipeline running = pipeline;
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      out.println("\nperfplane up: stopping the services, Kafka and PostgreSQL ...");
      try {
        running.close();
      } finally {
        StackFile.remove(workDir);
        out.println("perfplane up: stopped");
        stopped.countDown();
      }
    }, "perfplane-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    StackFile file;
    try {
      Path credentials = Credentials.write(workDir, running.secret(Service.INGEST));
      file = stackFile(running, credentials, workDir.resolve("logs"), Clock.systemUTC());
      file.write(workDir);
    } catch (RuntimeException e) {
      err.println("perfplane up: " + e.getMessage());
      Runtime.getRuntime().removeShutdownHook(hook);
      running.close();
      StackFile.remove(workDir);
      return ExitCodes.ERROR;
    }
    out.print(describe(file, workDir));
    try {
      stopped.await(); // until the JVM is told to exit: Ctrl-C or `perfplane down`
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.INTERRUPTED;
  }

  static StackFile stackFile(Pipeline pipeline, Path credentials, Path logs, Clock clock) {
    Map<String, String> services = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      services.put(service.module(), pipeline.baseUri(service).toString());
    }
    return new StackFile(StackFile.VERSION, ProcessHandle.current().pid(), Instant.now(clock).toString(),
        pipeline.bootstrapServers(), services, credentials.toAbsolutePath().toString(),
        logs.toAbsolutePath().toString());
  }

  /** What {@code up} prints once the stack is ready: every URL, the broker, where the token and logs are. */
  static String describe(StackFile file, Path workDir) {
    StringBuilder text = new StringBuilder("\nperfplane up: the stack is running (pid ").append(file.pid())
        .append("); Ctrl-C or `perfplane down` stops it\n\n");
    for (Service service : Service.values()) {
      file.uri(service).ifPresent(uri -> text.append(String.format("  %-18s %s%n", service.module(), uri)));
    }
    text.append(String.format("  %-18s %s%n", "kafka", file.kafka()));
    text.append(String.format("  %-18s %s (bearer token for every service, mode 0600)%n", "credentials",
        file.credentials()));
    text.append(String.format("  %-18s %s%n", "stack file", workDir.resolve(StackFile.NAME)));
    text.append(String.format("  %-18s %s%n", "logs", file.logs()));
    text.append("\n  try: ./perfplane analyze k6 results.json   ./perfplane runs   ./perfplane breaches --follow\n");
    return text.toString();
  }

  /** Parses the arguments after {@code up}; {@code null} means help was asked for. */
  static @Nullable Options parse(String[] args) {
    boolean randomPorts = false;
    Path sloFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--random-ports" -> randomPorts = true;
        case "--slo" -> {
          sloFile = Path.of(CommandLine.value(args, ++i, "--slo"));
          SloFiles.check(sloFile);
        }
        default -> throw CommandLine.unknownOption(args[i]);
      }
    }
    return new Options(randomPorts, sloFile);
  }
}
