package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a workflow job's {@code run:} steps the way the GitHub runner does, as far as the load-test gate needs it:
 * each script with {@code bash --noprofile --norc -eo pipefail} (the runner's {@code shell: bash}), the job's and the
 * step's {@code env:} with their {@code ${{ }}} expressions resolved, {@code $GITHUB_OUTPUT} read back into
 * {@code steps.ID.outputs}, {@code $GITHUB_ENV} carried to the later steps, one {@code $GITHUB_STEP_SUMMARY}. The
 * job stops at the first failing step, like the runner without {@code if:}.
 *
 * <p>Expressions: operands joined by {@code ||} (the first non-empty wins), each a quoted literal, {@code false}, or a
 * context path found in the given contexts ({@code inputs.*}, {@code github.*}) or {@code steps.ID.outputs.NAME}. An
 * expression of any other form fails the test: the runner here must not guess what GitHub would do.
 */
final class WorkflowSteps {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.+?)\\s*}}");
  private static final Pattern LITERAL = Pattern.compile("'([^']*)'");
  private static final Pattern PATH = Pattern.compile("[A-Za-z_][\\w.-]*");

  /**
   * What the job did.
   *
   * @param failedStep the id (else name) of the step that failed, null when every step passed
   * @param exitCode that step's exit code, 0 when none failed
   * @param log every step's output, in order (workflow commands such as {@code ::error} included)
   * @param stepSummary what the steps wrote to {@code $GITHUB_STEP_SUMMARY}
   * @param outputs each step's outputs by step id
   */
  record Result(String failedStep, int exitCode, String log, String stepSummary,
      Map<String, Map<String, String>> outputs) {
  }

  private WorkflowSteps() {
  }

  /**
   * Runs {@code steps} of {@code job} in {@code workDir}.
   *
   * @param contexts values of context paths ({@code inputs.target}, {@code github.token}); absent ones are empty
   * @param environment variables the runner itself provides ({@code PATH}, {@code GITHUB_REPOSITORY})
   */
  static Result run(Map<String, Object> job, List<Map<String, Object>> steps, Path workDir,
      Map<String, String> contexts, Map<String, String> environment) throws IOException {
    Path runner = Files.createDirectories(workDir.resolve(".runner"));
    Path summary = Files.createFile(runner.resolve("step-summary.md"));
    Path githubEnv = Files.createFile(runner.resolve("github-env"));
    Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    Map<String, String> jobEnv = resolve(envOf(job), contexts, outputs);
    StringBuilder log = new StringBuilder();
    int index = 0;
    for (Map<String, Object> step : steps) {
      String id = step.containsKey("id") ? String.valueOf(step.get("id")) : String.valueOf(step.get("name"));
      assertThat(step).as("step %s", id).containsKey("run").doesNotContainKey("shell");
      Path script = Files.writeString(runner.resolve("step-" + index + ".sh"), String.valueOf(step.get("run")));
      Path output = Files.createFile(runner.resolve("output-" + index++));
      Map<String, String> env = new HashMap<>(environment);
      env.putAll(jobEnv);
      env.putAll(keyValues(githubEnv));
      env.putAll(resolve(envOf(step), contexts, outputs));
      env.put("GITHUB_OUTPUT", output.toString());
      env.put("GITHUB_ENV", githubEnv.toString());
      env.put("GITHUB_STEP_SUMMARY", summary.toString());
      Tools.Run run = Tools.run(workDir, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail",
          script.toString()), env);
      log.append(run.output());
      outputs.put(id, keyValues(output));
      if (run.exitCode() != 0) {
        return new Result(id, run.exitCode(), log.toString(), Files.readString(summary), outputs);
      }
    }
    return new Result(null, 0, log.toString(), Files.readString(summary), outputs);
  }

  private static Map<String, Object> envOf(Map<String, Object> node) {
    return node.get("env") instanceof Map<?, ?> env ? Tree.cast(env) : Map.of();
  }

  private static Map<String, String> resolve(Map<String, Object> env, Map<String, String> contexts,
      Map<String, Map<String, String>> outputs) {
    Map<String, String> resolved = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      Matcher matcher = EXPRESSION.matcher(String.valueOf(value));
      StringBuilder text = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(text, Matcher.quoteReplacement(evaluate(matcher.group(1), contexts, outputs)));
      }
      matcher.appendTail(text);
      resolved.put(name, text.toString());
    });
    return resolved;
  }

  private static String evaluate(String expression, Map<String, String> contexts,
      Map<String, Map<String, String>> outputs) {
    for (String operand : expression.split("\\|\\|")) {
      String value = operand(operand.trim(), contexts, outputs);
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  private static String operand(String operand, Map<String, String> contexts,
      Map<String, Map<String, String>> outputs) {
    Matcher literal = LITERAL.matcher(operand);
    if (literal.matches()) {
      return literal.group(1);
    }
    if (operand.equals("false")) {
      return "false";
    }
    if (!PATH.matcher(operand).matches()) {
      throw new AssertionError("expression form this test runner does not know: " + operand);
    }
    String[] parts = operand.split("\\.");
    if (parts[0].equals("steps")) {
      assertThat(parts).as(operand).hasSize(4);
      assertThat(parts[2]).as(operand).isEqualTo("outputs");
      return outputs.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
    }
    if (!parts[0].equals("inputs") && !parts[0].equals("github")) {
      throw new AssertionError("context this test runner does not know: " + operand);
    }
    return contexts.getOrDefault(operand, "");
  }

  /** {@code NAME=value} lines, as the runner reads {@code $GITHUB_OUTPUT} and {@code $GITHUB_ENV}. */
  private static Map<String, String> keyValues(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      assertThat(equals).as("a NAME=value line in %s: %s", file.getFileName(), line).isPositive();
      values.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return values;
  }

  /** The steps of {@code job} from the one named {@code firstName} to the one with id {@code lastId}, in order. */
  static List<Map<String, Object>> between(Map<String, Object> job, String firstName, String lastId) {
    List<Map<String, Object>> all = new ArrayList<>();
    Tree.list(job, "steps").forEach(step -> all.add(Tree.asMap(step)));
    int from = -1;
    int to = -1;
    for (int i = 0; i < all.size(); i++) {
      if (firstName.equals(all.get(i).get("name"))) {
        from = i;
      }
      if (lastId.equals(all.get(i).get("id"))) {
        to = i;
      }
    }
    assertThat(from).as("step named %s", firstName).isNotNegative();
    assertThat(to).as("step with id %s after %s", lastId, firstName).isGreaterThan(from);
    return all.subList(from, to + 1);
  }
}
