package io.perfplane.launcher.compare;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.pipeline.SummaryJson;
import io.perfplane.launcher.stack.RunningStack;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane compare BASELINE CANDIDATE [options]}: compares two runs per endpoint and overall and gates on
 * significant regressions beyond the user's tolerances. A side is a results file, a saved summary with histograms, a
 * run id of the running stack or ({@code --baseline NAME}) a named baseline of its analyzer ({@link Sides}). Nothing
 * is started.
 */
public final class CompareCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane compare BASELINE CANDIDATE [--max-regression METRIC=N%]... [--summary-json FILE]
                               [--confidence C]
             perfplane compare --baseline-file FILE CANDIDATE [options]
             perfplane compare --baseline NAME CANDIDATE [options]

        Compares two runs per endpoint and overall: p50, p95, p99 (order-statistic intervals of the change), the
        shift of the whole latency distribution (Mann-Whitney U, Hodges-Lehmann estimate and interval), the error
        rate (Newcombe interval, two-proportion test) and throughput (Mann-Whitney over requests per second).
        Prints each change with its interval and a verdict: ~ (no significant change), better, worse, REGRESSION.
        BASELINE and CANDIDATE are each a file, else a run id of the running stack (perfplane up; its analyzer's
        whole-run histograms). Files: native NDJSON or k6 --out json results (.gz read compressed), or a saved
        --summary-json that holds histograms (docs/compare.md). Mixed sides work.

        --baseline NAME        the baseline set with `perfplane baseline set` (the stack's analyzer)
        --baseline-file FILE   the baseline is this file
        --max-regression M=N%  fail (exit 98) when M is significantly worse and its whole interval lies beyond N:
                               p50, p95, p99, shift, throughput relative (p95=10%); error_rate in percentage
                               points (error_rate=0.5%). Repeatable; a metric without one is never gated
        --summary-json FILE    write the comparison as JSON (docs/compare.md)
        --confidence C         of the intervals, 0.8 to 0.999 (default 0.95; the tests' alpha is 1 - C)

      exit codes: 0 no significant regression beyond the tolerances, 98 a significant regression beyond one (the
        endpoints named), 2 usage, an unreadable file, an unknown run or baseline, 1 the analyzer failed or
        refused (unreachable, 403, 5xx) or the summary could not be written
      """;

  /** A significant regression beyond a tolerance the user set. */
  public static final int REGRESSION = 98;
  private static final double DEFAULT_CONFIDENCE = 0.95;

  private CompareCommand() {
  }

  /**
   * Parsed command line.
   *
   * @param baseline the first positional argument (a file or a run id), null with a baseline option
   * @param baselineFile {@code --baseline-file}, else null
   * @param baselineName {@code --baseline}, else null
   * @param candidate a file or a run id
   */
  record Options(@Nullable String baseline, @Nullable Path baselineFile, @Nullable String baselineName,
      String candidate, Tolerances tolerances, @Nullable Path summaryJson, double confidence) {
  }

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code compare}
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Path.of(System.getProperty("perfplane.home", ".")));
  }

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code compare}
   * @param home a run id or {@code --baseline} is read from the stack running under {@code <home>/.perfplane}
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    CommandLine.Parsed<Options> parsed = CommandLine.parse("compare", USAGE, out, err, () -> parse(args));
    Options options = parsed.options();
    if (options == null) {
      return parsed.exitCode();
    }
    Sides sides = new Sides(() -> {
      try {
        return RunningStack.find(home.toAbsolutePath().normalize().resolve(".perfplane"));
      } catch (IllegalStateException unreadable) {
        throw new Sides.UnavailableException(unreadable.getMessage());
      }
    });
    Side baseline;
    Side candidate;
    try {
      String name = options.baselineName();
      Path file = options.baselineFile();
      baseline = name != null ? sides.baseline(name)
          : file != null ? sides.file(file) : sides.positional(java.util.Objects.requireNonNull(options.baseline()));
      candidate = sides.positional(options.candidate());
    } catch (ResultsFiles.UnreadableException e) {
      err.println("perfplane compare: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (Sides.UnavailableException | IllegalStateException e) {
      err.println("perfplane compare: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    Comparison comparison = Comparison.of(baseline.samples(), candidate.samples(), options.tolerances(),
        options.confidence());
    int exitCode = comparison.regressions().isEmpty() ? ExitCodes.OK : REGRESSION;
    out.print(CompareTable.render(baseline, candidate, comparison, options.tolerances(), options.confidence()));
    out.println();
    out.print(CompareTable.result(comparison, exitCode));
    Path summary = options.summaryJson();
    if (summary != null) {
      try {
        SummaryJson.write(summary, CompareJson.of(baseline, candidate, comparison, options.tolerances(),
            options.confidence(), exitCode));
        out.println("  summary    " + summary.toAbsolutePath());
      } catch (UncheckedIOException e) {
        err.println("perfplane compare: " + e.getMessage());
        return ExitCodes.ERROR;
      }
    }
    return exitCode;
  }

  /** Parses the arguments; null means help was asked for; IllegalArgumentException for a usage error. */
  static @Nullable Options parse(String[] args) {
    List<String> positional = new ArrayList<>();
    Path baselineFile = null;
    String baselineName = null;
    Path summaryJson = null;
    Tolerances tolerances = new Tolerances();
    double confidence = DEFAULT_CONFIDENCE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help", "help" -> {
          return null;
        }
        case "--baseline-file" -> baselineFile = Path.of(CommandLine.value(args, ++i, arg));
        case "--baseline" -> baselineName = CommandLine.value(args, ++i, arg);
        case "--summary-json" -> summaryJson = Path.of(CommandLine.value(args, ++i, arg));
        case "--max-regression" -> tolerances.add(CommandLine.value(args, ++i, arg));
        case "--confidence" -> confidence = confidence(CommandLine.value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-") && arg.length() > 1) {
            throw CommandLine.unknownOption(arg);
          }
          positional.add(arg);
        }
      }
    }
    if (baselineFile != null && baselineName != null) {
      throw new IllegalArgumentException("--baseline-file and --baseline name two baselines: give one");
    }
    String option = baselineFile != null ? "--baseline-file" : "--baseline";
    int wanted = baselineFile == null && baselineName == null ? 2 : 1;
    if (positional.size() != wanted) {
      throw new IllegalArgumentException(wanted == 2
          ? "needs BASELINE and CANDIDATE (results files, summaries or run ids), got " + positional.size()
              + " argument(s)"
          : "with " + option + ", needs one CANDIDATE, got " + positional.size() + " argument(s)");
    }
    String baseline = wanted == 2 ? positional.get(0) : null;
    String candidate = positional.get(positional.size() - 1);
    return new Options(baseline, baselineFile, baselineName, candidate, tolerances, summaryJson, confidence);
  }

  private static double confidence(String text) {
    try {
      double value = Double.parseDouble(text);
      if (value >= 0.8 && value <= 0.999) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("--confidence must be a number from 0.8 to 0.999: '" + text + "'");
  }
}
