package io.perfplane.loadgen.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A checked test definition, ready to execute: defaults applied, templates parsed, load shapes built. Both the
 * legacy JSON run plan ({@link RunPlan}, translated into a definition first) and the YAML/JSON test definition
 * ({@link TestDefinition}) validate into it; plans are equal when they would run the same.
 *
 * @param runId run id
 * @param name test name
 * @param targetService system under test
 * @param targetBaseUrl absolute base URL without a trailing slash, allow-listed
 * @param scenarios scenarios, run concurrently, never empty
 * @param thresholds pass/fail criteria
 * @param requestTimeout per-request timeout, connect included
 * @param slos the definition's {@code slos:} as JSON ({@code {"schema":1,"slos":[...]}}), carried on STARTED; empty
 *     when it has none
 * @param http the HTTP client's version and TLS settings
 * @param timings the response headers captured as {@code server_timing.<name>} measurements
 */
public record ValidPlan(String runId, String name, String targetService, String targetBaseUrl,
    List<Scenario> scenarios, List<Threshold> thresholds, Duration requestTimeout, String slos, HttpSettings http,
    TimingCapture timings) {

  /** A plan with the default HTTP settings and capture ({@code Server-Timing} only). */
  public ValidPlan(String runId, String name, String targetService, String targetBaseUrl, List<Scenario> scenarios,
      List<Threshold> thresholds, Duration requestTimeout, String slos) {
    this(runId, name, targetService, targetBaseUrl, scenarios, thresholds, requestTimeout, slos,
        HttpSettings.DEFAULT, TimingCapture.DEFAULT);
  }

  /** A plan with the default capture. */
  public ValidPlan(String runId, String name, String targetService, String targetBaseUrl, List<Scenario> scenarios,
      List<Threshold> thresholds, Duration requestTimeout, String slos, HttpSettings http) {
    this(runId, name, targetService, targetBaseUrl, scenarios, thresholds, requestTimeout, slos, http,
        TimingCapture.DEFAULT);
  }

  /** A plan with the default HTTP settings. */
  public ValidPlan(String runId, String name, String targetService, String targetBaseUrl, List<Scenario> scenarios,
      List<Threshold> thresholds, Duration requestTimeout, String slos, TimingCapture timings) {
    this(runId, name, targetService, targetBaseUrl, scenarios, thresholds, requestTimeout, slos,
        HttpSettings.DEFAULT, timings);
  }

  /** A plan without SLOs of its own. */
  public ValidPlan(String runId, String name, String targetService, String targetBaseUrl, List<Scenario> scenarios,
      List<Threshold> thresholds, Duration requestTimeout) {
    this(runId, name, targetService, targetBaseUrl, scenarios, thresholds, requestTimeout, "");
  }

  public ValidPlan {
    scenarios = List.copyOf(scenarios);
    thresholds = List.copyOf(thresholds);
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one scenario");
    }
  }

  /** The same plan under another run id: every shard of a distributed run uses the submitter's. */
  public ValidPlan withRunId(String id) {
    return new ValidPlan(id, name, targetService, targetBaseUrl, scenarios, thresholds, requestTimeout, slos, http,
        timings);
  }

  /** The longest scenario's duration (ms): when the load ends. */
  public long plannedDurationMs() {
    return scenarios.stream().mapToLong(s -> s.workload().shape().totalDurationMs()).max().orElse(0);
  }

  /** Upper bound of concurrent users: closed peaks plus open concurrency caps. */
  public int peakConcurrency() {
    return scenarios.stream().mapToInt(s -> switch (s.workload()) {
      case Workload.RampingVus vus -> vus.schedule().peakVus();
      case Workload.ArrivalRate rate -> rate.maxConcurrency();
    }).sum();
  }

  /**
   * One scenario: a user journey and how often it runs.
   *
   * @param name scenario name (the samples' {@code scenario})
   * @param weight relative share of a shared workload, &gt; 0
   * @param workload closed or open load model
   * @param steps requests of one iteration, in order, never empty
   * @param thinkTime pause after each step unless the step has its own
   * @param feeder data for the templates; null when they use built-ins only
   * @param onStart requests a virtual user sends before its first iteration (open model: before each iteration's
   *     steps), again at the next iteration while one of them fails; empty for none
   * @param cookies whether each virtual user keeps a cookie jar (RFC 6265) for the target
   */
  public record Scenario(String name, double weight, Workload workload, List<Step> steps, ThinkTime thinkTime,
      @Nullable Feeder feeder, List<Step> onStart, boolean cookies) {

    /** A scenario without onStart steps, with cookies. */
    public Scenario(String name, double weight, Workload workload, List<Step> steps, ThinkTime thinkTime,
        @Nullable Feeder feeder) {
      this(name, weight, workload, steps, thinkTime, feeder, List.of(), true);
    }

    public Scenario {
      steps = List.copyOf(steps);
      onStart = List.copyOf(onStart);
    }
  }

  /**
   * One request of an iteration.
   *
   * @param endpoint stable endpoint label (the samples' {@code endpoint})
   * @param group step group, tagged on samples as {@code group}; null for none
   * @param method upper-case HTTP method
   * @param path path-and-query template, appended to the base URL; variables are percent-encoded
   * @param headers header templates
   * @param body body template (UTF-8); empty for none
   * @param probability chance the step runs in an iteration, (0, 1]
   * @param checks assertions on the response
   * @param thinkTime pause after this step; null means the scenario's
   * @param extractions values captured from the response into the virtual user's variables
   * @param requires the extracted variables its templates use: the step is skipped while one is unset
   */
  public record Step(String endpoint, @Nullable String group, String method, Template path,
      Map<String, Template> headers, Template body, double probability, List<Check> checks,
      @Nullable ThinkTime thinkTime, List<Extraction> extractions, Set<String> requires) {

    /** A step that extracts and requires nothing. */
    public Step(String endpoint, @Nullable String group, String method, Template path, Map<String, Template> headers,
        Template body, double probability, List<Check> checks, @Nullable ThinkTime thinkTime) {
      this(endpoint, group, method, path, headers, body, probability, checks, thinkTime, List.of(), Set.of());
    }

    public Step {
      headers = Map.copyOf(headers);
      checks = List.copyOf(checks);
      extractions = List.copyOf(extractions);
      requires = Set.copyOf(requires);
    }
  }
}
