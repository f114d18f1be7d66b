package io.perfplane.launcher.runs;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.stack.RunningStack;
import tools.jackson.databind.JsonNode;

/**
 * {@code perfplane runs}: the runs of the stack's analyzer ({@code GET /runs}, then {@code GET /runs/{id}} for each
 * run's duration, p95 and SLO verdict) as one {@link RunsTable}, oldest first.
 */
public final class RunsCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane runs
             perfplane report RUN [-o FILE]

        runs lists the runs of the running stack (perfplane up): id, source, start, duration, requests, error
        rate, p95 and SLO verdict. report saves RUN's self-contained HTML report (with cost-service's estimates)
        to FILE (default .perfplane/reports/RUN.html).

      exit codes: 0 done, 1 error (no stack, unknown run, a service not answering), 2 usage
      """;

  private RunsCommand() {
  }

  /**
   * @param args the arguments after {@code runs} (none)
   * @param home the running stack is looked up under {@code <home>/.perfplane}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    if (args.length > 0) {
      if (args[0].equals("--help") || args[0].equals("-h")) {
        out.print(USAGE);
        return ExitCodes.OK;
      }
      return CommandLine.usageError("runs", "takes no arguments", USAGE, err);
    }
    Optional<RunningStack> stack = RunningStack.forCommand(home, "runs", err);
    if (stack.isEmpty()) {
      return ExitCodes.ERROR;
    }
    ControlClient client = new ControlClient();
    URI analyzer = stack.get().uri(Service.ANALYZER);
    String token = stack.get().token();
    try {
      JsonNode list = client.get(analyzer.resolve("/runs"), token)
          .orElseThrow(() -> new IllegalStateException(analyzer + "/runs not found"));
      List<RunsTable.Run> runs = new ArrayList<>();
      for (JsonNode summary : list) {
        String id = URLEncoder.encode(summary.path("runId").asString(""), StandardCharsets.UTF_8).replace("+", "%20");
        runs.add(new RunsTable.Run(summary, client.poll(analyzer.resolve("/runs/" + id), token).orElse(null)));
      }
      runs.sort(java.util.Comparator.comparingLong(r -> r.summary().path("startedAtUs").asLong(Long.MAX_VALUE)));
      out.print(RunsTable.render(runs));
      return ExitCodes.OK;
    } catch (IllegalStateException e) {
      err.println("perfplane runs: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }
}
