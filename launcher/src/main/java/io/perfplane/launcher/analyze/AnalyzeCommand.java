package io.perfplane.launcher.analyze;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.ingest.IngestCommand;
import io.perfplane.launcher.pipeline.Outcome;
import io.perfplane.launcher.pipeline.Pipeline;
import io.perfplane.launcher.pipeline.SloFiles;
import io.perfplane.launcher.pipeline.SummaryJson;
import io.perfplane.launcher.pipeline.Verdicts;
import io.perfplane.launcher.stack.RunningStack;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code perfplane analyze <format> <file>... [options]}: starts the embedded pipeline with ingest-service as its
 * front, streams the files to it as one run (every file but the last as a part), waits for the analyzer's verdict
 * and cost-service's estimates, prints the same summary as {@code run} and stops everything.
 */
public final class AnalyzeCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane analyze <format> <file>... [--run ID] [--slo FILE] [--summary-json FILE] [--test NAME]
                               [--target-service NAME] [--kafka BOOTSTRAP]

        Analyzes results of a load test run elsewhere: uses the stack `perfplane up` started when one runs (and
        neither --slo nor --kafka is given), else starts Kafka in-process (or uses --kafka), PostgreSQL,
        ingest-service, analyzer-service and cost-service; streams the files to them as ONE run, then prints
        figures per endpoint, SLO verdicts and breaches over time, capacity, cost per scenario and strategy,
        and saves an HTML report. Files of any age; a name ending in .gz is sent compressed.
        format: native | k6 (k6 run --out json=FILE) | jmeter (JTL CSV) | gatling (simulation.log)
                | k6-summary (--summary-export: run-level figures only, printed as ingest-service reads them)

        --run ID           run id (default: import-<random>)
        --slo FILE         SLOs: perfplane's SLO file, OpenSLO v1 or Sloth prometheus/v1 (docs/analyzer-service.md;
                           what cannot apply to a load test is listed; default: p95 <= 500 ms, errors <= 1%);
                           starts a pipeline of its own (a running stack holds runs to `up --slo`)
        --summary-json F   write the end-of-run summary as JSON (docs/summary-json.md)
        --test NAME        test name recorded on the run
        --target-service N the system under test, named on the capacity event and the cost estimates
                           (default: unknown)
        --kafka BOOTSTRAP  use this broker instead of an in-process one

      exit codes: 0 SLOs held, 99 an SLO failed, 3 some lines rejected (the rest analyzed; listed), 1 error,
        2 usage or bad SLO file
      """;

  /** Some lines of the files were rejected; the valid ones were analyzed. */
  static final int PARTIAL = 3;
  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AnalyzeCommand() {
  }

  /**
   * Options of one call.
   *
   * @param files the result files, sent in this order; the last completes the run
   */
  record Options(String format, List<Path> files, String runId, @Nullable Path sloFile, @Nullable Path summaryJson,
      @Nullable String testName, @Nullable String targetService, @Nullable String kafka) {
  }

  /**
   * @param args the arguments after {@code analyze}
   * @param home repository root holding the service jars
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home) {
    CommandLine.Parsed<Options> parsed = CommandLine.parse("analyze", USAGE, out, err, () -> parse(args));
    Options options = parsed.options();
    if (options == null) {
      return parsed.exitCode();
    }
    Path workDir = home.toAbsolutePath().normalize().resolve(".perfplane");
    Pipeline pipeline = null;
    Thread hook = null;
    try {
      // --kafka and --slo configure a pipeline of the command's own; without them a running stack serves.
      Optional<RunningStack> stack = options.kafka() == null && options.sloFile() == null
          ? RunningStack.find(workDir) : Optional.empty();
      if (stack.isPresent()) {
        out.println("perfplane analyze: using the running stack (pid " + stack.get().file().pid() + ", "
            + workDir.resolve("stack.json") + ")");
        pipeline = Pipeline.attach(stack.get().uris(), stack.get().kafka(), stack.get().token());
        return analyze(options, pipeline, workDir, out, err);
      }
      pipeline = Pipeline.start(new Pipeline.Spec(home, Service.INGEST, options.kafka(), options.sloFile(),
          workDir.resolve("logs")), out);
      Pipeline stopping = pipeline;
      hook = new Thread(stopping::close, "perfplane-analyze-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      return analyze(options, pipeline, workDir, out, err);
    } catch (RuntimeException | IOException e) {
      err.println("\nperfplane analyze: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERRUPTED;
    } finally {
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook stops the pipeline
        }
      }
      if (pipeline != null) {
        if (!pipeline.attached()) {
          out.println("perfplane analyze: stopping the services, Kafka and PostgreSQL ...");
        }
        pipeline.close(); // an attached stack keeps running: this stops only the command's own watchers
      }
    }
  }

  private static int analyze(Options options, Pipeline pipeline, Path workDir, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    long accepted = 0;
    long rejected = 0;
    pipeline.watchFirstSample(options.runId());
    List<Path> files = options.files();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      out.println("perfplane analyze: sending " + file + " (" + options.format() + ", file " + (i + 1) + " of "
          + files.size() + ") as run " + options.runId());
      IngestCommand.Answer answer = IngestCommand.upload(options.format(), file, options.runId(),
          pipeline.baseUri(Service.INGEST), pipeline.secret(Service.INGEST), i == files.size() - 1,
          options.testName(), options.targetService(), out);
      JsonNode body = JSON.readTree(answer.body());
      if (answer.status() != 200 && answer.status() != 422) {
        err.println("perfplane analyze: ingest-service refused " + file + ": HTTP " + answer.status() + " "
            + body.path("detail").asString(answer.body()));
        return ExitCodes.ERROR;
      }
      if (options.format().equals("k6-summary")) {
        out.println("  " + answer.body());
        out.println("perfplane analyze: a k6 summary holds run-level figures only (no requests to analyze);"
            + " for SLOs, breaches, capacity and cost send k6's --out json file");
        return ExitCodes.OK;
      }
      accepted += body.path("accepted").asLong(0);
      rejected += body.path("rejected").asLong(0);
      out.printf("  accepted %,d, rejected %,d, ignored %,d%n", body.path("accepted").asLong(0),
          body.path("rejected").asLong(0), body.path("ignored").asLong(0));
      for (JsonNode error : body.path("errors")) {
        err.println("  " + file.getFileName() + ":" + error.path("line").asLong(0) + ": "
            + error.path("field").asString("") + ": " + error.path("reason").asString(""));
      }
    }
    if (accepted == 0) {
      err.println("perfplane analyze: no valid request in the files: nothing to analyze");
      return rejected > 0 ? PARTIAL : ExitCodes.ERROR;
    }
    out.println("perfplane analyze: " + String.format("%,d", accepted) + " requests sent; waiting for the analyzer's"
        + " verdict and cost-service's estimates ...");
    Outcome outcome = pipeline.awaitOutcome(options.runId(), accepted, SETTLE, workDir.resolve("reports"));
    int exitCode = Verdicts.anySloFailed(outcome.analysis()) ? ExitCodes.THRESHOLDS_FAILED
        : rejected > 0 ? PARTIAL : ExitCodes.OK;
    out.print(Verdicts.figures("perfplane analyze " + options.runId() + " — " + files.size() + " "
        + options.format() + " file" + (files.size() == 1 ? "" : "s") + (rejected > 0 ? ", " + String.format(
            "%,d", rejected) + " lines rejected" : ""), outcome.analysis()));
    out.print(Verdicts.render(outcome));
    out.print(exitCode == PARTIAL ? "\n  result     SLOs held, some lines rejected (exit 3)\n"
        : Verdicts.result(exitCode));
    if (options.summaryJson() != null) {
      SummaryJson.write(options.summaryJson(), SummaryJson.of("analyze", options.runId(), outcome, null, exitCode));
      out.println("  summary    " + options.summaryJson().toAbsolutePath());
    }
    return exitCode;
  }

  /** Parses the arguments after {@code analyze}; {@code null} means help was asked for. */
  static @Nullable Options parse(String[] args) {
    String format = null;
    List<Path> files = new ArrayList<>();
    String runId = null;
    Path sloFile = null;
    Path summaryJson = null;
    String testName = null;
    String targetService = null;
    String kafka = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--run" -> runId = value(args, ++i, "--run");
        case "--slo" -> sloFile = Path.of(value(args, ++i, "--slo"));
        case "--summary-json" -> summaryJson = Path.of(value(args, ++i, "--summary-json"));
        case "--test" -> testName = value(args, ++i, "--test");
        case "--target-service" -> targetService = value(args, ++i, "--target-service");
        case "--kafka" -> kafka = value(args, ++i, "--kafka");
        default -> {
          if (args[i].startsWith("-")) {
            throw CommandLine.unknownOption(args[i]);
          }
          if (format == null) {
            format = args[i];
          } else {
            files.add(Path.of(args[i]));
          }
        }
      }
    }
    if (format == null) {
      throw new IllegalArgumentException("needs a format and at least one file");
    }
    if (!IngestCommand.formats().contains(format)) {
      throw new IllegalArgumentException("unknown format '" + format + "'; expected one of "
          + IngestCommand.formats());
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("needs at least one " + format + " file");
    }
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read file " + file);
      }
    }
    if (format.equals("k6-summary") && files.size() > 1) {
      throw new IllegalArgumentException("one k6 summary at a time");
    }
    if (runId != null && !runId.matches("[A-Za-z0-9._:-]{1,128}")) {
      throw new IllegalArgumentException("--run must be 1-128 letters, digits, '.', '_', ':' or '-': '" + runId + "'");
    }
    if (sloFile != null) {
      SloFiles.check(sloFile);
    }
    return new Options(format, List.copyOf(files), runId != null ? runId
        : "import-" + UUID.randomUUID().toString().substring(0, 8), sloFile, summaryJson, testName, targetService,
        kafka);
  }

  private static String value(String[] args, int index, String name) {
    return CommandLine.value(args, index, name, "--");
  }
}
