package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, parsed (anchors and merge keys resolved as Compose does) and checked reference by reference:
 * there is no Docker engine here, so every name, port, variable and mounted path is verified against what the
 * services, the topic catalog and the repository really contain.
 */
class ComposeFileTest {

  private static final Set<String> PLATFORM = Set.of("kafka", "kafka-init", "postgres", "prometheus", "grafana");

  private static Map<String, Object> compose;
  private static Map<String, Object> services;

  @BeforeAll
  static void parse() throws IOException {
    compose = Tree.load(Files.readString(Repo.path("docker-compose.yml")));
    services = Tree.map(compose, "services");
  }

  private static Map<String, Object> env(String service) {
    return Tree.map(services.get(service), "environment");
  }

  @Test
  void runsThePlatformAndTheFiveServices() {
    assertThat(services.keySet()).containsAll(PLATFORM).containsAll(ServiceEnv.SERVICES)
        .hasSize(PLATFORM.size() + ServiceEnv.SERVICES.size());
  }

  @Test
  void kafkaIsASingleKraftNodeTheServicesCanReach() {
    Map<String, Object> kafka = Tree.asMap(services.get("kafka"));
    assertThat(Tree.string(kafka, "image")).startsWith("apache/kafka:");
    Map<String, Object> env = env("kafka");
    assertThat(String.valueOf(env.get("KAFKA_PROCESS_ROLES"))).contains("broker").contains("controller");
    assertThat(env).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1)
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 1);
    assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains("PLAINTEXT://kafka:9092");
    for (String service : ServiceEnv.SERVICES) {
      if (!service.equals("api")) {
        assertThat(env(service)).as(service).containsEntry("PERFPLANE_KAFKA_BOOTSTRAP", "kafka:9092");
      }
    }
  }

  @Test
  void kafkaInitCreatesEveryCatalogTopicAsContractsDeclareIt() {
    String script = String.join("\n", Tree.list(services.get("kafka-init"), "command").stream()
        .map(String::valueOf).toList());
    Pattern create = Pattern.compile("^\\s*create (\\S+) (\\d+) (\\S+)$", Pattern.MULTILINE);
    Matcher matcher = create.matcher(script);
    Map<String, TopicCatalog.Spec> catalog = TopicCatalog.topics();
    int created = 0;
    while (matcher.find()) {
      TopicCatalog.Spec spec = catalog.get(matcher.group(1));
      assertThat(spec).as("topic %s is in contracts' catalog", matcher.group(1)).isNotNull();
      assertThat(Integer.parseInt(matcher.group(2))).as("partitions of %s", spec.name()).isEqualTo(spec.partitions());
      assertThat(matcher.group(3).equals("cleanup.policy=compact")).as("compaction of %s", spec.name())
          .isEqualTo(spec.compacted());
      created++;
    }
    assertThat(created).as("topics created").isEqualTo(catalog.size());
    assertThat(Tree.map(services.get("kafka-init"), "depends_on.kafka")).containsEntry("condition", "service_healthy");
  }

  @Test
  void everyServiceIsBuiltFromItsJarAndConfiguredOnlyWithVariablesItReads() {
    for (String service : ServiceEnv.SERVICES) {
      Map<String, Object> definition = Tree.asMap(services.get(service));
      int port = ServiceEnv.defaultPort(service);
      Path dockerfile = Repo.path(Tree.string(definition, "build.dockerfile"));
      assertThat(dockerfile).as("%s Dockerfile", service).isRegularFile();
      assertThat(Tree.string(definition, "build.context")).isEqualTo(".");
      assertThat(Tree.map(definition, "build.args")).containsEntry("SERVICE", service)
          .containsEntry("PORT", String.valueOf(port));
      assertThat(Repo.path(service + "-service/pom.xml")).as("module of %s", service).isRegularFile();
      assertThat(Tree.list(definition, "ports")).containsExactly(port + ":" + port);
      Map<String, Object> env = env(service);
      assertThat(env).containsEntry("PERFPLANE_PORT", String.valueOf(port));
      assertThat(env.keySet()).allSatisfy(name ->
          assertThat(ServiceEnv.reads(service, name)).as("%s reads %s", service, name).isTrue());
      assertThat(env.keySet()).containsAll(ServiceEnv.required(service));
      assertThat(Tree.list(definition, "healthcheck.test").toString()).contains("/actuator/health/readiness");
      assertThat(definition).containsEntry("read_only", true);
      assertThat(Tree.list(definition, "tmpfs")).contains("/tmp");
    }
    assertThat(String.valueOf(env("loadgen").get("PERFPLANE_LOADGEN_ALLOWED_TARGETS"))).contains("api:*");
    assertThat(String.valueOf(env("api").get("PERFPLANE_DB_URL"))).startsWith("jdbc:postgresql://postgres:5432/");
    assertThat(String.valueOf(env("cost").get("PERFPLANE_DB_URL"))).startsWith("jdbc:postgresql://postgres:5432/");
    assertThat(env("analyzer").get("PERFPLANE_DB_URL")).as("baselines").isEqualTo(env("cost").get("PERFPLANE_DB_URL"));
    assertThat(env("postgres")).containsEntry("POSTGRES_DB", "perfplane").containsEntry("POSTGRES_USER", "perfplane");
  }

  @Test
  void dependenciesWaitForHealthyOrCompletedServices() {
    int edges = 0;
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      Map<String, Object> definition = Tree.asMap(entry.getValue());
      if (!definition.containsKey("depends_on")) {
        continue;
      }
      for (Map.Entry<String, Object> dependency : Tree.map(definition, "depends_on").entrySet()) {
        assertThat(services).as("%s depends on %s", entry.getKey(), dependency.getKey())
            .containsKey(dependency.getKey());
        String condition = Tree.string(dependency.getValue(), "condition");
        if (dependency.getKey().equals("kafka-init")) {
          assertThat(condition).isEqualTo("service_completed_successfully");
        } else {
          assertThat(condition).as("%s -> %s", entry.getKey(), dependency.getKey()).isEqualTo("service_healthy");
          assertThat(Tree.has(services.get(dependency.getKey()), "healthcheck.test"))
              .as("%s has a healthcheck %s can wait for", dependency.getKey(), entry.getKey()).isTrue();
        }
        edges++;
      }
    }
    assertThat(edges).isGreaterThanOrEqualTo(12);
    assertThat(Tree.map(services.get("cost"), "depends_on")).containsKeys("kafka", "kafka-init", "postgres");
    assertThat(Tree.map(services.get("api"), "depends_on")).containsKey("postgres");
    assertThat(Tree.map(services.get("analyzer"), "depends_on")).containsKeys("kafka", "kafka-init", "postgres");
  }

  @Test
  void everyMountExistsAndEveryNamedVolumeIsDeclared() {
    Set<String> declared = Tree.map(compose, "volumes").keySet();
    int binds = 0;
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      Map<String, Object> definition = Tree.asMap(entry.getValue());
      if (!definition.containsKey("volumes")) {
        continue;
      }
      for (Object volume : Tree.list(definition, "volumes")) {
        String source = String.valueOf(volume).split(":")[0];
        if (source.startsWith("./")) {
          assertThat(Repo.path(source.substring(2))).as("%s mounts %s", entry.getKey(), source).exists();
          binds++;
        } else {
          assertThat(declared).as("%s uses volume %s", entry.getKey(), source).contains(source);
        }
      }
    }
    assertThat(binds).isEqualTo(4);
  }

  @Test
  void prometheusAndGrafanaAreProvisionedFromTheMountedFiles() throws IOException {
    List<String> prometheusVolumes = Tree.list(services.get("prometheus"), "volumes").stream().map(String::valueOf)
        .toList();
    assertThat(prometheusVolumes).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
        "./deploy/prometheus/rules:/etc/prometheus/rules:ro");
    assertThat(Tree.list(services.get("prometheus"), "command"))
        .contains("--config.file=/etc/prometheus/prometheus.yml");

    List<String> grafanaVolumes = Tree.list(services.get("grafana"), "volumes").stream().map(String::valueOf)
        .toList();
    assertThat(grafanaVolumes).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
    String dashboardMount = grafanaVolumes.stream().filter(v -> v.startsWith("./deploy/grafana/dashboards:"))
        .findFirst().orElseThrow().split(":")[1];
    Map<String, Object> provider = Tree.asMap(Tree.list(Tree.load(Files.readString(
        Repo.path("deploy/grafana/provisioning/dashboards/perfplane.yml"))), "providers").getFirst());
    assertThat(Tree.string(provider, "options.path")).isEqualTo(dashboardMount);
    String home = String.valueOf(env("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    assertThat(home).startsWith(dashboardMount + "/");
    assertThat(Repo.path("deploy/grafana/dashboards").resolve(home.substring(dashboardMount.length() + 1)))
        .isRegularFile();

    Map<String, Object> datasources = Tree.load(Files.readString(
        Repo.path("deploy/grafana/provisioning/datasources/perfplane.yml")));
    List<Map<String, Object>> list = Tree.list(datasources, "datasources").stream().map(Tree::asMap).toList();
    assertThat(list).anySatisfy(ds -> assertThat(ds).containsEntry("url", "http://prometheus:9090")
        .containsEntry("type", "prometheus"));
    assertThat(list).anySatisfy(ds -> assertThat(String.valueOf(ds.get("url"))).isEqualTo("postgres:5432"));
    assertThat(env("grafana")).containsKey("PERFPLANE_DB_PASSWORD");
  }
}
