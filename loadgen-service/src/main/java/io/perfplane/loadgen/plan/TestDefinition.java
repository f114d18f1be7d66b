package io.perfplane.loadgen.plan;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A test definition as written in YAML or JSON (see docs/loadgen-service.md for the format). Every field is
 * nullable so that {@link DefinitionValidator} can name each missing or invalid one. Durations are text such as
 * {@code 500ms}, {@code 30s}, {@code 2m} (a bare number is milliseconds).
 *
 * @param runId run id; generated when absent
 * @param name test name
 * @param targetService name of the system under test
 * @param targetBaseUrl absolute http(s) URL the step paths are appended to; must match the allow-list
 * @param requestTimeout per-request timeout; default 5s
 * @param defaults headers and think time every scenario inherits
 * @param workload load model shared by the scenarios without their own, split by weight
 * @param scenarios scenarios, run concurrently
 * @param thresholds pass/fail criteria
 * @param slos SLOs as code ({@code id}, {@code objective}, optional {@code endpoint}, {@code window},
 *     {@code minRequests}, {@code abortOnFail}): checked in shape here and carried on the run's STARTED event
 *     (attribute {@code slos}); the launcher reads them with file/line/field errors and holds the run to them
 * @param http the HTTP client's protocol version and TLS settings; default {@code version: auto}
 * @param serverTimings what to capture as {@code server_timing.<name>} measurements: absent or {@code true} the
 *     {@code Server-Timing} header; {@code false} nothing; a list of {@code {header, name, unit}} the
 *     {@code Server-Timing} header plus those headers ({@link TimingCapture})
 */
public record TestDefinition(@Nullable String runId, @Nullable String name, @Nullable String targetService,
    @Nullable String targetBaseUrl, @Nullable String requestTimeout, @Nullable Defaults defaults,
    @Nullable WorkloadSpec workload, @Nullable List<@Nullable ScenarioSpec> scenarios,
    @Nullable List<@Nullable ThresholdSpec> thresholds, @Nullable List<@Nullable Map<String, @Nullable Object>> slos,
    @Nullable HttpSpec http, @Nullable Object serverTimings) {

  /** A definition without {@code http:} and {@code serverTimings:} (defaults: HTTP version auto, Server-Timing). */
  public TestDefinition(@Nullable String runId, @Nullable String name, @Nullable String targetService,
      @Nullable String targetBaseUrl, @Nullable String requestTimeout, @Nullable Defaults defaults,
      @Nullable WorkloadSpec workload, @Nullable List<@Nullable ScenarioSpec> scenarios,
      @Nullable List<@Nullable ThresholdSpec> thresholds, @Nullable List<@Nullable Map<String, @Nullable Object>> slos) {
    this(runId, name, targetService, targetBaseUrl, requestTimeout, defaults, workload, scenarios, thresholds, slos,
        null, null);
  }

  /**
   * The HTTP client of the run ({@code http:}); see docs/loadgen-service.md.
   *
   * @param version {@code auto} (default: HTTP/1.1 for http://, ALPN h2 or http/1.1 for https://), {@code 1.1} or
   *     {@code 2} (h2 over TLS via ALPN, h2c with prior knowledge on http://)
   * @param insecureSkipVerify accept any server certificate and host name; default false
   * @param clientCertificate a PKCS#12 key store presented to servers that ask for a client certificate
   * @param maxConnections HTTP/2: most connections to the target, shared by all virtual users; default
   *     {@value HttpSettings#DEFAULT_MAX_CONNECTIONS}
   */
  public record HttpSpec(@Nullable String version, @Nullable Boolean insecureSkipVerify,
      @Nullable ClientCertificateSpec clientCertificate, @Nullable Integer maxConnections) {
  }

  /**
   * A client certificate: a PKCS#12 file, its password from an environment variable or a file (never inline).
   *
   * @param keystore path of the PKCS#12 file on the generator
   * @param passwordEnv name of the environment variable holding the password
   * @param passwordFile path of a file holding the password (trailing line break ignored)
   */
  public record ClientCertificateSpec(@Nullable String keystore, @Nullable String passwordEnv,
      @Nullable String passwordFile) {
  }

  /**
   * Inherited settings.
   *
   * @param headers headers sent with every step (a step's own header of the same name wins)
   * @param thinkTime think time of scenarios without their own
   */
  public record Defaults(@Nullable Map<String, @Nullable String> headers, @Nullable ThinkTimeSpec thinkTime) {
  }

  /**
   * A load model.
   *
   * @param executor {@code ramping-vus}, {@code constant-arrival-rate} or {@code ramping-arrival-rate}
   * @param stages ramping stages (ramping-vus: target VUs; ramping-arrival-rate: target rate per time unit)
   * @param rate constant-arrival-rate: iterations per time unit
   * @param startRate ramping-arrival-rate: rate before the first stage; default 0
   * @param timeUnit the rates' time unit; default 1s
   * @param duration constant-arrival-rate: how long
   * @param maxConcurrency arrival-rate models: most iterations in flight (k6 maxVUs); beyond it iterations drop
   */
  public record WorkloadSpec(@Nullable String executor, @Nullable List<@Nullable StageSpec> stages,
      @Nullable Double rate, @Nullable Double startRate, @Nullable String timeUnit, @Nullable String duration,
      @Nullable Integer maxConcurrency) {
  }

  /**
   * A ramping stage.
   *
   * @param duration stage duration
   * @param target VUs (ramping-vus) or rate per time unit (ramping-arrival-rate) at the end of the stage
   */
  public record StageSpec(@Nullable String duration, @Nullable Double target) {
  }

  /**
   * A think time: {@code {constant: 1s}}, {@code {uniform: {min: 1s, max: 6s}}} or {@code {exponential: 2s}}.
   *
   * @param constant a fixed pause
   * @param uniform a pause drawn uniformly between bounds
   * @param exponential the mean of an exponentially distributed pause
   */
  public record ThinkTimeSpec(@Nullable String constant, @Nullable Range uniform, @Nullable String exponential) {
  }

  /**
   * Bounds.
   *
   * @param min lower bound
   * @param max upper bound
   */
  public record Range(@Nullable String min, @Nullable String max) {
  }

  /**
   * A scenario.
   *
   * @param name scenario name
   * @param weight relative share of the shared workload; default 1
   * @param workload the scenario's own load model; when absent, its share of the top-level one
   * @param thinkTime pause after each step; default the defaults' think time, else none
   * @param feeder test data
   * @param steps the requests of one iteration
   * @param onStart requests a virtual user sends once before its first iteration (closed model), or each iteration
   *     before its steps (open model), e.g. a login whose token the steps reuse; retried at the next iteration while
   *     one of them fails
   * @param cookies whether each virtual user keeps a cookie jar; default true
   */
  public record ScenarioSpec(@Nullable String name, @Nullable Double weight, @Nullable WorkloadSpec workload,
      @Nullable ThinkTimeSpec thinkTime, @Nullable FeederSpec feeder, @Nullable List<@Nullable StepSpec> steps,
      @Nullable List<@Nullable StepSpec> onStart, @Nullable Boolean cookies) {

    /** A scenario without onStart steps and with the default cookie jar. */
    public ScenarioSpec(@Nullable String name, @Nullable Double weight, @Nullable WorkloadSpec workload,
        @Nullable ThinkTimeSpec thinkTime, @Nullable FeederSpec feeder, @Nullable List<@Nullable StepSpec> steps) {
      this(name, weight, workload, thinkTime, feeder, steps, null, null);
    }
  }

  /**
   * Test data: CSV text with a header line, or inline rows.
   *
   * @param csv CSV with a header line naming the variables
   * @param rows inline rows, variable name to value
   * @param strategy {@code sequential} (default) or {@code random}
   */
  public record FeederSpec(@Nullable String csv, @Nullable List<@Nullable Map<String, @Nullable String>> rows,
      @Nullable String strategy) {
  }

  /**
   * One request.
   *
   * @param name endpoint label, e.g. {@code GET /api/dashboards/{slug}}
   * @param group group tag
   * @param method HTTP method; default GET
   * @param path path template starting with '/'
   * @param headers header templates
   * @param body body template
   * @param probability chance (0, 1] the step runs; default 1
   * @param checks response assertions
   * @param thinkTime pause after this step instead of the scenario's
   * @param extract values captured from the response into the virtual user's variables
   */
  public record StepSpec(@Nullable String name, @Nullable String group, @Nullable String method,
      @Nullable String path, @Nullable Map<String, @Nullable String> headers, @Nullable String body,
      @Nullable Double probability, @Nullable List<@Nullable CheckSpec> checks, @Nullable ThinkTimeSpec thinkTime,
      @Nullable List<@Nullable ExtractSpec> extract) {

    /** A step that extracts nothing. */
    public StepSpec(@Nullable String name, @Nullable String group, @Nullable String method, @Nullable String path,
        @Nullable Map<String, @Nullable String> headers, @Nullable String body, @Nullable Double probability,
        @Nullable List<@Nullable CheckSpec> checks, @Nullable ThinkTimeSpec thinkTime) {
      this(name, group, method, path, headers, body, probability, checks, thinkTime, null);
    }
  }

  /**
   * One value captured from a response into a per-virtual-user variable; exactly one of jsonPath, regex, header.
   *
   * @param name the variable, used as {@code ${name}} by later requests
   * @param jsonPath a path such as {@code $.token} (the subset checks accept)
   * @param regex a regular expression with a group; the first match's first group is the value
   * @param header a response header name (case-insensitive); its first value
   */
  public record ExtractSpec(@Nullable String name, @Nullable String jsonPath, @Nullable String regex,
      @Nullable String header) {
  }

  /**
   * One assertion; exactly one of status, bodyContains, jsonPath.
   *
   * @param status accepted statuses
   * @param bodyContains expected body substring
   * @param jsonPath a path such as {@code $.items[0].slug}
   * @param equals with jsonPath: the expected value as text
   */
  public record CheckSpec(@Nullable List<@Nullable Integer> status, @Nullable String bodyContains,
      @Nullable String jsonPath, @Nullable String equals) {
  }

  /**
   * A threshold.
   *
   * @param threshold expression, e.g. {@code p(95) < 500ms}
   * @param endpoint restrict to one endpoint label; absent for all samples
   * @param abortOnFail abort the run when it fails; default false
   * @param delayAbortEval no abort before this much of the run has passed; default 10s
   */
  public record ThresholdSpec(@Nullable String threshold, @Nullable String endpoint, @Nullable Boolean abortOnFail,
      @Nullable String delayAbortEval) {
  }
}
