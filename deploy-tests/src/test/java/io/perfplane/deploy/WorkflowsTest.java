package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The GitHub Actions workflows users get: build/test on every change, and the weekly load-test gate. */
class WorkflowsTest {

  private static Map<String, Object> workflow(String name) throws IOException {
    return Tree.load(Files.readString(Repo.path(".github/workflows/" + name)));
  }

  /** YAML 1.1 reads the key {@code on} as boolean true. */
  private static Map<String, Object> triggers(Map<String, Object> workflow) {
    Object on = workflow.containsKey("on") ? workflow.get("on") : Tree.cast(workflow).get(Boolean.TRUE);
    return Tree.asMap(on);
  }

  private static List<Map<String, Object>> steps(Map<String, Object> workflow) {
    List<Map<String, Object>> steps = new ArrayList<>();
    Tree.map(workflow, "jobs").values().forEach(job -> Tree.list(job, "steps").forEach(s -> steps.add(Tree.asMap(s))));
    return steps;
  }

  private static String scripts(Map<String, Object> workflow) {
    return String.join("\n", steps(workflow).stream().filter(s -> s.containsKey("run"))
        .map(s -> String.valueOf(s.get("run"))).toList());
  }

  @Test
  void buildRunsTheTestCommandWithTheToolsCiInstalls() throws IOException {
    Map<String, Object> build = workflow("build.yml");
    assertThat(triggers(build)).containsKeys("push", "pull_request");
    String scripts = scripts(build);
    assertThat(scripts).contains("./mvnw -B verify").contains("apt-get install -y --no-install-recommends prometheus")
        .contains("npm ci --prefix deploy-tests/terraform-check");
    assertThat(Files.readString(Repo.path("README.md"))).contains("./mvnw -B verify");
    assertThat(steps(build)).anySatisfy(s -> assertThat(String.valueOf(s.get("with")))
        .contains("java-version=25"));
    // TerraformFormatTest fails without terraform under CI=true; the version terraform/README.md names.
    assertThat(steps(build)).anySatisfy(s -> {
      assertThat(String.valueOf(s.get("uses"))).startsWith("hashicorp/setup-terraform@");
      assertThat(Tree.string(s, "with.terraform_version")).isEqualTo("1.11.4");
    });
    assertThat(Tree.map(build, "jobs.verify.services.postgres.env")).containsEntry("POSTGRES_PASSWORD", "postgres");
    assertThat(Tree.list(build, "jobs.images.strategy.matrix.include")).hasSize(ServiceEnv.SERVICES.size())
        .allSatisfy(entry -> assertThat(Tree.string(entry, "port"))
            .isEqualTo(String.valueOf(ServiceEnv.defaultPort(Tree.string(entry, "service")))));
    List<String> dockerfiles = steps(build).stream().filter(s -> s.get("with") instanceof Map<?, ?> with
        && with.containsKey("file")).map(s -> Tree.string(s, "with.file")).toList();
    assertThat(dockerfiles).containsExactly("deploy/docker/Dockerfile");
    assertThat(Repo.path(dockerfiles.getFirst())).isRegularFile();
  }

  /** The gate's shell logic is executed in {@link LoadTestGateTest}; this checks what lies around it. */
  @Test
  void loadTestGateRunsOnChangesWeeklyAndByHandWithMinimalPermissions() throws IOException {
    Map<String, Object> loadTest = workflow("load-test.yml");
    Map<String, Object> triggers = triggers(loadTest);
    assertThat(triggers).containsKeys("push", "pull_request", "schedule", "workflow_dispatch");
    assertThat(Tree.list(triggers, "push.branches")).containsExactly("main");
    String cron = Tree.string(Tree.list(triggers, "schedule").getFirst(), "cron");
    String[] fields = cron.trim().split("\\s+");
    assertThat(fields).hasSize(5);
    assertThat(fields[2]).isEqualTo("*");
    assertThat(fields[3]).isEqualTo("*");
    assertThat(fields[4]).as("one day of the week").matches("[0-6]");
    assertThat(Tree.map(triggers, "workflow_dispatch.inputs"))
        .containsOnlyKeys("definition", "target", "slo", "max_regression", "accept_baseline");
    assertThat(Tree.map(loadTest, "permissions")).containsExactlyInAnyOrderEntriesOf(
        Map.of("contents", "read", "actions", "read"));
    assertThat(Tree.string(loadTest, "defaults.run.shell")).isEqualTo("bash");

    Map<String, Object> job = Tree.map(loadTest, "jobs.load-test");
    Map<String, Object> env = Tree.map(job, "env");
    // The defaults a push or scheduled run takes: the shipped example definition, which must exist.
    String definition = String.valueOf(env.get("DEFINITION")).replaceAll(".*'([^']+)'.*", "$1");
    assertThat(Repo.path(definition)).isRegularFile();
    assertThat(Tree.string(Tree.map(triggers, "workflow_dispatch.inputs"), "definition.default"))
        .isEqualTo(definition);
    assertThat(String.valueOf(env.get("MAX_REGRESSION"))).contains(
        Tree.string(Tree.map(triggers, "workflow_dispatch.inputs"), "max_regression.default"));

    List<Map<String, Object>> steps = steps(loadTest);
    Map<String, Object> results = steps.stream().filter(s -> "Results".equals(s.get("name"))).findFirst()
        .orElseThrow();
    assertThat(results.get("if")).isEqualTo("always()");
    assertThat(Tree.string(results, "with.path")).contains("out/", ".perfplane/logs/");
    Map<String, Object> next = steps.getLast();
    assertThat(next.get("name")).isEqualTo("Next baseline");
    assertThat(String.valueOf(next.get("uses"))).startsWith("actions/upload-artifact@");
    assertThat(Tree.string(next, "with.name")).isEqualTo(String.valueOf(env.get("BASELINE_ARTIFACT")));
    assertThat(Tree.string(next, "with.path")).isEqualTo("out/summary.json");
    assertThat(String.valueOf(next.get("if"))).contains("success()", "github.event_name != 'pull_request'",
        "env.DEFAULT_BRANCH");
    Map<String, Object> stop = steps.stream().filter(s -> "Stop the stack".equals(s.get("name"))).findFirst()
        .orElseThrow();
    assertThat(stop.get("if")).isEqualTo("always()");
    assertThat(steps.indexOf(stop)).isLessThan(steps.indexOf(results));
    assertThat(scripts(loadTest)).contains("./perfplane up --random-ports", "./perfplane down");
    // Untrusted values reach the shell through env only, never spliced into a script by ${{ }}.
    assertThat(scripts(loadTest)).doesNotContain("${{");
  }

  @Test
  void actionsArePinnedToAMajorVersionAtLeast() throws IOException {
    for (String name : List.of("build.yml", "load-test.yml")) {
      steps(workflow(name)).stream().filter(s -> s.containsKey("uses")).forEach(s ->
          assertThat(String.valueOf(s.get("uses"))).as(name).matches("[\\w-]+/[\\w-]+@(v\\d+|[0-9a-f]{40})"));
    }
  }
}
