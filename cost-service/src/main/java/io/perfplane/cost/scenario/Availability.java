package io.perfplane.cost.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Availability tier of a scenario: how many availability zones the fleet spreads across. */
public enum Availability {

  /** One AZ: a staging environment, no zone redundancy (one NAT gateway, one Aurora instance). */
  SINGLE_AZ_STAGING("single-az-staging", 1),
  /** Three AZs: production; nodes, brokers and NAT gateways are spread evenly, Aurora has a reader in another AZ. */
  MULTI_AZ_PRODUCTION("multi-az-production", 3);

  private final String id;
  private final int zones;

  Availability(String id, int zones) {
    this.id = id;
    this.zones = zones;
  }

  /** The name used in scenario files, e.g. {@code multi-az-production}. */
  public String id() {
    return id;
  }

  /** Availability zones the fleet spreads across. */
  public int zones() {
    return zones;
  }

  /** Whether the tier keeps redundant copies in other zones (Aurora reader, one NAT gateway per zone). */
  public boolean redundant() {
    return zones > 1;
  }

  /**
   * @throws IllegalArgumentException listing the valid names
   */
  public static Availability of(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("must be one of "
            + Arrays.stream(values()).map(Availability::id).collect(Collectors.joining(", ")) + ", was '" + id + "'"));
  }
}
