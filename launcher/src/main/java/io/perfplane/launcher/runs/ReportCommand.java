package io.perfplane.launcher.runs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.pipeline.ReportCost;
import io.perfplane.launcher.stack.RunningStack;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code perfplane report RUN [-o FILE]}: saves the analyzer's self-contained HTML report of a run of the running
 * stack ({@code GET /runs/{id}/report.html}), with cost-service's estimates for it inserted as the other commands
 * do, to FILE or {@code .perfplane/reports/<run>.html}.
 */
public final class ReportCommand {

  private ReportCommand() {
  }

  /**
   * @param args the arguments after {@code report}
   * @param home the running stack is looked up under {@code <home>/.perfplane}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    String runId = null;
    Path file = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> {
            out.print(RunsCommand.USAGE);
            return ExitCodes.OK;
          }
          case "-o", "--output" -> file = Path.of(CommandLine.value(args, ++i, arg));
          default -> {
            if (arg.startsWith("-") || runId != null) {
              return usage(err, "unexpected argument '" + arg + "'");
            }
            runId = arg;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (runId == null) {
      return usage(err, "needs a run id (`perfplane runs` lists them)");
    }
    Optional<RunningStack> stack = RunningStack.forCommand(home, "report", err);
    if (stack.isEmpty()) {
      return ExitCodes.ERROR;
    }
    String id = URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
    ControlClient client = new ControlClient();
    String token = stack.get().token();
    try {
      URI analyzer = stack.get().uri(Service.ANALYZER);
      if (client.get(analyzer.resolve("/runs/" + id), token).isEmpty()) {
        err.println("perfplane report: the stack's analyzer has no run '" + runId + "' (`perfplane runs` lists them)");
        return ExitCodes.ERROR;
      }
      String html = client.text(analyzer.resolve("/runs/" + id + "/report.html"), token);
      Optional<JsonNode> estimates = client.poll(stack.get().uri(Service.COST).resolve("/estimates?runId=" + id),
          token);
      if (estimates.isPresent() && estimates.get().isArray() && !estimates.get().isEmpty()) {
        html = ReportCost.insert(html, estimates.get());
      }
      Path target = file != null ? file : home.toAbsolutePath().normalize().resolve(".perfplane").resolve("reports")
          .resolve(runId.replaceAll("[^A-Za-z0-9._:-]", "_") + ".html");
      if (target.toAbsolutePath().getParent() != null) {
        Files.createDirectories(target.toAbsolutePath().getParent());
      }
      Files.writeString(target, html);
      out.println("perfplane report: " + target.toAbsolutePath() + " (self-contained HTML; opens offline)");
      return ExitCodes.OK;
    } catch (IllegalStateException | IOException e) {
      err.println("perfplane report: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }

  private static int usage(PrintStream err, @Nullable String message) {
    return CommandLine.usageError("report", message, RunsCommand.USAGE, err);
  }
}
