package io.perfplane.cost.scenario;

import java.util.List;

/**
 * The scenarios every capacity event is priced for, in file order.
 *
 * @param all at least one, names unique
 */
public record Scenarios(List<Scenario> all) {

  public Scenarios {
    all = List.copyOf(all);
    if (all.isEmpty()) {
      throw new ScenarioException("scenarios", "must name at least one scenario");
    }
  }
}
