package io.perfplane.launcher.run;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.ServiceFleet;
import io.perfplane.launcher.pipeline.SloFiles;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane run <file.yml|file.json> | --profile NAME [--target URL] [--kafka BOOTSTRAP] [--loadgen URL]
 * [--run-id ID]}: a test definition or built-in profile run on loadgen-service, k6 style.
 */
public final class RunCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """
      usage: perfplane run <file.yml|file.yaml|file.json> [options]
             perfplane run --profile NAME [options]

        Runs a test definition (format: docs/loadgen-service.md) or a built-in profile (seed, smoke, 1k-users,
        10k-users) through the whole pipeline: Kafka in-process (or --kafka), PostgreSQL, loadgen-service,
        analyzer-service and cost-service. Live progress, then loadgen's figures and thresholds, the analyzer's
        SLO verdicts and breaches (--slo, else the definition's slos:, else the analyzer's defaults), capacity,
        cost per scenario and strategy, and a saved HTML report. Everything started is stopped afterwards; a stack
        `perfplane up` runs is used instead (unless --kafka or --slo is given) and left running. The target must
        match loadgen-service's PERFPLANE_LOADGEN_ALLOWED_TARGETS (default: loopback only).

        --target URL       send the load here instead of the definition's targetBaseUrl
        --run-id ID        run id (default: the definition's, else generated)
        --kafka BOOTSTRAP  use this broker for the local loadgen-service instead of an in-process one
        --slo FILE         SLOs replacing the definition's slos: perfplane's SLO file, OpenSLO v1 or Sloth
                           prometheus/v1 (docs/analyzer-service.md)
        --summary-json F   write the end-of-run summary as JSON (docs/summary-json.md)
        --no-analysis      loadgen-service only: no analyzer, SLOs, capacity, cost or report
        --loadgen URL      submit to this running loadgen-service instead (token from PERFPLANE_CONTROL_TOKEN;
                           implies --no-analysis)

      exit codes: 0 thresholds and SLOs held, 99 a threshold or SLO failed, 97 aborted (stopped, or an
        abortOnFail threshold/SLO), 1 error (run FAILED, infrastructure), 2 usage, bad SLO file, or definition
        rejected/refused by loadgen, 130 Ctrl-C

      """;

  static final String TOKEN_VARIABLE = "PERFPLANE_CONTROL_TOKEN";

  private RunCommand() {
  }

  /**
   * Runs the command; Ctrl-C during the run stops it on loadgen-service before the JVM exits (with 130).
   *
   * @param args the arguments after {@code run}
   * @param env the environment (the control token with {@code --loadgen})
   * @param home repository root holding the service jars
   * @param interactive whether the output is a terminal: a rewritten progress line instead of one every 5 s
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Path home,
      boolean interactive) {
    Path root = home.toAbsolutePath().normalize();
    CommandLine.Parsed<RunOptions> parsed = CommandLine.parse("run", USAGE, out, err,
        () -> parse(args, env, root.resolve(".perfplane").resolve("logs")));
    RunOptions options = parsed.options();
    if (options == null) {
      return parsed.exitCode();
    }
    String token = options.loadgen() != null ? env.get(TOKEN_VARIABLE) : ServiceFleet.newSecret();
    RunSession session = new RunSession(options, token, root, out, err, interactive);
    Thread hook = new Thread(session::interrupt, "perfplane-run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return session.execute();
    } catch (RuntimeException e) {
      err.println("\nperfplane run: " + e.getMessage());
      return ExitCodes.ERROR;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and stops the run and the services itself.
      }
      session.close();
    }
  }

  /**
   * Parses the arguments after {@code run}; {@code null} means help was asked for.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  static @Nullable RunOptions parse(String[] args, Map<String, String> env, Path logDir) {
    Path file = null;
    String profile = null;
    String target = null;
    String kafka = null;
    URI loadgen = null;
    String runId = null;
    boolean analysis = true;
    Path sloFile = null;
    Path summaryJson = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--profile" -> profile = value(args, ++i, "--profile");
        case "--target" -> target = httpUrl(value(args, ++i, "--target"), "--target").toString();
        case "--kafka" -> kafka = value(args, ++i, "--kafka");
        case "--loadgen" -> loadgen = httpUrl(value(args, ++i, "--loadgen"), "--loadgen");
        case "--run-id" -> runId = value(args, ++i, "--run-id");
        case "--no-analysis" -> analysis = false;
        case "--slo" -> sloFile = Path.of(value(args, ++i, "--slo"));
        case "--summary-json" -> summaryJson = Path.of(value(args, ++i, "--summary-json"));
        default -> {
          if (args[i].startsWith("-")) {
            throw CommandLine.unknownOption(args[i]);
          }
          if (file != null) {
            throw new IllegalArgumentException("one definition file only, got '" + file + "' and '" + args[i] + "'");
          }
          file = Path.of(args[i]);
        }
      }
    }
    if ((file == null) == (profile == null)) {
      throw new IllegalArgumentException(file == null ? "needs a definition file or --profile NAME"
          : "give a definition file or --profile, not both");
    }
    if (loadgen != null && kafka != null) {
      throw new IllegalArgumentException("--kafka is for the local loadgen-service; a --loadgen one has its own");
    }
    if (loadgen != null && (env.get(TOKEN_VARIABLE) == null || env.get(TOKEN_VARIABLE).isBlank())) {
      throw new IllegalArgumentException("--loadgen needs the service's control token in " + TOKEN_VARIABLE);
    }
    if (loadgen != null) {
      analysis = false;
    }
    if (!analysis && (sloFile != null || summaryJson != null)) {
      throw new IllegalArgumentException((sloFile != null ? "--slo" : "--summary-json") + " needs the analysis"
          + " (not with --no-analysis or --loadgen)");
    }
    if (sloFile != null) {
      SloFiles.check(sloFile);
    }
    RunOptions.Source source = file != null ? definitionFile(file) : new RunOptions.Profile(profile);
    return new RunOptions(source, target, kafka, loadgen, runId, logDir, analysis, sloFile, summaryJson);
  }

  private static RunOptions.DefinitionFile definitionFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String contentType;
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      contentType = "application/yaml";
    } else if (name.endsWith(".json")) {
      contentType = "application/json";
    } else {
      throw new IllegalArgumentException("definition file must end in .yml, .yaml or .json: " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read definition file " + file);
    }
    return new RunOptions.DefinitionFile(file, contentType);
  }

  private static URI httpUrl(String text, String option) {
    try {
      URI uri = URI.create(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be an http(s) URL with a host: '" + text + "'");
  }

  private static String value(String[] args, int index, String name) {
    return CommandLine.value(args, index, name, "--");
  }
}
