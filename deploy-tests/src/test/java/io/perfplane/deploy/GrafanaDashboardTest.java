package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboards: every seed row present, every panel wired to a provisioned datasource, every
 * PromQL query (panels and annotations) syntactically valid (promtool) and referring only to metrics the services
 * export or rules record; the load-test run dashboard filters every selector by its {@code run} variable.
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARDS = Repo.path("deploy/grafana/dashboards");
  static final String RUN_DASHBOARD = "perfplane-load-test-run";
  /** The run filter every selector of the run dashboard carries. */
  static final String RUN_FILTER = "run=~\"$run\"";

  /** A panel query: which dashboard and panel, its datasource uid, and the PromQL or SQL. */
  record Query(String dashboard, String panel, String datasource, String text) {
  }

  private static final List<JsonNode> dashboards = new ArrayList<>();
  private static final List<Query> queries = new ArrayList<>();
  private static final List<String> rowTitles = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = mapper.readTree(file.toFile());
        dashboards.add(dashboard);
        for (JsonNode panel : dashboard.path("panels")) {
          if (panel.path("type").asString().equals("row")) {
            rowTitles.add(panel.path("title").asString());
            continue;
          }
          for (JsonNode target : panel.path("targets")) {
            String text = target.has("expr") ? target.path("expr").asString() : target.path("rawSql").asString();
            queries.add(new Query(dashboard.path("uid").asString(), panel.path("title").asString(),
                target.path("datasource").path("uid").asString(panel.path("datasource").path("uid").asString()),
                text));
          }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
          if (annotation.has("expr")) {
            queries.add(new Query(dashboard.path("uid").asString(), "annotation " + annotation.path("name").asString(),
                annotation.path("datasource").path("uid").asString(), annotation.path("expr").asString()));
          }
        }
      }
    }
  }

  /** Grafana's variables replaced by values Prometheus accepts, so the query can be checked as written. */
  static String concrete(String promql) {
    return promql.replace("$__rate_interval", "1m").replace("$__range", "15m").replace("$application", "api-service");
  }

  /** The metric selectors of a query: each metric name with its label matchers ({@code ""} when it has none). */
  static List<String> selectors(String promql) {
    List<String> selectors = new ArrayList<>();
    java.util.regex.Matcher metric = MetricNames.REFERENCE.matcher(promql);
    while (metric.find()) {
      int end = metric.end();
      String matchers = end < promql.length() && promql.charAt(end) == '{'
          ? promql.substring(end, promql.indexOf('}', end) + 1) : "";
      selectors.add(metric.group(1) + matchers);
    }
    return selectors;
  }

  @Test
  void theRunDashboardSelectsARunAndFiltersEveryQueryByIt() {
    JsonNode run = dashboards.stream().filter(d -> d.path("uid").asString().equals(RUN_DASHBOARD)).findFirst()
        .orElseThrow(() -> new AssertionError("no dashboard " + RUN_DASHBOARD));
    JsonNode variable = null;
    for (JsonNode v : run.path("templating").path("list")) {
      if (v.path("name").asString().equals("run")) {
        variable = v;
      }
    }
    assertThat(variable).as("a run variable").isNotNull();
    assertThat(variable.path("query").path("query").asString())
        .isEqualTo("label_values(perfplane_analyzer_window_rps, run)");
    assertThat(variable.path("multi").asBoolean()).as("one run at a time").isFalse();
    assertThat(variable.path("includeAll").asBoolean()).isFalse();

    List<Query> runQueries = queries.stream().filter(q -> q.dashboard().equals(RUN_DASHBOARD)).toList();
    assertThat(runQueries).hasSizeGreaterThan(15).allSatisfy(q -> assertThat(selectors(q.text()))
        .as("%s: %s", q.panel(), q.text()).isNotEmpty().allSatisfy(selector -> assertThat(selector)
            .as("selector of %s", q.panel()).contains(RUN_FILTER)));
    assertThat(runQueries).extracting(Query::panel).contains("annotation SLO breaches", "p50 latency by endpoint",
        "p95 latency by endpoint", "p99 latency by endpoint", "Requests per second by endpoint",
        "Error rate by endpoint", "Virtual users and arrival rate", "Dropped iterations", "Capacity",
        "Monthly cost by scenario and strategy", "p50: database vs the rest, all endpoints",
        "p95: database vs the rest, all endpoints", "Database share of latency by endpoint",
        "Server timings p95 by endpoint");
    assertThat(runQueries).filteredOn(q -> q.panel().startsWith("annotation")).extracting(Query::text)
        .singleElement().asString().contains("perfplane_analyzer_slo_breach_open").endsWith("> 0");
  }

  @Test
  void coversEverySeedRow() {
    assertThat(rowTitles).contains("Overview", "Response time distribution", "Per endpoint", "Database", "Errors",
        "Load generator", "SLO status and error budget burn", "Cost per scenario");
    assertThat(queries).extracting(Query::panel).contains("Requests", "Error rate", "p95 latency",
        "Requests per second", "Response time percentiles", "p95 latency by endpoint",
        "Requests per second by endpoint", "DB query time p95 by query", "Errors per second by status",
        "Errors by endpoint", "Active virtual users", "Load generator throughput", "Error budget burn rate",
        "Latest monthly cost per scenario");
    assertThat(queries).filteredOn(q -> q.panel().equals("Response time percentiles")).extracting(Query::text)
        .anyMatch(t -> t.startsWith("histogram_quantile(0.5,")).anyMatch(t -> t.startsWith("histogram_quantile(0.95,"))
        .anyMatch(t -> t.startsWith("histogram_quantile(0.99,")).anyMatch(t -> t.startsWith("max("));
  }

  @Test
  void panelsUseProvisionedDatasourcesAndUniqueIds() throws IOException {
    Set<String> provisioned = new HashSet<>();
    for (Object ds : Tree.list(Tree.load(Files.readString(
        Repo.path("deploy/grafana/provisioning/datasources/perfplane.yml"))), "datasources")) {
      provisioned.add(Tree.string(ds, "uid"));
    }
    assertThat(queries).isNotEmpty().allSatisfy(q -> assertThat(provisioned).as("%s / %s", q.dashboard(), q.panel())
        .contains(q.datasource()));
    Set<String> uids = new HashSet<>();
    for (JsonNode dashboard : dashboards) {
      assertThat(uids.add(dashboard.path("uid").asString())).as("unique dashboard uid").isTrue();
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(ids.add(panel.path("id").asInt())).as("unique panel id in %s", dashboard.path("uid")).isTrue();
        if (!panel.path("type").asString().equals("row")) {
          assertThat(panel.path("targets").size()).as("queries of %s", panel.path("title")).isPositive();
        }
      }
    }
  }

  @Test
  void everyPrometheusQueryRefersToExportedOrRecordedMetrics() throws IOException {
    Set<String> known = new HashSet<>(MetricNames.exported());
    String rules = Files.readString(Repo.path("deploy/prometheus/rules/perfplane-slo.yml"));
    for (Object group : Tree.list(Tree.load(rules), "groups")) {
      for (Object rule : Tree.list(group, "rules")) {
        if (Tree.asMap(rule).containsKey("record")) {
          known.add(Tree.string(rule, "record"));
        }
        assertThat(MetricNames.referencedIn(Tree.string(rule, "expr"))).as("rule %s", rule)
            .allSatisfy(name -> assertThat(known).contains(name));
      }
    }
    List<Query> prometheus = queries.stream().filter(q -> q.datasource().equals("perfplane-prometheus")).toList();
    assertThat(prometheus).hasSizeGreaterThan(20).allSatisfy(q -> assertThat(MetricNames.referencedIn(q.text()))
        .as("%s: %s", q.panel(), q.text()).isNotEmpty().allSatisfy(name -> assertThat(known).contains(name)));
  }

  @Test
  void everyPrometheusQueryIsValidPromql(@TempDir Path dir) throws IOException {
    Path promtool = Tools.require("promtool", "apt-get install -y prometheus");
    // promtool has no expression checker; as recording rules, the expressions get the full PromQL parser.
    StringBuilder file = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
    int n = 0;
    for (Query query : queries) {
      if (query.datasource().equals("perfplane-prometheus")) {
        file.append("      - record: dashboard:query").append(n++).append('\n')
            .append("        expr: '").append(concrete(query.text()).replace("'", "''")).append("'\n");
      }
    }
    Files.writeString(dir.resolve("queries.yml"), file);
    Tools.Run check = Tools.run(dir, List.of(promtool.toString(), "check", "rules", "queries.yml"));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void costPanelsQueryTheCostServiceSchema() throws IOException {
    String migration;
    try (Stream<Path> files = Files.list(Repo.path("cost-service/src/main/resources/db/migration"))) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.toList()) {
        all.append(Files.readString(file));
      }
      migration = all.toString();
    }
    List<Query> sql = queries.stream().filter(q -> q.datasource().equals("perfplane-postgres")).toList();
    assertThat(sql).isNotEmpty().allSatisfy(q -> {
      assertThat(q.text()).contains("FROM cost.estimate");
      for (String column : List.of("scenario", "strategy", "monthly_usd", "priced_at")) {
        if (q.text().contains(column)) {
          assertThat(migration).as("column %s", column).containsPattern("\\b" + column + "\\s+\\w");
        }
      }
    });
  }
}
