package io.perfplane.cost.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.sizing.Strategy;
import io.perfplane.cost.terraform.Tfvars;
import org.junit.jupiter.api.Test;

/**
 * terraform/environments/{1k,10k}/environment.tfvars provision the topology cost-service prices: their sizing
 * variables equal the tfvars export of the reference estimate (the same one docs/cost-reconciliation.md shows).
 * Spot vs on-demand and the autoscaler's maximum are left to the environment. The export is valid input for the one
 * root module terraform/: every variable it writes is declared in terraform/variables.tf.
 */
class TerraformEnvironmentsTest {

  private static final Pattern DECLARATION = Pattern.compile("^variable \"([a-z0-9_]+)\" \\{$");
  private static final Pattern ASSIGNMENT = Pattern.compile("^([a-z0-9_]+)\\s*=\\s*(.+?)\\s*$");
  private static final List<String> SIZED = List.of("availability_zone_count", "node_zone_count", "nat_gateway_count",
      "app_replicas", "node_min_size", "node_desired_size", "aurora_min_acu", "aurora_max_acu",
      "aurora_instance_count", "aurora_storage_type", "msk_enabled", "aws_region");

  @Test
  void oneKEnvironmentIsTheSizedSingleAzStaging() throws IOException {
    check("1k-users", "1k");
  }

  @Test
  void tenKEnvironmentIsTheSizedMultiAzProduction() throws IOException {
    check("10k-users", "10k");
  }

  @Test
  void theRootModuleDeclaresEveryVariableTheExportWrites() throws IOException {
    Set<String> declared = new TreeSet<>();
    for (String line : Files.readAllLines(SeedFixture.repo().resolve("terraform/variables.tf"))) {
      Matcher m = DECLARATION.matcher(line);
      if (m.matches()) {
        declared.add(m.group(1));
      }
    }
    assertThat(declared).contains("environment", "scenario");
    Map<String, Object> staging = Tfvars.of("reference", SeedFixture.onDemand("1k-users"));
    // MSK variables are written only for a Kafka workload, which no shipped scenario is: price one that is.
    Map<String, Object> streaming = Tfvars.of("reference", SeedFixture.ESTIMATOR.estimate(
        usingKafka(SeedFixture.scenario("10k-users")), SeedFixture.CAPACITY, Strategy.ON_DEMAND));
    assertThat(streaming).containsKeys("msk_broker_count", "msk_broker_instance_type", "msk_ebs_volume_size_gb");
    assertThat(declared).containsAll(staging.keySet()).containsAll(streaming.keySet());
  }

  private static Scenario usingKafka(Scenario s) {
    return new Scenario(s.name(), s.usersPerMonth(), s.concurrentUsers(), s.peakFactor(),
        s.sessionsPerUserPerMonth(), s.requestsPerSession(), s.sessionMinutes(), s.initialDataGb(),
        s.dataGrowthGbPerMonth(), s.retentionMonths(), s.availability(), true);
  }

  private static void check(String scenario, String environment) throws IOException {
    Map<String, Object> exported = Tfvars.of("reference", SeedFixture.onDemand(scenario));
    Map<String, String> written = read(SeedFixture.repo().resolve("terraform/environments/" + environment
        + "/environment.tfvars"));
    // The root module takes its names from these: resources perfplane-<environment>, tag Scenario.
    assertThat(written).containsEntry("environment", "\"" + environment + "\"")
        .containsEntry("scenario", "\"" + scenario + "\"");
    for (String name : SIZED) {
      assertThat(written).as("%s sets %s", environment, name).containsKey(name);
      assertThat(normalise(written.get(name))).as("%s %s", environment, name)
          .isEqualTo(normalise(String.valueOf(exported.get(name))));
    }
    // The sized node type comes first; further types only widen the Spot pool.
    assertThat(written.get("node_instance_types")).as("%s node_instance_types", environment)
        .startsWith("[\"" + ((List<?>) exported.get("node_instance_types")).getFirst() + "\"");
  }

  private static Map<String, String> read(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = ASSIGNMENT.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        values.put(m.group(1), m.group(2));
      }
    }
    return values;
  }

  /** Numbers compared by value, strings without quotes. */
  private static String normalise(String value) {
    String unquoted = value.replace("\"", "");
    try {
      return new BigDecimal(unquoted).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return unquoted;
    }
  }
}
