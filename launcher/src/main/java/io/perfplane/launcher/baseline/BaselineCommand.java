package io.perfplane.launcher.baseline;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.stack.RunningStack;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfplane baseline set|show|history|list}: named baselines of the running stack's analyzer
 * ({@code PUT/GET /baselines/...}, called with the stack's token like {@code runs} and {@code report}). The analyzer
 * validates names and runs; its refusals are printed as one line and mapped to exit codes: 400, 404 and 409 are the
 * request as given (2), 401, 403, 5xx and an unreachable analyzer are errors (1).
 */
public final class BaselineCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """

      usage: perfplane baseline set RUN --name NAME [--note TEXT]
             perfplane baseline show NAME
             perfplane baseline history NAME
             perfplane baseline list

        Named baselines of the running stack's analyzer (perfplane up). set snapshots the whole-run histograms of
        RUN (a finished run) under NAME, as its next version; show prints NAME's current version and its snapshot
        per endpoint (requests, errors, corrected p50/p95/p99); history lists every version of NAME, newest first;
        list the current version of every name. Compare against one with
        `perfplane compare --baseline NAME CANDIDATE`. Names: letters, digits, '.', '_' and '-', up to 64.

      exit codes: 0 done, 2 usage or a request refused as given (400 invalid name or run id, 404 unknown run or
        baseline, 409 run not finished), 1 error (no running stack, 401/403 not allowed, analyzer failing or
        unreachable)
      """;

  private BaselineCommand() {
  }

  /**
   * @param args the arguments after {@code baseline}
   * @param home the running stack is looked up under {@code <home>/.perfplane}
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path home) {
    List<String> positional = new ArrayList<>();
    String name = null;
    String note = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h", "help" -> {
            out.print(USAGE);
            return ExitCodes.OK;
          }
          case "--name" -> name = CommandLine.value(args, ++i, "--name");
          case "--note" -> note = CommandLine.value(args, ++i, "--note");
          default -> {
            if (args[i].startsWith("-") && args[i].length() > 1) {
              throw CommandLine.unknownOption(args[i]);
            }
            positional.add(args[i]);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (positional.isEmpty()) {
      return usage(err, "needs a subcommand: set, show, history or list");
    }
    String sub = positional.getFirst();
    List<String> rest = positional.subList(1, positional.size());
    String problem = switch (sub) {
      case "set" -> rest.size() != 1 ? "set needs one RUN, got " + rest.size() + " argument(s)"
          : name == null ? "set needs --name NAME" : null;
      case "show", "history" -> rest.size() != 1 ? sub + " needs one NAME, got " + rest.size() + " argument(s)"
          : null;
      case "list" -> rest.isEmpty() ? null : "list takes no arguments";
      default -> "unknown subcommand '" + sub + "' (set, show, history, list)";
    };
    if (problem == null && !sub.equals("set") && (name != null || note != null)) {
      problem = "--name and --note belong to set";
    }
    if (problem != null) {
      return usage(err, problem);
    }
    Optional<RunningStack> stack = RunningStack.forCommand(home, "baseline", err);
    if (stack.isEmpty()) {
      return ExitCodes.ERROR;
    }
    ControlClient client = new ControlClient();
    String token = stack.get().token();
    try {
      URI analyzer = stack.get().uri(Service.ANALYZER);
      ControlClient.Answer answer = switch (sub) {
        case "set" -> client.exchange("PUT", analyzer.resolve("/baselines/" + encode(name)), token,
            body(rest.getFirst(), note));
        case "show" -> client.exchange("GET", analyzer.resolve("/baselines/" + encode(rest.getFirst())), token,
            null);
        case "history" -> client.exchange("GET", analyzer.resolve("/baselines/" + encode(rest.getFirst())
            + "/history"), token, null);
        default -> client.exchange("GET", analyzer.resolve("/baselines"), token, null);
      };
      if (!answer.ok()) {
        return refused(err, answer, sub);
      }
      out.print(switch (sub) {
        case "set" -> BaselineTables.set(answer.json()) + "\n";
        case "show" -> BaselineTables.show(answer.json());
        case "history" -> BaselineTables.entries(answer.json(), "baseline " + rest.getFirst() + " has no versions");
        default -> BaselineTables.entries(answer.json(),
            "no baselines yet: `perfplane baseline set RUN --name NAME` adds one");
      });
      return ExitCodes.OK;
    } catch (IllegalStateException e) {
      err.println("perfplane baseline: " + e.getMessage());
      return ExitCodes.ERROR;
    }
  }

  private static Map<String, Object> body(String runId, @Nullable String note) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", runId);
    if (note != null) {
      body.put("note", note);
    }
    return body;
  }

  /** One line for a refusal; the request as given (400, 404, 409) is a usage error, anything else an error. */
  private static int refused(PrintStream err, ControlClient.Answer answer, String sub) {
    int status = answer.status();
    String hint = switch (status) {
      case 401, 403 -> " (the stack's credential lacks the scope: set needs admin, the others runs:read)";
      case 404 -> sub.equals("set") ? " (`perfplane runs` lists the runs)" : " (`perfplane baseline list` lists them)";
      default -> "";
    };
    err.println("perfplane baseline " + sub + ": the analyzer refused: " + answer.problem() + hint);
    return status == 400 || status == 404 || status == 409 ? ExitCodes.USAGE : ExitCodes.ERROR;
  }

  private static int usage(PrintStream err, @Nullable String message) {
    return CommandLine.usageError("baseline", message, USAGE, err);
  }

  private static String encode(@Nullable String segment) {
    return URLEncoder.encode(segment == null ? "" : segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
