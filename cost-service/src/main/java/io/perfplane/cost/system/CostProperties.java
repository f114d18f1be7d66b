package io.perfplane.cost.system;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code perfplane.cost}.
 *
 * @param catalog Spring resource location of the pricing catalog JSON
 * @param region AWS region estimates are made for; must be the catalog's
 * @param currency currency estimates are made in; must be the catalog's
 * @param scenarios Spring resource location of the scenario YAML
 * @param consumerGroup Kafka consumer group of the capacity-event listener
 * @param publishTimeout how long to wait for Kafka to acknowledge the estimates of one capacity event
 * @param tfvarsDir directory the Terraform tfvars export writes {@code <environment>/cost.tfvars.json} under (e.g.
 *     {@code terraform/environments}), or blank for no export
 * @param tfvarsEnvironments scenario name to its environment folder under {@code tfvarsDir}; unmapped scenarios use
 *     their name
 * @param nodeInstanceTypes EC2 types worker nodes may use (empty: every type in the catalog)
 * @param spotShare share of the stateless nodes on Spot in the spot strategy, in [0, 1]
 * @param spotDiscount Spot discount off on-demand, or {@code null} for the catalog's assumption
 */
@ConfigurationProperties("perfplane.cost")
public record CostProperties(String catalog, String region, String currency, String scenarios, String consumerGroup,
    Duration publishTimeout, @Nullable String tfvarsDir, @Nullable Map<String, String> tfvarsEnvironments,
    @Nullable List<String> nodeInstanceTypes, BigDecimal spotShare, @Nullable BigDecimal spotDiscount) {

  public CostProperties {
    Objects.requireNonNull(catalog, "perfplane.cost.catalog");
    Objects.requireNonNull(region, "perfplane.cost.region");
    Objects.requireNonNull(currency, "perfplane.cost.currency");
    Objects.requireNonNull(scenarios, "perfplane.cost.scenarios");
    Objects.requireNonNull(spotShare, "perfplane.cost.spot-share");
    tfvarsEnvironments = tfvarsEnvironments == null ? Map.of() : Map.copyOf(tfvarsEnvironments);
    nodeInstanceTypes = nodeInstanceTypes == null ? List.of()
        : nodeInstanceTypes.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    if (publishTimeout.isNegative() || publishTimeout.isZero()) {
      throw new IllegalArgumentException("perfplane.cost.publish-timeout must be > 0: " + publishTimeout);
    }
  }
}
