package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell logic of {@code .github/workflows/load-test.yml}'s gate, executed: the steps from "Target" to "Verdict",
 * as written in the workflow, run with bash against a fake {@code ./perfplane} (whose {@code run} and {@code compare}
 * exit with the code a test chooses and write the files the real one writes) and a fake {@code gh} (the runs of the
 * default branch and their baseline artifacts). Real {@code jq}, as on the GitHub runner.
 */
class LoadTestGateTest {

  private static final String FAKE_PERFPLANE = """
      #!/usr/bin/env bash
      echo "perfplane $*" >> "$FAKE_LOG"
      command=$1; shift
      json=""
      while (($#)); do [[ $1 == --summary-json ]] && json=$2; shift; done
      case "$command" in
        run)
          echo "perfplane run: fake run"
          echo "stage 1/1 | VUs 1/1 | progress line"
          if [[ $FAKE_RUN_EXIT != 1 ]]; then
            echo '<html>fake report</html>' > "$FAKE_DIR/report.html"
            printf '{"schema":1,"report":"%s"}' "$FAKE_DIR/report.html" > "$json"
          fi
          echo "  result  fake (exit $FAKE_RUN_EXIT)"
          exit "$FAKE_RUN_EXIT" ;;
        compare)
          echo "perfplane compare: fake comparison"
          printf '%s' "$FAKE_COMPARE_JSON" > "$json"
          echo "  result  fake (exit $FAKE_COMPARE_EXIT)"
          exit "$FAKE_COMPARE_EXIT" ;;
        *) echo "unexpected command $command" >&2; exit 64 ;;
      esac
      """;

  private static final String FAKE_GH = """
      #!/usr/bin/env bash
      echo "gh $*" >> "$FAKE_LOG"
      case "$1 $2" in
        "run list")
          [[ $FAKE_GH_LIST_EXIT == 0 ]] || { echo "HTTP 403: Resource not accessible by integration" >&2; exit 1; }
          for id in $FAKE_RUNS; do echo "$id"; done ;;
        "run download")
          id=$3; shift 3
          while (($#)); do [[ $1 == --dir ]] && dir=$2; shift; done
          if [[ " $FAKE_ARTIFACTS " == *" $id "* ]]; then
            mkdir -p "$dir"; printf '{"schema":1,"runId":"baseline-%s"}' "$id" > "$dir/summary.json"
          else
            echo "no valid artifacts found to download" >&2; exit 1
          fi ;;
        *) echo "unexpected gh $*" >&2; exit 64 ;;
      esac
      """;

  private static final String REGRESSION = """
      {"schema":1,"command":"compare","exitCode":98,"regressions":[
        {"endpoint":"POST /api/cart","metric":"p95","changeKind":"relative","change":0.294,"low":0.13,"high":0.452},
        {"endpoint":"overall","metric":"error_rate","changeKind":"difference","change":0.012,"low":0.005,"high":null}]}
      """;

  @TempDir
  Path dir;

  private final Map<String, String> fakes = new HashMap<>();
  private final Map<String, String> contexts = new HashMap<>();

  @BeforeEach
  void fakes() throws IOException {
    Tools.require("jq", "Debian package jq");
    executable(dir.resolve("perfplane"), FAKE_PERFPLANE);
    executable(Files.createDirectories(dir.resolve("bin")).resolve("gh"), FAKE_GH);
    Files.createDirectories(dir.resolve(".perfplane"));
    Files.writeString(dir.resolve(".perfplane/stack.json"), """
        {"version":1,"services":{"api-service":"http://127.0.0.1:18081"}}""");
    fakes.putAll(Map.of("FAKE_LOG", dir.resolve("calls.log").toString(), "FAKE_DIR", dir.toString(),
        "FAKE_RUN_EXIT", "0", "FAKE_COMPARE_EXIT", "0", "FAKE_COMPARE_JSON", "{\"schema\":1,\"regressions\":[]}",
        "FAKE_GH_LIST_EXIT", "0", "FAKE_RUNS", "", "FAKE_ARTIFACTS", ""));
    contexts.putAll(Map.of("github.token", "fake-token", "github.event.repository.default_branch", "main"));
  }

  @Test
  void firstRunHasNoBaselineSoOnlyTheSlosGate() throws IOException {
    WorkflowSteps.Result result = gate();

    assertThat(result.failedStep()).isNull();
    assertThat(calls()).containsExactly(
        "perfplane run examples/ci/load-test.yml --summary-json out/summary.json --target http://127.0.0.1:18081",
        "gh run list --repo octo/shop --workflow load-test.yml --branch main --status success --limit 5"
            + " --json databaseId --jq .[].databaseId");
    assertThat(result.log()).contains("::notice title=No baseline::no passing run of load-test.yml on main");
    assertThat(result.stepSummary()).contains("## perfplane load test: `examples/ci/load-test.yml`",
        "### Run (exit 0)", "perfplane run: fake run", "Skipped: no passing run").doesNotContain("progress line");
    assertThat(result.outputs().get("compare")).containsEntry("exit-code", "skipped");
    assertThat(result.outputs().get("verdict")).containsEntry("passed", "true");
    assertThat(dir.resolve("out/report.html")).hasContent("<html>fake report</html>");
  }

  @Test
  void comparesWithTheNewestBaselineThatStillHasItsArtifact() throws IOException {
    fakes.put("FAKE_RUNS", "303 202 101");
    fakes.put("FAKE_ARTIFACTS", "202 101");

    WorkflowSteps.Result result = gate();

    assertThat(result.failedStep()).isNull();
    assertThat(result.log()).contains("::warning title=Baseline artifact missing::run 303");
    assertThat(dir.resolve("baseline/summary.json")).content().contains("baseline-202");
    assertThat(calls()).contains("perfplane compare --baseline-file baseline/summary.json out/summary.json"
        + " --summary-json out/compare.json --max-regression p95=25% --max-regression shift=15%"
        + " --max-regression error_rate=1%").noneMatch(call -> call.contains("download 101"));
    assertThat(result.stepSummary()).contains("actions/runs/202", "perfplane compare: fake comparison");
    assertThat(result.outputs().get("verdict")).containsEntry("passed", "true");
  }

  @Test
  void aSignificantRegressionFailsWith98NamingEachRow() throws IOException {
    baseline();
    fakes.put("FAKE_COMPARE_EXIT", "98");
    fakes.put("FAKE_COMPARE_JSON", REGRESSION);

    WorkflowSteps.Result result = gate();

    assertThat(result.failedStep()).isEqualTo("verdict");
    assertThat(result.exitCode()).isEqualTo(98);
    assertThat(result.log()).contains(
        "::error title=Performance regression::POST /api/cart p95 +29.4% [+13%, +45.2%]",
        "::error title=Performance regression::overall error_rate +1.2pp [+0.5pp, unbounded]");
    assertThat(result.outputs().get("verdict")).containsEntry("passed", "false");
    assertThat(dir.resolve("out/compare.json")).exists();
  }

  @Test
  void aBreachedSloFailsWith99AndTheComparisonStillRuns() throws IOException {
    baseline();
    fakes.put("FAKE_RUN_EXIT", "99");
    fakes.put("FAKE_COMPARE_EXIT", "98");
    fakes.put("FAKE_COMPARE_JSON", REGRESSION);

    WorkflowSteps.Result result = gate();

    assertThat(result.exitCode()).isEqualTo(99);
    assertThat(result.log()).contains("::error title=SLO breached::", "::error title=Performance regression::");
    assertThat(result.stepSummary()).contains("### Run (exit 99)", "(exit 98)");
  }

  @Test
  void anAbortedRunFailsWith97() throws IOException {
    fakes.put("FAKE_RUN_EXIT", "97");

    WorkflowSteps.Result result = gate();

    assertThat(result.failedStep()).isEqualTo("verdict");
    assertThat(result.exitCode()).isEqualTo(97);
    assertThat(result.log()).contains("::error title=Run aborted::");
  }

  @Test
  void aRunThatWroteNoSummaryFailsWithoutComparing() throws IOException {
    baseline();
    fakes.put("FAKE_RUN_EXIT", "1");

    WorkflowSteps.Result result = gate();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.log()).contains("::error title=Run failed::perfplane run exit 1");
    assertThat(calls()).noneMatch(call -> call.startsWith("perfplane compare"));
    assertThat(result.stepSummary()).contains("Skipped: the run wrote no summary JSON.");
  }

  @Test
  void aComparisonThatCannotReadItsInputsFails() throws IOException {
    baseline();
    fakes.put("FAKE_COMPARE_EXIT", "2");

    WorkflowSteps.Result result = gate();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.log()).contains("::error title=Comparison failed::perfplane compare exit 2");
  }

  @Test
  void inputsChooseTargetToleranceAndSloFileAndAcceptingSkipsTheBaseline() throws IOException {
    baseline();
    contexts.putAll(Map.of("inputs.definition", "perf/shop.yml", "inputs.target", "http://127.0.0.1:9000",
        "inputs.slo", "perf/slos.yml", "inputs.max_regression", "p99=10%", "inputs.accept_baseline", "true"));

    WorkflowSteps.Result result = gate();

    assertThat(result.failedStep()).isNull();
    assertThat(calls()).containsExactly("perfplane run perf/shop.yml --summary-json out/summary.json"
        + " --target http://127.0.0.1:9000 --slo perf/slos.yml");
    assertThat(result.stepSummary()).contains("Skipped: accept_baseline is set");
  }

  @Test
  void aFailedBaselineLookupFailsTheJobInsteadOfSkippingTheComparison() throws IOException {
    fakes.put("FAKE_GH_LIST_EXIT", "1");

    WorkflowSteps.Result result = gate();

    assertThat(result.failedStep()).isEqualTo("baseline");
    assertThat(result.log()).contains("::error title=Baseline lookup failed::");
  }

  private void baseline() {
    fakes.put("FAKE_RUNS", "202");
    fakes.put("FAKE_ARTIFACTS", "202");
  }

  private WorkflowSteps.Result gate() throws IOException {
    Map<String, Object> workflow = Tree.load(Files.readString(Repo.path(".github/workflows/load-test.yml")));
    Map<String, Object> job = Tree.map(workflow, "jobs.load-test");
    Map<String, String> environment = new HashMap<>(fakes);
    environment.putAll(Map.of("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"),
        "GITHUB_REPOSITORY", "octo/shop", "GITHUB_SERVER_URL", "https://github.com",
        "GITHUB_WORKFLOW_REF", "octo/shop/.github/workflows/load-test.yml@refs/heads/main"));
    return WorkflowSteps.run(job, WorkflowSteps.between(job, "Target", "verdict"), dir, contexts, environment);
  }

  private List<String> calls() throws IOException {
    Path log = dir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
