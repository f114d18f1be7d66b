package io.perfplane.cost.estimates;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.cost.system.CostProperties;
import org.springframework.stereotype.Component;

/**
 * The latest estimate per (runId, scenario), for the most recently priced runs only: when more than
 * {@code maxRuns} runs are held, the run priced longest ago is evicted. In memory, so it starts empty after a
 * restart; the compacted {@code cost-estimates} topic remains the durable record.
 */
@Component
class EstimateStore {

  private final int maxRuns;
  private final LinkedHashMap<String, Map<String, RunEstimate>> runs = new LinkedHashMap<>();

  EstimateStore(CostProperties properties) {
    this.maxRuns = properties.maxRuns();
  }

  synchronized void put(RunEstimate estimate) {
    // Re-inserting moves the run to the young end, so eviction order is "least recently priced".
    Map<String, RunEstimate> scenarios = runs.remove(estimate.runId());
    if (scenarios == null) {
      scenarios = new LinkedHashMap<>();
    }
    scenarios.put(estimate.estimate().scenario().name(), estimate);
    runs.put(estimate.runId(), scenarios);
    while (runs.size() > maxRuns) {
      runs.pollFirstEntry();
    }
  }

  /** The run's latest estimates, smallest scenario first; empty for an unknown or evicted run. */
  synchronized List<RunEstimate> forRun(String runId) {
    Map<String, RunEstimate> scenarios = runs.getOrDefault(runId, Map.of());
    return scenarios.values().stream()
        .sorted(Comparator.comparingLong((RunEstimate e) -> e.estimate().scenario().monthlyUsers())
            .thenComparing(e -> e.estimate().scenario().name()))
        .toList();
  }

  synchronized int runCount() {
    return runs.size();
  }
}
