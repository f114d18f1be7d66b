package io.perfplane.launcher.compare;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.pipeline.SummaryJson;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane compare BASELINE CANDIDATE [options]}: compares two runs' results files per endpoint and overall
 * and gates on significant regressions beyond the user's tolerances. Nothing is started: the files are read here.
 */
public final class CompareCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane compare BASELINE CANDIDATE [--max-regression METRIC=N%]... [--summary-json FILE]
                               [--confidence C]
             perfplane compare --baseline-file FILE CANDIDATE [options]

        Compares two runs per endpoint and overall: p50, p95, p99 (order-statistic intervals of the change), the
        shift of the whole latency distribution (Mann-Whitney U, Hodges-Lehmann estimate and interval), the error
        rate (Newcombe interval, two-proportion test) and throughput (Mann-Whitney over requests per second).
        Prints each change with its interval and a verdict: ~ (no significant change), better, worse, REGRESSION.
        BASELINE and CANDIDATE are results files: native NDJSON or k6 --out json, .gz read compressed
        (docs/compare.md). Keep the baseline's results file as a CI artifact.

        --max-regression M=N%  fail (exit 98) when M is significantly worse and its whole interval lies beyond N:
                               p50, p95, p99, shift, throughput relative (p95=10%); error_rate in percentage
                               points (error_rate=0.5%). Repeatable; a metric without one is never gated
        --summary-json FILE    write the comparison as JSON (docs/compare.md)
        --confidence C         of the intervals, 0.8 to 0.999 (default 0.95; the tests' alpha is 1 - C)

      exit codes: 0 no significant regression beyond the tolerances, 98 a significant regression beyond one (the
        endpoints named), 2 usage or an unreadable file
      """;

  /** A significant regression beyond a tolerance the user set. */
  public static final int REGRESSION = 98;
  private static final double DEFAULT_CONFIDENCE = 0.95;

  private CompareCommand() {
  }

  /** Parsed command line. */
  record Options(Path baseline, Path candidate, Tolerances tolerances, @Nullable Path summaryJson,
      double confidence) {
  }

  /**
   * Runs the command.
   *
   * @param args the arguments after {@code compare}
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("perfplane compare: " + e.getMessage());
      err.print(USAGE);
      return ExitCodes.USAGE;
    }
    if (options == null) {
      out.print(USAGE);
      return ExitCodes.OK;
    }
    RunSamples baseline;
    RunSamples candidate;
    try {
      baseline = ResultsFiles.read(options.baseline());
      candidate = ResultsFiles.read(options.candidate());
    } catch (ResultsFiles.UnreadableException e) {
      err.println("perfplane compare: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Comparison comparison = Comparison.of(baseline, candidate, options.tolerances(), options.confidence());
    int exitCode = comparison.regressions().isEmpty() ? ExitCodes.OK : REGRESSION;
    out.print(CompareTable.render(baseline, candidate, comparison, options.tolerances(), options.confidence()));
    out.println();
    out.print(CompareTable.result(comparison, exitCode));
    Path summary = options.summaryJson();
    if (summary != null) {
      try {
        SummaryJson.write(summary, CompareJson.of(options.baseline(), baseline, options.candidate(), candidate,
            comparison, options.tolerances(), options.confidence(), exitCode));
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
    Path summaryJson = null;
    Tolerances tolerances = new Tolerances();
    double confidence = DEFAULT_CONFIDENCE;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help", "help" -> {
          return null;
        }
        case "--baseline-file" -> baselineFile = Path.of(value(args, ++i, arg));
        case "--summary-json" -> summaryJson = Path.of(value(args, ++i, arg));
        case "--max-regression" -> tolerances.add(value(args, ++i, arg));
        case "--confidence" -> confidence = confidence(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("-") && arg.length() > 1) {
            throw new IllegalArgumentException("unknown option '" + arg + "'");
          }
          positional.add(arg);
        }
      }
    }
    int wanted = baselineFile == null ? 2 : 1;
    if (positional.size() != wanted) {
      throw new IllegalArgumentException(baselineFile == null
          ? "needs BASELINE and CANDIDATE (results files), got " + positional.size() + " argument(s)"
          : "with --baseline-file, needs one CANDIDATE, got " + positional.size() + " argument(s)");
    }
    Path baseline = baselineFile != null ? baselineFile : Path.of(positional.get(0));
    Path candidate = Path.of(positional.get(positional.size() - 1));
    return new Options(baseline, candidate, tolerances, summaryJson, confidence);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
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
