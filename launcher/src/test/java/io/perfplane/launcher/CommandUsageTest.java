package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.perfplane.launcher.analyze.AnalyzeCommand;
import io.perfplane.launcher.baseline.BaselineCommand;
import io.perfplane.launcher.breaches.BreachesCommand;
import io.perfplane.launcher.compare.CompareCommand;
import io.perfplane.launcher.ingest.IngestCommand;
import io.perfplane.launcher.run.RunCommand;
import io.perfplane.launcher.runs.ReportCommand;
import io.perfplane.launcher.runs.RunsCommand;
import io.perfplane.launcher.stack.DownCommand;
import io.perfplane.launcher.stack.UpCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's usage errors and help, to the letter: the message on stderr followed by the command's usage, exit 2;
 * help on stdout, exit 0. Nothing here reaches a stack or a service (each error comes before one is looked for).
 */
class CommandUsageTest {

  @TempDir
  Path home;

  private interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private record Printed(int exitCode, String out, String err) {
  }

  private static Printed call(Command command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void usageError(Command command, String usage, String message, String... args) {
    Printed printed = call(command, args);
    assertThat(printed.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
    assertThat(printed.err()).as(String.join(" ", args)).isEqualTo(message + "\n" + usage);
    assertThat(printed.out()).isEmpty();
  }

  private static void help(Command command, String usage, String... args) {
    Printed printed = call(command, args);
    assertThat(printed.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(printed.out()).isEqualTo(usage);
    assertThat(printed.err()).isEmpty();
  }

  @Test
  void analyzeRunBreachesAndUpKeepTheirMessages() {
    Command analyze = (a, o, e) -> AnalyzeCommand.run(a, o, e, Map.of(), home);
    usageError(analyze, AnalyzeCommand.USAGE, "perfplane analyze: --run needs a value", "k6", "--run", "--slo");
    usageError(analyze, AnalyzeCommand.USAGE, "perfplane analyze: unknown option '-x'", "k6", "-x");
    help(analyze, AnalyzeCommand.USAGE, "--help");

    Command run = (a, o, e) -> RunCommand.run(a, o, e, Map.of(), home, false);
    usageError(run, RunCommand.USAGE, "perfplane run: --run-id needs a value", "--run-id");
    usageError(run, RunCommand.USAGE, "perfplane run: unknown option '-v'", "-v");
    help(run, RunCommand.USAGE, "-h");

    Command breaches = (a, o, e) -> BreachesCommand.run(a, o, e, home);
    usageError(breaches, BreachesCommand.USAGE, "perfplane breaches: --run needs a value", "--run", "-f");
    usageError(breaches, BreachesCommand.USAGE, "perfplane breaches: unknown option 'r1'", "r1");
    help(breaches, BreachesCommand.USAGE, "--help");

    Command up = (a, o, e) -> UpCommand.run(a, o, e, home);
    usageError(up, UpCommand.USAGE, "perfplane up: --slo needs a value", "--slo");
    usageError(up, UpCommand.USAGE, "perfplane up: unknown option '--ports'", "--ports");
    help(up, UpCommand.USAGE, "-h");
    usageError((a, o, e) -> DownCommand.run(a, o, e, home), UpCommand.USAGE, "perfplane down: takes no arguments",
        "now");
  }

  @Test
  void compareBaselineRunsReportAndIngestKeepTheirMessages() throws IOException {
    Command compare = (a, o, e) -> CompareCommand.run(a, o, e, home);
    usageError(compare, CompareCommand.USAGE, "perfplane compare: --baseline needs a value", "a", "--baseline");
    usageError(compare, CompareCommand.USAGE, "perfplane compare: unknown option '--fast'", "a", "b", "--fast");
    help(compare, CompareCommand.USAGE, "help");

    Command baseline = (a, o, e) -> BaselineCommand.run(a, o, e, home);
    usageError(baseline, BaselineCommand.USAGE, "perfplane baseline: --name needs a value", "set", "r1", "--name");
    usageError(baseline, BaselineCommand.USAGE, "perfplane baseline: --note needs a value", "set", "--note");
    usageError(baseline, BaselineCommand.USAGE, "perfplane baseline: unknown option '--force'", "list", "--force");
    help(baseline, BaselineCommand.USAGE, "help");

    Command runs = (a, o, e) -> RunsCommand.run(a, o, e, home);
    usageError(runs, RunsCommand.USAGE, "perfplane runs: takes no arguments", "all");
    help(runs, RunsCommand.USAGE, "--help");

    Command report = (a, o, e) -> ReportCommand.run(a, o, e, home);
    usageError(report, RunsCommand.USAGE, "perfplane report: -o needs a value", "r1", "-o");
    usageError(report, RunsCommand.USAGE, "perfplane report: --output needs a value", "r1", "--output");
    usageError(report, RunsCommand.USAGE, "perfplane report: unexpected argument 'r2'", "r1", "r2");
    usageError(report, RunsCommand.USAGE, "perfplane report: needs a run id (`perfplane runs` lists them)");
    help(report, RunsCommand.USAGE, "-h");

    Path file = Files.writeString(home.resolve("results.ndjson"), "{}\n");
    Command ingest = (a, o, e) -> IngestCommand.run(a, o, e, Map.of(), null);
    usageError(ingest, IngestCommand.USAGE, "perfplane ingest: --run needs a value", "k6", file.toString(), "--run");
    usageError(ingest, IngestCommand.USAGE, "perfplane ingest: unknown option '--all'", "k6", file.toString(),
        "--all");
  }
}
