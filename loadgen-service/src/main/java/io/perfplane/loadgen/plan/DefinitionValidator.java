package io.perfplane.loadgen.plan;

import io.perfplane.contracts.net.TargetAllowList;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.perfplane.loadgen.plan.PlanRejectedException.Kind;
import io.perfplane.loadgen.plan.TestDefinition.CheckSpec;
import io.perfplane.loadgen.plan.TestDefinition.FeederSpec;
import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;
import io.perfplane.loadgen.plan.TestDefinition.StageSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import io.perfplane.loadgen.plan.TestDefinition.ThinkTimeSpec;
import io.perfplane.loadgen.plan.TestDefinition.ThresholdSpec;
import io.perfplane.loadgen.plan.TestDefinition.WorkloadSpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link TestDefinition} and builds its {@link ValidPlan}, reporting every problem at once with the path of
 * its field ({@code scenarios[0].steps[2].path}). Uses the limits and shared checks of {@link PlanValidator}.
 */
final class DefinitionValidator {

  static final int MAX_SCENARIOS = 100;
  static final int MAX_STEPS = 1_000;
  static final int MAX_FEEDER_ROWS = 100_000;
  static final long DEFAULT_DELAY_ABORT_EVAL_MS = 10_000;
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
  private static final Pattern JSON_PATH = Pattern.compile("\\$((\\.[A-Za-z_][A-Za-z0-9_-]*)|(\\[[0-9]+]))*");
  private static final Pattern JSON_PATH_PART = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[([0-9]+)]");

  private final PlanValidator base;
  private final List<FieldViolation> invalid = new ArrayList<>();

  DefinitionValidator(PlanValidator base) {
    this.base = base;
  }

  ValidPlan validate(TestDefinition d) {
    String runId = d.runId();
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      invalid.add(new FieldViolation("runId", "must be 1-64 characters [A-Za-z0-9._-] starting with a letter or digit"));
    }
    PlanValidator.requireText(d.name(), "name", invalid);
    PlanValidator.requireText(d.targetService(), "targetService", invalid);
    String baseUrl = PlanValidator.checkBaseUrl(d.targetBaseUrl(), invalid);
    long timeoutMs = d.requestTimeout() == null ? PlanValidator.DEFAULT_REQUEST_TIMEOUT_MS
        : millis(d.requestTimeout(), "requestTimeout", 1, PlanValidator.MAX_REQUEST_TIMEOUT_MS);
    Map<String, String> defaultHeaders = headers(d.defaults() == null ? null : d.defaults().headers(),
        "defaults.headers");
    ThinkTime defaultThink = d.defaults() == null || d.defaults().thinkTime() == null ? ThinkTime.NONE
        : thinkTime(d.defaults().thinkTime(), "defaults.thinkTime");

    List<ValidPlan.Scenario> scenarios = new ArrayList<>();
    List<@Nullable ScenarioSpec> specs = d.scenarios();
    if (specs == null || specs.isEmpty()) {
      invalid.add(new FieldViolation("scenarios", "must contain at least one scenario"));
    } else if (specs.size() > MAX_SCENARIOS) {
      invalid.add(new FieldViolation("scenarios", "must contain at most " + MAX_SCENARIOS + " scenarios"));
    } else {
      double sharedWeight = 0;
      for (ScenarioSpec spec : specs) {
        if (spec != null && spec.workload() == null) {
          sharedWeight += spec.weight() == null || spec.weight() <= 0 ? 1 : spec.weight();
        }
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < specs.size(); i++) {
        ValidPlan.Scenario scenario = scenario(specs.get(i), "scenarios[" + i + "]", d.workload(), sharedWeight,
            baseUrl, defaultHeaders, defaultThink);
        if (scenario != null) {
          if (!names.add(scenario.name())) {
            invalid.add(new FieldViolation("scenarios[" + i + "].name", "duplicates another scenario's name"));
          }
          scenarios.add(scenario);
        }
      }
    }
    if (d.workload() != null && specs != null && specs.stream().allMatch(s -> s == null || s.workload() != null)) {
      invalid.add(new FieldViolation("workload", "is not used: every scenario has its own workload"));
    }
    List<Threshold> thresholds = thresholds(d.thresholds(), scenarios);
    String slos = SloSection.json(d.slos(), invalid);
    if (!invalid.isEmpty()) {
      throw new PlanRejectedException(Kind.INVALID, invalid);
    }

    ValidPlan plan = new ValidPlan(runId != null ? runId : base.generateRunId(), PlanValidator.textOf(d.name()),
        PlanValidator.textOf(d.targetService()), baseUrl, scenarios, thresholds, Duration.ofMillis(timeoutMs), slos);
    List<FieldViolation> notAllowed = new ArrayList<>();
    base.checkAllowed(baseUrl, notAllowed);
    PlanValidator.Limits limits = base.limits();
    if (plan.peakConcurrency() > limits.maxVus()) {
      notAllowed.add(new FieldViolation("scenarios", "peak virtual users plus arrival-rate maxConcurrency add up to "
          + plan.peakConcurrency() + ", more than " + limits.maxVus() + " (perfplane.loadgen.max-vus)"));
    }
    double peakRate = scenarios.stream().mapToDouble(s -> s.workload() instanceof Workload.ArrivalRate rate
        ? rate.schedule().peakRatePerSecond() : 0).sum();
    if (peakRate > limits.maxRatePerSecond()) {
      notAllowed.add(new FieldViolation("scenarios", "peak arrival rates add up to " + peakRate + "/s, more than "
          + limits.maxRatePerSecond() + "/s (perfplane.loadgen.max-rate)"));
    }
    if (plan.plannedDurationMs() > limits.maxDuration().toMillis()) {
      notAllowed.add(new FieldViolation("scenarios", "the longest scenario lasts " + plan.plannedDurationMs()
          + " ms, more than " + limits.maxDuration().toMillis() + " ms (perfplane.loadgen.max-duration)"));
    }
    if (!notAllowed.isEmpty()) {
      throw new PlanRejectedException(Kind.NOT_ALLOWED, notAllowed);
    }
    return plan;
  }

  private ValidPlan.@Nullable Scenario scenario(@Nullable ScenarioSpec spec, String field,
      @Nullable WorkloadSpec shared, double sharedWeight, String baseUrl, Map<String, String> defaultHeaders,
      ThinkTime defaultThink) {
    if (spec == null) {
      invalid.add(new FieldViolation(field, "must not be null"));
      return null;
    }
    int before = invalid.size();
    PlanValidator.requireText(spec.name(), field + ".name", invalid);
    double weight = 1;
    if (spec.weight() != null) {
      if (!(spec.weight() > 0) || spec.weight().isInfinite()) {
        invalid.add(new FieldViolation(field + ".weight", "must be > 0"));
      } else {
        weight = spec.weight();
      }
    }
    Workload workload = null;
    if (spec.workload() != null) {
      workload = workload(spec.workload(), field + ".workload", 1.0);
    } else if (shared != null) {
      workload = workload(shared, "workload", weight / sharedWeight);
    } else {
      invalid.add(new FieldViolation(field + ".workload", "is required (or give a top-level workload shared by weight)"));
    }
    ThinkTime think = spec.thinkTime() == null ? defaultThink : thinkTime(spec.thinkTime(), field + ".thinkTime");
    Feeder feeder = spec.feeder() == null ? null : feeder(spec.feeder(), field + ".feeder");
    Set<String> variables = new HashSet<>(Template.BUILT_INS);
    if (feeder != null) {
      variables.addAll(feeder.columns());
    }
    List<ValidPlan.Step> steps = new ArrayList<>();
    List<@Nullable StepSpec> stepSpecs = spec.steps();
    if (stepSpecs == null || stepSpecs.isEmpty()) {
      invalid.add(new FieldViolation(field + ".steps", "must contain at least one step"));
    } else if (stepSpecs.size() > MAX_STEPS) {
      invalid.add(new FieldViolation(field + ".steps", "must contain at most " + MAX_STEPS + " steps"));
    } else {
      for (int i = 0; i < stepSpecs.size(); i++) {
        ValidPlan.Step step = step(stepSpecs.get(i), field + ".steps[" + i + "]", baseUrl, defaultHeaders, variables);
        if (step != null) {
          steps.add(step);
        }
      }
    }
    if (invalid.size() != before || workload == null) {
      return null;
    }
    return new ValidPlan.Scenario(PlanValidator.textOf(spec.name()), weight, workload, steps, think, feeder);
  }

  private @Nullable Workload workload(WorkloadSpec spec, String field, double share) {
    String executor = spec.executor() == null ? "" : spec.executor().strip().toLowerCase(Locale.ROOT);
    int before = invalid.size();
    switch (executor) {
      case "ramping-vus" -> {
        unused(spec.rate(), field + ".rate", executor);
        unused(spec.maxConcurrency(), field + ".maxConcurrency", executor);
        unused(spec.duration(), field + ".duration", executor);
        List<StageSchedule.Stage> stages = new ArrayList<>();
        for (StageSpec stage : stages(spec, field)) {
          int i = stages.size();
          stages.add(new StageSchedule.Stage(millis(stage.duration(), field + ".stages[" + i + "].duration", 1,
              Long.MAX_VALUE / 4), (int) Math.round(target(stage, field + ".stages[" + i + "].target", true) * share)));
        }
        return invalid.size() == before ? new Workload.RampingVus(new StageSchedule(stages)) : null;
      }
      case "constant-arrival-rate", "ramping-arrival-rate" -> {
        double perSecond = 1_000_000.0 / (spec.timeUnit() == null ? 1_000_000
            : Math.max(1, micros(spec.timeUnit(), field + ".timeUnit")));
        int maxConcurrency = 0;
        if (spec.maxConcurrency() == null) {
          invalid.add(new FieldViolation(field + ".maxConcurrency", "is required for " + executor
              + " (most iterations in flight; beyond it due iterations are dropped and counted)"));
        } else if (spec.maxConcurrency() < 1) {
          invalid.add(new FieldViolation(field + ".maxConcurrency", "must be >= 1"));
        } else {
          maxConcurrency = Math.max(1, (int) Math.ceil(spec.maxConcurrency() * share));
        }
        ArrivalSchedule schedule = null;
        if (executor.equals("constant-arrival-rate")) {
          unused(spec.stages(), field + ".stages", executor);
          unused(spec.startRate(), field + ".startRate", executor);
          Double rate = spec.rate();
          if (rate == null || !(rate > 0) || rate.isInfinite()) {
            invalid.add(new FieldViolation(field + ".rate", rate == null ? "is required" : "must be > 0"));
          }
          long durationMs = millis(spec.duration(), field + ".duration", 1, Long.MAX_VALUE / 4);
          if (invalid.size() == before) {
            schedule = ArrivalSchedule.constant(rate * perSecond * share, durationMs);
          }
        } else {
          unused(spec.rate(), field + ".rate", executor);
          unused(spec.duration(), field + ".duration", executor);
          double start = 0;
          if (spec.startRate() != null) {
            if (!(spec.startRate() >= 0) || spec.startRate().isInfinite()) {
              invalid.add(new FieldViolation(field + ".startRate", "must be >= 0"));
            } else {
              start = spec.startRate();
            }
          }
          List<ArrivalSchedule.Stage> stages = new ArrayList<>();
          for (StageSpec stage : stages(spec, field)) {
            int i = stages.size();
            stages.add(new ArrivalSchedule.Stage(millis(stage.duration(), field + ".stages[" + i + "].duration", 1,
                Long.MAX_VALUE / 4), target(stage, field + ".stages[" + i + "].target", false) * perSecond * share));
          }
          if (invalid.size() == before) {
            schedule = new ArrivalSchedule(start * perSecond * share, stages);
          }
        }
        return schedule == null ? null : new Workload.ArrivalRate(schedule, maxConcurrency, executor);
      }
      default -> {
        invalid.add(new FieldViolation(field + ".executor", spec.executor() == null ? "is required"
            : "must be ramping-vus, constant-arrival-rate or ramping-arrival-rate"));
        return null;
      }
    }
  }

  private void unused(@Nullable Object value, String field, String executor) {
    if (value != null) {
      invalid.add(new FieldViolation(field, "is not used by " + executor));
    }
  }

  /** The stage specs, each non-null with its duration and target; a placeholder stage stands in for a bad one. */
  private List<StageSpec> stages(WorkloadSpec spec, String field) {
    List<@Nullable StageSpec> stages = spec.stages();
    if (stages == null || stages.isEmpty()) {
      invalid.add(new FieldViolation(field + ".stages", "must contain at least one stage"));
      return List.of();
    }
    if (stages.size() > PlanValidator.MAX_STAGES) {
      invalid.add(new FieldViolation(field + ".stages", "must contain at most " + PlanValidator.MAX_STAGES));
      return List.of();
    }
    List<StageSpec> result = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      StageSpec stage = stages.get(i);
      if (stage == null) {
        invalid.add(new FieldViolation(field + ".stages[" + i + "]", "must not be null"));
        stage = new StageSpec("1ms", 0.0);
      }
      result.add(stage);
    }
    return result;
  }

  private double target(StageSpec stage, String field, boolean integral) {
    Double target = stage.target();
    if (target == null) {
      invalid.add(new FieldViolation(field, "is required"));
      return 0;
    }
    if (!(target >= 0) || target.isInfinite() || (integral && target != Math.floor(target))) {
      invalid.add(new FieldViolation(field, integral ? "must be a whole number >= 0" : "must be >= 0"));
      return 0;
    }
    return target;
  }

  private ThinkTime thinkTime(ThinkTimeSpec spec, String field) {
    int given = (spec.constant() == null ? 0 : 1) + (spec.uniform() == null ? 0 : 1)
        + (spec.exponential() == null ? 0 : 1);
    if (given != 1) {
      invalid.add(new FieldViolation(field, "must have exactly one of constant, uniform, exponential"));
      return ThinkTime.NONE;
    }
    long max = PlanValidator.MAX_THINK_TIME_MS;
    if (spec.constant() != null) {
      return ThinkTime.constant(millis(spec.constant(), field + ".constant", 0, max));
    }
    if (spec.exponential() != null) {
      return ThinkTime.exponential(millis(spec.exponential(), field + ".exponential", 0, max));
    }
    TestDefinition.Range range = spec.uniform();
    long min = millis(range.min(), field + ".uniform.min", 0, max);
    long upper = millis(range.max(), field + ".uniform.max", 0, max);
    if (upper < min) {
      invalid.add(new FieldViolation(field + ".uniform.max", "must be >= min"));
      return ThinkTime.NONE;
    }
    return ThinkTime.uniform(min, upper);
  }

  private @Nullable Feeder feeder(FeederSpec spec, String field) {
    Feeder.Strategy strategy = Feeder.Strategy.SEQUENTIAL;
    if (spec.strategy() != null) {
      try {
        strategy = Feeder.Strategy.valueOf(spec.strategy().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        invalid.add(new FieldViolation(field + ".strategy", "must be sequential or random"));
      }
    }
    if ((spec.csv() == null) == (spec.rows() == null)) {
      invalid.add(new FieldViolation(field, "must have exactly one of csv, rows"));
      return null;
    }
    List<Map<String, String>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    if (spec.csv() != null) {
      List<List<String>> records;
      try {
        records = Csv.parse(new StringReader(spec.csv()));
      } catch (IOException | IllegalArgumentException e) {
        invalid.add(new FieldViolation(field + ".csv", e.getMessage() == null ? "is not valid CSV" : e.getMessage()));
        return null;
      }
      if (records.size() < 2) {
        invalid.add(new FieldViolation(field + ".csv", "needs a header line and at least one row"));
        return null;
      }
      List<String> header = records.getFirst().stream().map(String::strip).toList();
      columns.addAll(header);
      if (columns.size() != header.size() || columns.stream().anyMatch(c -> !c.matches("[A-Za-z_][A-Za-z0-9_.-]*"))) {
        invalid.add(new FieldViolation(field + ".csv", "header must name distinct variables (a letter first): " + header));
        return null;
      }
      for (int r = 1; r < records.size(); r++) {
        List<String> record = records.get(r);
        if (record.size() != header.size()) {
          invalid.add(new FieldViolation(field + ".csv", "row " + r + " has " + record.size() + " values, the header "
              + header.size()));
          return null;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          row.put(header.get(c), record.get(c));
        }
        rows.add(row);
      }
    } else {
      List<@Nullable Map<String, @Nullable String>> inline = spec.rows();
      for (int r = 0; r < inline.size(); r++) {
        Map<String, @Nullable String> row = inline.get(r);
        if (row == null || row.isEmpty()) {
          invalid.add(new FieldViolation(field + ".rows[" + r + "]", "must define at least one variable"));
          return null;
        }
        if (r == 0) {
          columns.addAll(row.keySet());
        } else if (!row.keySet().equals(columns)) {
          invalid.add(new FieldViolation(field + ".rows[" + r + "]", "must define the same variables as rows[0]: "
              + columns));
          return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        rows.add(copy);
      }
    }
    if (rows.isEmpty() || rows.size() > MAX_FEEDER_ROWS) {
      invalid.add(new FieldViolation(field, "must have between 1 and " + MAX_FEEDER_ROWS + " rows"));
      return null;
    }
    return new Feeder(List.copyOf(columns), rows, strategy);
  }

  private ValidPlan.@Nullable Step step(@Nullable StepSpec spec, String field, String baseUrl,
      Map<String, String> defaultHeaders, Set<String> variables) {
    if (spec == null) {
      invalid.add(new FieldViolation(field, "must not be null"));
      return null;
    }
    int before = invalid.size();
    PlanValidator.requireText(spec.name(), field + ".name", invalid);
    String method = spec.method() == null ? "GET" : spec.method().strip().toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches() || method.equals("CONNECT")) {
      invalid.add(new FieldViolation(field + ".method", "must be an HTTP method such as GET or POST"));
    }
    Template path = template(spec.path(), field + ".path", variables, true);
    if (path != null) {
      // Variables are percent-encoded when rendered, so the literal parts decide where the request goes.
      String probe = path.render(name -> "x", v -> v);
      Optional<String> authority = TargetAllowList.authorityOf(baseUrl);
      URI uri = PlanValidator.checkPath(probe, baseUrl, authority, field + ".path", invalid);
      if (uri == null && authority.isPresent() && invalid.size() == before) {
        invalid.add(new FieldViolation(field + ".path", "is not a valid path"));
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(defaultHeaders);
    merged.putAll(headers(spec.headers(), field + ".headers"));
    Map<String, Template> headers = new LinkedHashMap<>();
    merged.forEach((name, value) -> {
      Template t = template(value, field + ".headers." + name, variables, false);
      if (t != null) {
        headers.put(name, t);
      }
    });
    Template body = spec.body() == null ? Template.literal("") : template(spec.body(), field + ".body", variables, false);
    double probability = 1;
    if (spec.probability() != null) {
      if (!(spec.probability() > 0 && spec.probability() <= 1)) {
        invalid.add(new FieldViolation(field + ".probability", "must be in (0, 1]"));
      } else {
        probability = spec.probability();
      }
    }
    List<Check> checks = checks(spec.checks(), field + ".checks");
    ThinkTime think = spec.thinkTime() == null ? null : thinkTime(spec.thinkTime(), field + ".thinkTime");
    String group = spec.group() == null || spec.group().isBlank() ? null : spec.group().strip();
    if (invalid.size() != before || path == null || body == null) {
      return null;
    }
    return new ValidPlan.Step(PlanValidator.textOf(spec.name()), group, method, path, headers, body, probability,
        checks, think);
  }

  private Map<String, String> headers(@Nullable Map<String, @Nullable String> headers, String field) {
    Map<String, String> result = new LinkedHashMap<>();
    if (headers == null) {
      return result;
    }
    URI probe = URI.create("http://localhost/");
    headers.forEach((name, value) -> {
      if (value == null) {
        invalid.add(new FieldViolation(field + "." + name, "must not be null"));
        return;
      }
      try {
        // The JDK client refuses restricted (Host, Connection, ...) and malformed headers: find out now.
        HttpRequest.newBuilder(probe).header(name, value);
        result.put(name, value);
      } catch (IllegalArgumentException e) {
        invalid.add(new FieldViolation(field + "." + name, String.valueOf(e.getMessage())));
      }
    });
    return result;
  }

  private @Nullable Template template(@Nullable String text, String field, Set<String> variables, boolean required) {
    if (text == null || (required && text.isBlank())) {
      if (required) {
        invalid.add(new FieldViolation(field, "is required"));
      }
      return text == null ? null : Template.literal(text);
    }
    Template template;
    try {
      template = Template.parse(text);
    } catch (IllegalArgumentException e) {
      invalid.add(new FieldViolation(field, String.valueOf(e.getMessage())));
      return null;
    }
    for (String name : template.variables()) {
      if (!variables.contains(name)) {
        invalid.add(new FieldViolation(field, "uses ${" + name + "}, which neither the scenario's feeder nor the "
            + "built-ins " + Template.BUILT_INS + " define"));
        return null;
      }
    }
    return template;
  }

  private List<Check> checks(@Nullable List<@Nullable CheckSpec> specs, String field) {
    List<Check> checks = new ArrayList<>();
    if (specs == null) {
      return checks;
    }
    for (int i = 0; i < specs.size(); i++) {
      CheckSpec spec = specs.get(i);
      String f = field + "[" + i + "]";
      if (spec == null) {
        invalid.add(new FieldViolation(f, "must not be null"));
        continue;
      }
      int given = (spec.status() == null ? 0 : 1) + (spec.bodyContains() == null ? 0 : 1)
          + (spec.jsonPath() == null ? 0 : 1);
      if (given != 1) {
        invalid.add(new FieldViolation(f, "must have exactly one of status, bodyContains, jsonPath"));
        continue;
      }
      if (spec.equals() != null && spec.jsonPath() == null) {
        invalid.add(new FieldViolation(f + ".equals", "is only used with jsonPath"));
      }
      if (spec.status() != null) {
        Set<Integer> statuses = new HashSet<>();
        for (Integer status : spec.status()) {
          if (status == null || status < 100 || status > 599) {
            invalid.add(new FieldViolation(f + ".status", "must list HTTP statuses between 100 and 599"));
          } else {
            statuses.add(status);
          }
        }
        if (statuses.isEmpty()) {
          invalid.add(new FieldViolation(f + ".status", "must list at least one status"));
        }
        checks.add(new Check.Status(statuses));
      } else if (spec.bodyContains() != null) {
        if (spec.bodyContains().isEmpty()) {
          invalid.add(new FieldViolation(f + ".bodyContains", "must not be empty"));
        }
        checks.add(new Check.BodyContains(spec.bodyContains()));
      } else {
        String path = spec.jsonPath().strip();
        if (!JSON_PATH.matcher(path).matches()) {
          invalid.add(new FieldViolation(f + ".jsonPath", "must look like $.items[0].slug (fields and indexes only)"));
          continue;
        }
        checks.add(new Check.JsonPath(path, pointer(path), spec.equals()));
      }
    }
    return checks;
  }

  /** {@code $.items[0].slug} → {@code /items/0/slug}. */
  static String pointer(String jsonPath) {
    StringBuilder pointer = new StringBuilder();
    var m = JSON_PATH_PART.matcher(jsonPath.substring(1));
    while (m.find()) {
      pointer.append('/').append(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return pointer.toString();
  }

  private List<Threshold> thresholds(@Nullable List<@Nullable ThresholdSpec> specs, List<ValidPlan.Scenario> scenarios) {
    List<Threshold> thresholds = new ArrayList<>();
    if (specs == null) {
      return thresholds;
    }
    Set<String> endpoints = new HashSet<>();
    scenarios.forEach(s -> s.steps().forEach(step -> endpoints.add(step.endpoint())));
    for (int i = 0; i < specs.size(); i++) {
      ThresholdSpec spec = specs.get(i);
      String field = "thresholds[" + i + "]";
      if (spec == null || spec.threshold() == null) {
        invalid.add(new FieldViolation(spec == null ? field : field + ".threshold", "is required"));
        continue;
      }
      String endpoint = spec.endpoint() == null || spec.endpoint().isBlank() ? null : spec.endpoint().strip();
      if (endpoint != null && !endpoints.isEmpty() && !endpoints.contains(endpoint)) {
        invalid.add(new FieldViolation(field + ".endpoint", "'" + endpoint + "' is not the name of any step"));
      }
      long delay = spec.delayAbortEval() == null ? DEFAULT_DELAY_ABORT_EVAL_MS
          : millis(spec.delayAbortEval(), field + ".delayAbortEval", 0, Long.MAX_VALUE / 4);
      try {
        thresholds.add(Threshold.parse(spec.threshold(), endpoint, Boolean.TRUE.equals(spec.abortOnFail()), delay));
      } catch (IllegalArgumentException e) {
        invalid.add(new FieldViolation(field + ".threshold", String.valueOf(e.getMessage())));
      }
    }
    return thresholds;
  }

  private long millis(@Nullable String text, String field, long min, long max) {
    if (text == null) {
      invalid.add(new FieldViolation(field, "is required"));
      return min;
    }
    long ms;
    try {
      ms = DurationText.parseMillis(text);
    } catch (IllegalArgumentException e) {
      invalid.add(new FieldViolation(field, String.valueOf(e.getMessage())));
      return min;
    }
    if (ms < min || ms > max) {
      invalid.add(new FieldViolation(field, "must be between " + min + " ms and " + max + " ms"));
      return min;
    }
    return ms;
  }

  private long micros(String text, String field) {
    try {
      return DurationText.parseMicros(text);
    } catch (IllegalArgumentException e) {
      invalid.add(new FieldViolation(field, String.valueOf(e.getMessage())));
      return 1_000_000;
    }
  }
}
