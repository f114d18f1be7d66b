package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart deploy/helm/perfplane, linted strictly and rendered offline (helm-java embeds Helm) with each of
 * its values files; the rendered manifests are checked object by object.
 */
class HelmChartTest {

  private static final Path CHART = Repo.path("deploy/helm/perfplane");
  /** The EKS version terraform/ provisions. */
  private static final String KUBE_VERSION = "v1.33.0";

  private static Map<String, Map<String, Object>> render(String valuesFile, Map<String, Object> sets) {
    TemplateCommand template = new Helm(CHART).template().withName("perfplane").withNamespace("perfplane")
        .withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template = template.withValuesFile(CHART.resolve(valuesFile));
    }
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    Map<String, Map<String, Object>> byKindAndName = new HashMap<>();
    for (Map<String, Object> doc : Tree.documents(template.call())) {
      String key = Tree.string(doc, "kind") + "/" + Tree.string(doc, "metadata.name");
      assertThat(byKindAndName.put(key, doc)).as("duplicate object %s", key).isNull();
    }
    return byKindAndName;
  }

  private static Map<String, Map<String, Object>> render(String valuesFile) {
    return render(valuesFile, Map.of());
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    return Tree.map(deployment, "spec.template.spec.containers.0");
  }

  private static Map<String, Object> env(Map<String, Object> deployment) {
    return Tree.list(container(deployment), "env").stream().map(Tree::asMap)
        .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e.containsKey("value") ? e.get("value")
            : e.get("valueFrom")));
  }

  @Test
  void lintsStrictly() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"values.yaml", "values-1k.yaml", "values-10k.yaml"})
  void everyServiceIsAHardenedProbedDeploymentBehindAService(String valuesFile) {
    Map<String, Map<String, Object>> objects = render(valuesFile);
    for (String service : ServiceEnv.SERVICES) {
      Map<String, Object> deployment = objects.get("Deployment/perfplane-" + service);
      assertThat(deployment).as("Deployment of %s with %s", service, valuesFile).isNotNull();
      Map<String, Object> labels = Tree.map(deployment, "spec.template.metadata.labels");
      assertThat(labels).containsEntry("app.kubernetes.io/name", service + "-service")
          .containsEntry("app.kubernetes.io/part-of", "perfplane")
          .containsEntry("app.kubernetes.io/instance", "perfplane");
      assertThat(labels).containsAllEntriesOf(Tree.map(deployment, "spec.selector.matchLabels"));

      Map<String, Object> container = container(deployment);
      assertThat(Tree.string(container, "image")).isEqualTo("ghcr.io/perfplane/" + service + "-service:0.1.0");
      int port = ServiceEnv.defaultPort(service);
      assertThat(Tree.at(container, "ports.0.containerPort")).isEqualTo(port);
      assertThat(Tree.string(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
      assertThat(Tree.string(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
      assertThat(Tree.string(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
      assertThat(Tree.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
      assertThat(Tree.at(container, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(Tree.at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
      assertThat(Tree.list(container, "securityContext.capabilities.drop")).containsExactly("ALL");
      assertThat(Tree.at(deployment, "spec.template.spec.securityContext.runAsUser")).isEqualTo(10001);
      assertThat(Tree.list(container, "volumeMounts")).anySatisfy(
          mount -> assertThat(Tree.string(mount, "mountPath")).isEqualTo("/tmp"));
      assertThat(Tree.list(deployment, "spec.template.spec.volumes")).anySatisfy(
          volume -> assertThat(Tree.has(volume, "emptyDir")).isTrue());
      assertThat(Tree.has(container, "resources.requests.cpu")).isTrue();
      assertThat(Tree.has(container, "resources.limits.memory")).isTrue();

      Map<String, Object> env = env(deployment);
      assertThat(env).containsEntry("PERFPLANE_PORT", String.valueOf(port));
      assertThat(env.keySet()).as("variables %s reads", service)
          .allSatisfy(name -> assertThat(ServiceEnv.reads(service, name)).as("%s reads %s", service, name).isTrue())
          .containsAll(ServiceEnv.required(service));

      Map<String, Object> k8sService = objects.get("Service/perfplane-" + service);
      assertThat(k8sService).as("Service of %s", service).isNotNull();
      assertThat(Tree.at(k8sService, "spec.ports.0.port")).isEqualTo(port);
      assertThat(Tree.map(k8sService, "spec.selector")).isEqualTo(Tree.map(deployment, "spec.selector.matchLabels"));
    }
  }

  @Test
  void sizes1kFromTheCostModelWithoutAutoscaling() {
    Map<String, Map<String, Object>> objects = render("values-1k.yaml");
    Map<String, Integer> expectedReplicas = Map.of("api", 2, "ingest", 2, "loadgen", 1, "analyzer", 2, "cost", 2);
    expectedReplicas.forEach((service, replicas) ->
        assertThat(Tree.at(objects.get("Deployment/perfplane-" + service), "spec.replicas")).as(service)
            .isEqualTo(replicas));
    Map<String, Object> api = container(objects.get("Deployment/perfplane-api"));
    assertThat(Tree.string(api, "resources.requests.cpu")).isEqualTo("1");
    assertThat(Tree.string(api, "resources.requests.memory")).isEqualTo("1536Mi");
    assertThat(Tree.string(container(objects.get("Deployment/perfplane-cost")), "resources.requests.cpu"))
        .isEqualTo("500m");
    assertThat(objects.keySet()).noneMatch(key -> key.startsWith("HorizontalPodAutoscaler/"))
        .noneMatch(key -> key.startsWith("ServiceMonitor/"))
        .doesNotContain("PodDisruptionBudget/perfplane-loadgen")
        .contains("PodDisruptionBudget/perfplane-api")
        .doesNotContain("Secret/perfplane");
    assertThat(Tree.map(objects.get("Deployment/perfplane-api"), "metadata.labels"))
        .containsEntry("perfplane.io/scenario", "1k-users");
  }

  @Test
  void sizes10kWithAutoscalingOnTheUserFacingServices() {
    Map<String, Map<String, Object>> objects = render("values-10k.yaml");
    Map<String, Object> apiHpa = objects.get("HorizontalPodAutoscaler/perfplane-api");
    assertThat(Tree.at(apiHpa, "spec.minReplicas")).isEqualTo(3);
    assertThat(Tree.at(apiHpa, "spec.maxReplicas")).isEqualTo(12);
    assertThat(Tree.at(apiHpa, "spec.metrics.0.resource.target.averageUtilization")).isEqualTo(60);
    assertThat(Tree.string(apiHpa, "spec.scaleTargetRef.name")).isEqualTo("perfplane-api");
    assertThat(Tree.has(objects.get("Deployment/perfplane-api"), "spec.replicas"))
        .as("an autoscaled Deployment leaves replicas to the HPA").isFalse();
    assertThat(Tree.at(objects.get("HorizontalPodAutoscaler/perfplane-ingest"), "spec.maxReplicas")).isEqualTo(6);
    assertThat(Tree.at(objects.get("Deployment/perfplane-analyzer"), "spec.replicas")).isEqualTo(3);
    assertThat(Tree.string(container(objects.get("Deployment/perfplane-loadgen")), "resources.limits.cpu"))
        .isEqualTo("2");
    assertThat(Tree.at(objects.get("PodDisruptionBudget/perfplane-api"), "spec.minAvailable")).isEqualTo(2);
    assertThat(objects.keySet()).filteredOn(key -> key.startsWith("ServiceMonitor/")).hasSize(5);
    assertThat(Tree.string(objects.get("ServiceMonitor/perfplane-analyzer"), "spec.endpoints.0.path"))
        .isEqualTo("/actuator/prometheus");
    assertThat(Tree.list(objects.get("Deployment/perfplane-api"), "spec.template.spec.topologySpreadConstraints"))
        .isNotEmpty();
  }

  @Test
  void connectsToExternalMskAndAurora() {
    Map<String, Map<String, Object>> objects = render("values-10k.yaml");
    Map<String, Object> analyzer = env(objects.get("Deployment/perfplane-analyzer"));
    assertThat(String.valueOf(analyzer.get("PERFPLANE_KAFKA_BOOTSTRAP"))).contains(":9094").contains(",b-3.");
    assertThat(analyzer).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SSL")
        .containsEntry("PERFPLANE_KAFKA_REPLICATION_FACTOR", "3")
        .containsEntry("PERFPLANE_STATE_DIR", "/var/lib/perfplane/analyzer");
    Map<String, Object> cost = env(objects.get("Deployment/perfplane-cost"));
    assertThat(String.valueOf(cost.get("PERFPLANE_DB_URL"))).startsWith("jdbc:postgresql://perfplane-10k.cluster-")
        .endsWith("sslmode=require");
    assertThat(Tree.map(cost.get("PERFPLANE_DB_PASSWORD"), "secretKeyRef"))
        .containsEntry("name", "perfplane-db").containsEntry("key", "password");
    // Baselines: the analyzer shares cost-service's database and its password Secret.
    assertThat(analyzer.get("PERFPLANE_DB_URL")).isEqualTo(cost.get("PERFPLANE_DB_URL"));
    assertThat(analyzer.get("PERFPLANE_DB_PASSWORD")).isEqualTo(cost.get("PERFPLANE_DB_PASSWORD"));
    Map<String, Object> api = env(objects.get("Deployment/perfplane-api"));
    assertThat(api).containsKey("PERFPLANE_DB_URL").doesNotContainKey("PERFPLANE_KAFKA_BOOTSTRAP");
    assertThat(Tree.map(env(objects.get("Deployment/perfplane-loadgen")).get("PERFPLANE_CONTROL_TOKEN"),
        "secretKeyRef")).containsEntry("name", "perfplane-tokens").containsEntry("key", "control-token");
  }

  @Test
  void secretHoldsGivenTokensAndNeverAPasswordItWasNotGiven() {
    Map<String, Object> given = render(null, Map.of("secrets.token", "s3cr3t-token", "secrets.controlToken",
        "s3cr3t-token", "secrets.ingestTokens", "a,b")).get("Secret/perfplane");
    assertThat(Tree.map(given, "data")).containsEntry("token", "czNjcjN0LXRva2Vu")
        .containsEntry("control-token", "czNjcjN0LXRva2Vu")
        .containsEntry("ingest-tokens", "YSxi").doesNotContainKey("db-password");
    assertThat(Tree.has(given, "metadata.annotations")).as("given tokens: an ordinary release object").isFalse();

    Map<String, Object> withPassword = render(null, Map.of("secrets.token", "t", "secrets.controlToken", "t",
        "secrets.ingestTokens", "t", "secrets.dbPassword", "pw")).get("Secret/perfplane");
    assertThat(Tree.map(withPassword, "data")).containsEntry("db-password", "cHc=");
    assertThat(env(render(null).get("Deployment/perfplane-api")).get("PERFPLANE_DB_PASSWORD"))
        .as("no password given: the reference is optional").satisfies(ref ->
            assertThat(Tree.at(ref, "secretKeyRef.optional")).isEqualTo(true));
  }

  @Test
  void generatedTokensAreWrittenOnceByAPreInstallHook() {
    // helm template (and so helm-java) leaves hooks out: the generated Secret is not among the release objects,
    // so an upgrade never re-renders it with fresh random tokens.
    assertThat(render(null).keySet()).doesNotContain("Secret/perfplane");
    assertThat(render(null, Map.of("secrets.controlToken", "t")).keySet()).doesNotContain("Secret/perfplane");
    assertThat(render(null, Map.of("secrets.controlToken", "t", "secrets.ingestTokens", "t")).keySet())
        .as("the shared model's token is generated too").doesNotContain("Secret/perfplane");
  }

  @Test
  void everyServiceButTheSystemUnderTestTakesTheSharedTokenAndAnOidcIssuer() {
    Map<String, Map<String, Object>> plain = render(null);
    for (String service : ServiceEnv.SECURED) {
      Map<String, Object> env = env(plain.get("Deployment/perfplane-" + service));
      assertThat(Tree.map(env.get("PERFPLANE_SECURITY_TOKENS_0_TOKEN"), "secretKeyRef")).as(service)
          .containsEntry("name", "perfplane").containsEntry("key", "token");
      assertThat(env).as(service).containsEntry("PERFPLANE_SECURITY_TOKENS_0_SCOPES",
          "runs:write,runs:read,results:write,admin").doesNotContainKey("PERFPLANE_SECURITY_JWT_ISSUER_URI");
    }
    assertThat(env(plain.get("Deployment/perfplane-api")).keySet()).noneMatch(name -> name.startsWith(
        "PERFPLANE_SECURITY_"));

    Map<String, Object> oidc = env(render(null, Map.of("security.jwt.issuerUri", "https://sso.example.com/realms/pp",
        "security.jwt.audience", "perfplane")).get("Deployment/perfplane-cost"));
    assertThat(oidc).containsEntry("PERFPLANE_SECURITY_JWT_ISSUER_URI", "https://sso.example.com/realms/pp")
        .containsEntry("PERFPLANE_SECURITY_JWT_AUDIENCE", "perfplane")
        .doesNotContainKey("PERFPLANE_SECURITY_JWT_JWK_SET_URI");
    assertThatThrownBy(() -> render(null, Map.of("security.tokenScopes", "runs:write,everything")))
        .hasMessageContaining("tokenScopes");
  }

  @Test
  void schemaRejectsWhatCannotWork() {
    assertThatThrownBy(() -> render("values-1k.yaml", Map.of("services.api.replicas", 0)))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> render(null, Map.of("kafka.bootstrapServers", "no-port")))
        .hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> render(null, Map.of("securityContext.readOnlyRootFilesystem", false)))
        .hasMessageContaining("readOnlyRootFilesystem");
    assertThatThrownBy(() -> render(null, Map.of("services.api.resourcez.cpu", "1")))
        .hasMessageContaining("resourcez");
  }

  @Test
  void serviceMonitorsAreOptional() {
    assertThat(render(null).keySet()).noneMatch(key -> key.startsWith("ServiceMonitor/"));
    assertThat(render(null, Map.of("serviceMonitor.enabled", true)).keySet())
        .filteredOn(key -> key.startsWith("ServiceMonitor/")).hasSize(ServiceEnv.SERVICES.size());
  }

  @Test
  void grafanaDashboardsAreOptionalConfigMapsOfTheProvisionedDashboards() throws java.io.IOException {
    java.util.List<Path> dashboards;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Repo.path("deploy/grafana/dashboards"))) {
      dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(dashboards).extracting(f -> f.getFileName().toString()).contains("perfplane-load-test-run.json");
    for (Path dashboard : dashboards) {
      assertThat(CHART.resolve("dashboards").resolve(dashboard.getFileName()))
          .as("the chart's copy of %s (cp deploy/grafana/dashboards/*.json deploy/helm/perfplane/dashboards/)",
              dashboard.getFileName()).hasSameTextualContentAs(dashboard);
    }
    assertThat(render(null).keySet()).noneMatch(key -> key.contains("-dashboard-"));

    Map<String, Map<String, Object>> objects = render(null, Map.of("grafanaDashboards.enabled", true,
        "grafanaDashboards.prometheusDatasourceUid", "prometheus"));
    assertThat(objects.keySet()).filteredOn(key -> key.startsWith("ConfigMap/perfplane-dashboard-"))
        .hasSize(dashboards.size());
    Map<String, Object> run = objects.get("ConfigMap/perfplane-dashboard-load-test-run");
    assertThat(Tree.map(run, "metadata.labels")).containsEntry("grafana_dashboard", "1");
    assertThat(Tree.map(run, "metadata.annotations")).containsEntry("grafana_folder", "perfplane");
    String json = String.valueOf(Tree.map(run, "data").get("perfplane-load-test-run.json"));
    String repo = java.nio.file.Files.readString(Repo.path("deploy/grafana/dashboards/perfplane-load-test-run.json"));
    assertThat(json).isEqualTo(repo.strip().replace("\"uid\": \"perfplane-prometheus\"", "\"uid\": \"prometheus\""))
        .doesNotContain("perfplane-prometheus");
  }
}
