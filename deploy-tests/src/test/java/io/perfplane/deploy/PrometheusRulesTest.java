package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus rules and configuration, checked and unit-tested by promtool (apt-get install prometheus). */
class PrometheusRulesTest {

  private static final Path PROMETHEUS = Repo.path("deploy/prometheus");
  private static final String INSTALL = "apt-get install -y prometheus";

  @Test
  void rulesPassPromtoolCheck() {
    Path promtool = Tools.require("promtool", INSTALL);
    Tools.Run check = Tools.run(PROMETHEUS, List.of(promtool.toString(), "check", "rules", "rules/perfplane-slo.yml"));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS");
  }

  @Test
  void burnRateAlertsBehaveAsTheirUnitTestsSay() {
    Path promtool = Tools.require("promtool", INSTALL);
    Tools.Run test = Tools.run(PROMETHEUS.resolve("tests"),
        List.of(promtool.toString(), "test", "rules", "perfplane-slo.test.yml"));
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void unitTestsFailWhenAThresholdIsWeakened(@TempDir Path dir) throws IOException {
    // Proof that the promtool tests can fail: page at 25x instead of 14.4x and the 20x scenario must stop paging.
    Path promtool = Tools.require("promtool", INSTALL);
    Files.createDirectories(dir.resolve("rules"));
    Files.createDirectories(dir.resolve("tests"));
    Files.writeString(dir.resolve("rules/perfplane-slo.yml"),
        Files.readString(PROMETHEUS.resolve("rules/perfplane-slo.yml"))
            .replace("perfplane:slo_errors:burn_rate1h > 14.4", "perfplane:slo_errors:burn_rate1h > 25"));
    Files.copy(PROMETHEUS.resolve("tests/perfplane-slo.test.yml"), dir.resolve("tests/perfplane-slo.test.yml"));
    Tools.Run test = Tools.run(dir.resolve("tests"),
        List.of(promtool.toString(), "test", "rules", "perfplane-slo.test.yml"));
    assertThat(test.exitCode()).isNotZero();
    assertThat(test.output()).contains("PerfplaneErrorBudgetFastBurn");
  }

  @Test
  void composePrometheusConfigIsValidAndScrapesEveryService(@TempDir Path dir) throws IOException {
    Path promtool = Tools.require("promtool", INSTALL);
    // promtool resolves rule_files: point the absolute container path at the repository's rules.
    String config = Files.readString(PROMETHEUS.resolve("prometheus.yml"));
    Files.writeString(dir.resolve("prometheus.yml"),
        config.replace("/etc/prometheus/rules/", PROMETHEUS.resolve("rules") + "/"));
    Tools.Run check = Tools.run(dir, List.of(promtool.toString(), "check", "config", "prometheus.yml"));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("24 rules found");

    Map<String, Object> parsed = Tree.load(config);
    Map<String, Object> job = Tree.list(parsed, "scrape_configs").stream().map(Tree::asMap)
        .filter(j -> "perfplane".equals(j.get("job_name"))).findFirst().orElseThrow();
    assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
    List<String> targets = Tree.list(job, "static_configs").stream()
        .flatMap(c -> Tree.list(c, "targets").stream()).map(String::valueOf).toList();
    assertThat(targets).containsExactlyInAnyOrderElementsOf(ServiceEnv.SERVICES.stream()
        .map(service -> service + ":" + ServiceEnv.defaultPort(service)).toList());
  }
}
