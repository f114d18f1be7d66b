package io.perfplane.loadgen.plan;

import io.perfplane.contracts.net.TargetAllowList;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.perfplane.loadgen.plan.PlanRejectedException.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Checks a submitted {@link RunPlan} and turns it into a {@link ValidPlan}. Reports every problem at once, each
 * naming its field ({@code stages[1].durationMs}); a malformed plan is {@link Kind#INVALID}, a well-formed plan
 * beyond this generator's limits or allow-list is {@link Kind#NOT_ALLOWED}.
 */
public final class PlanValidator {

  static final long DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
  static final long MAX_REQUEST_TIMEOUT_MS = 300_000;
  static final long MAX_THINK_TIME_MS = 600_000;
  static final int MAX_STAGES = 1_000;
  static final int MAX_REQUESTS = 1_000;
  static final int MAX_TEXT = 200;

  // Run ids end up in Kafka keys, metric-free logs and URLs: keep them boring.
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  private final Limits limits;
  private final Supplier<String> runIdGenerator;

  /**
   * What this generator accepts.
   *
   * @param allowList targets it may hit
   * @param maxVus most virtual users any stage may target
   * @param maxDuration longest total plan duration
   * @param maxRatePerSecond highest total arrival rate of the open-model scenarios (iterations per second)
   */
  public record Limits(TargetAllowList allowList, int maxVus, Duration maxDuration, double maxRatePerSecond) {

    /** Limits with the default maximum rate, {@value #DEFAULT_MAX_RATE_PER_SECOND} iterations per second. */
    public Limits(TargetAllowList allowList, int maxVus, Duration maxDuration) {
      this(allowList, maxVus, maxDuration, DEFAULT_MAX_RATE_PER_SECOND);
    }
  }

  static final double DEFAULT_MAX_RATE_PER_SECOND = 50_000;

  public PlanValidator(Limits limits, Supplier<String> runIdGenerator) {
    this.limits = limits;
    this.runIdGenerator = runIdGenerator;
  }

  Limits limits() {
    return limits;
  }

  String generateRunId() {
    return runIdGenerator.get();
  }

  /**
   * Validates a test definition (YAML/JSON format).
   *
   * @throws PlanRejectedException naming every offending field
   */
  public ValidPlan validate(TestDefinition definition) {
    return new DefinitionValidator(this).validate(definition);
  }

  /**
   * Validates a legacy run plan; it becomes one closed-model scenario named after the plan, whose steps are the
   * requests in order with the plan's think time after each.
   *
   * @throws PlanRejectedException naming every offending field
   */
  public ValidPlan validate(RunPlan plan) {
    List<FieldViolation> invalid = new ArrayList<>();
    String runId = plan.runId();
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      invalid.add(new FieldViolation("runId", "must be 1-64 characters [A-Za-z0-9._-] starting with a letter or digit"));
    }
    requireText(plan.name(), "name", invalid);
    requireText(plan.targetService(), "targetService", invalid);
    String baseUrl = checkBaseUrl(plan.targetBaseUrl(), invalid);
    List<StageSchedule.Stage> stages = checkStages(plan.stages(), invalid);
    List<Checked> requests = checkRequests(plan.requests(), baseUrl, invalid);
    long thinkTimeMs = checkRange(plan.thinkTimeMs(), 0, 0, MAX_THINK_TIME_MS, "thinkTimeMs", invalid);
    long timeoutMs = checkRange(plan.requestTimeoutMs(), DEFAULT_REQUEST_TIMEOUT_MS, 1, MAX_REQUEST_TIMEOUT_MS,
        "requestTimeoutMs", invalid);
    if (!invalid.isEmpty()) {
      throw new PlanRejectedException(Kind.INVALID, invalid);
    }

    List<FieldViolation> notAllowed = new ArrayList<>();
    checkAllowed(baseUrl, notAllowed);
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).targetVus() > limits.maxVus()) {
        notAllowed.add(new FieldViolation("stages[" + i + "].targetVus", "must be <= " + limits.maxVus()
            + " (perfplane.loadgen.max-vus)"));
      }
    }
    long totalMs = stages.stream().mapToLong(StageSchedule.Stage::durationMs).reduce(0, PlanValidator::saturatedAdd);
    if (totalMs > limits.maxDuration().toMillis()) {
      notAllowed.add(new FieldViolation("stages", "total duration " + totalMs + " ms exceeds the maximum "
          + limits.maxDuration().toMillis() + " ms (perfplane.loadgen.max-duration)"));
    }
    if (!notAllowed.isEmpty()) {
      throw new PlanRejectedException(Kind.NOT_ALLOWED, notAllowed);
    }
    String name = textOf(plan.name());
    ThinkTime think = ThinkTime.constant(thinkTimeMs);
    List<ValidPlan.Step> steps = requests.stream().map(r -> new ValidPlan.Step(r.name(), null, r.method(),
        Template.literal(r.path()), literalHeaders(r.headers()), Template.literal(r.body()), 1.0, List.of(), null))
        .toList();
    ValidPlan.Scenario scenario = new ValidPlan.Scenario(name, 1.0,
        new Workload.RampingVus(new StageSchedule(stages)), steps, think, null);
    return new ValidPlan(runId != null ? runId : runIdGenerator.get(), name, textOf(plan.targetService()), baseUrl,
        List.of(scenario), List.of(), Duration.ofMillis(timeoutMs));
  }

  private static Map<String, Template> literalHeaders(Map<String, String> headers) {
    Map<String, Template> result = new LinkedHashMap<>();
    headers.forEach((k, v) -> result.put(k, Template.literal(v)));
    return result;
  }

  void checkAllowed(String baseUrl, List<FieldViolation> notAllowed) {
    if (!limits.allowList().allows(baseUrl)) {
      notAllowed.add(new FieldViolation("targetBaseUrl", "target " + TargetAllowList.authorityOf(baseUrl).orElse(baseUrl)
          + " is not in the allowed targets " + limits.allowList().patterns()
          + " (perfplane.loadgen.allowed-targets, env PERFPLANE_LOADGEN_ALLOWED_TARGETS)"));
    }
  }

  /** A checked legacy request; the path relative to the base URL. */
  private record Checked(String name, String method, String path, Map<String, String> headers, String body) {
  }

  static void requireText(@Nullable String value, String field, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      violations.add(new FieldViolation(field, "is required"));
    } else if (value.length() > MAX_TEXT) {
      violations.add(new FieldViolation(field, "must be at most " + MAX_TEXT + " characters"));
    }
  }

  static String textOf(@Nullable String value) {
    return value == null ? "" : value.strip();
  }

  /** The base URL without a trailing slash, or "" (with a violation) when unusable. */
  static String checkBaseUrl(@Nullable String url, List<FieldViolation> violations) {
    if (url == null || url.isBlank()) {
      violations.add(new FieldViolation("targetBaseUrl", "is required"));
      return "";
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      violations.add(new FieldViolation("targetBaseUrl", "is not a valid URL: " + e.getReason()));
      return "";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      violations.add(new FieldViolation("targetBaseUrl", "must be an absolute http:// or https:// URL with a host"));
    } else if (uri.getRawUserInfo() != null) {
      violations.add(new FieldViolation("targetBaseUrl", "must not contain user info ('user@')"));
    } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      violations.add(new FieldViolation("targetBaseUrl", "must not contain a query or fragment; put them in requests[].path"));
    }
    String base = uri.toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static List<StageSchedule.Stage> checkStages(@Nullable List<RunPlan.@Nullable Stage> stages,
      List<FieldViolation> violations) {
    if (stages == null || stages.isEmpty()) {
      violations.add(new FieldViolation("stages", "must contain at least one stage"));
      return List.of();
    }
    if (stages.size() > MAX_STAGES) {
      violations.add(new FieldViolation("stages", "must contain at most " + MAX_STAGES + " stages"));
      return List.of();
    }
    List<StageSchedule.Stage> result = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      RunPlan.Stage stage = stages.get(i);
      String field = "stages[" + i + "]";
      if (stage == null) {
        violations.add(new FieldViolation(field, "must not be null"));
        continue;
      }
      boolean ok = true;
      if (stage.durationMs() == null || stage.durationMs() <= 0) {
        violations.add(new FieldViolation(field + ".durationMs", stage.durationMs() == null ? "is required" : "must be > 0"));
        ok = false;
      }
      if (stage.targetVus() == null || stage.targetVus() < 0) {
        violations.add(new FieldViolation(field + ".targetVus", stage.targetVus() == null ? "is required" : "must be >= 0"));
        ok = false;
      }
      if (ok) {
        result.add(new StageSchedule.Stage(stage.durationMs(), stage.targetVus()));
      }
    }
    return result;
  }

  private static List<Checked> checkRequests(@Nullable List<RunPlan.@Nullable Request> requests,
      String baseUrl, List<FieldViolation> violations) {
    if (requests == null || requests.isEmpty()) {
      violations.add(new FieldViolation("requests", "must contain at least one request"));
      return List.of();
    }
    if (requests.size() > MAX_REQUESTS) {
      violations.add(new FieldViolation("requests", "must contain at most " + MAX_REQUESTS + " requests"));
      return List.of();
    }
    Optional<String> baseAuthority = TargetAllowList.authorityOf(baseUrl);
    List<Checked> result = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      RunPlan.Request request = requests.get(i);
      String field = "requests[" + i + "]";
      if (request == null) {
        violations.add(new FieldViolation(field, "must not be null"));
        continue;
      }
      int before = violations.size();
      requireText(request.name(), field + ".name", violations);
      String method = request.method() == null ? "GET" : request.method().strip().toUpperCase(Locale.ROOT);
      if (!METHOD.matcher(method).matches() || method.equals("CONNECT")) {
        violations.add(new FieldViolation(field + ".method", "must be an HTTP method such as GET or POST"));
      }
      URI uri = checkPath(request.path(), baseUrl, baseAuthority, field + ".path", violations);
      Map<String, @Nullable String> submitted = request.headers() == null ? Map.of() : request.headers();
      Map<String, String> headers = new LinkedHashMap<>();
      if (uri != null) {
        for (Map.Entry<String, @Nullable String> header : submitted.entrySet()) {
          if (header.getValue() == null) {
            violations.add(new FieldViolation(field + ".headers." + header.getKey(), "must not be null"));
            continue;
          }
          try {
            // The JDK client refuses restricted (Host, Connection, ...) and malformed headers: find out now, not per request.
            HttpRequest.newBuilder(uri).header(header.getKey(), header.getValue());
            headers.put(header.getKey(), header.getValue());
          } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field + ".headers." + header.getKey(), e.getMessage()));
          }
        }
      }
      if (violations.size() == before && uri != null) {
        result.add(new Checked(textOf(request.name()), method, request.path(), headers,
            request.body() == null ? "" : request.body()));
      }
    }
    return result;
  }

  static @Nullable URI checkPath(@Nullable String path, String baseUrl, Optional<String> baseAuthority,
      String field, List<FieldViolation> violations) {
    if (path == null || path.isBlank()) {
      violations.add(new FieldViolation(field, "is required"));
      return null;
    }
    // Paths are appended to the base URL as text; '//' would make the rest read as an authority elsewhere.
    if (!path.startsWith("/") || path.startsWith("//")) {
      violations.add(new FieldViolation(field, "must start with a single '/'"));
      return null;
    }
    if (baseAuthority.isEmpty()) {
      return null; // targetBaseUrl already reported
    }
    URI uri;
    try {
      uri = new URI(baseUrl + path);
    } catch (URISyntaxException e) {
      violations.add(new FieldViolation(field, "is not a valid URL path: " + e.getReason()));
      return null;
    }
    if (!TargetAllowList.authorityOf(uri.toString()).equals(baseAuthority)) {
      violations.add(new FieldViolation(field, "must stay on the target host " + baseAuthority.get()));
      return null;
    }
    return uri;
  }

  static long checkRange(@Nullable Long value, long defaultValue, long min, long max, String field,
      List<FieldViolation> violations) {
    if (value == null) {
      return defaultValue;
    }
    if (value < min || value > max) {
      violations.add(new FieldViolation(field, "must be between " + min + " and " + max));
      return defaultValue;
    }
    return value;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
