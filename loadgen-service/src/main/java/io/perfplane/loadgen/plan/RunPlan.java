package io.perfplane.loadgen.plan;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A run plan as submitted to {@code POST /runs}. Every field is nullable here so that {@link PlanValidator} can
 * name each missing or invalid field; {@link ValidPlan} is the checked, executable form.
 *
 * @param runId run id; generated when absent
 * @param name test name, published as the samples' scenario
 * @param targetService name of the system under test
 * @param targetBaseUrl absolute http(s) URL the request paths are appended to; must match the allow-list
 * @param stages ramping-VU stages, run in order
 * @param requests requests each virtual user sends round robin
 * @param thinkTimeMs pause after each request of a virtual user (ms); default 0
 * @param requestTimeoutMs per-request timeout (ms), connect included; default 5000
 */
public record RunPlan(@Nullable String runId, @Nullable String name, @Nullable String targetService,
    @Nullable String targetBaseUrl, @Nullable List<@Nullable Stage> stages,
    @Nullable List<@Nullable Request> requests, @Nullable Long thinkTimeMs, @Nullable Long requestTimeoutMs) {

  /**
   * One ramping stage.
   *
   * @param durationMs stage duration (ms)
   * @param targetVus virtual users at the end of the stage
   */
  public record Stage(@Nullable Long durationMs, @Nullable Integer targetVus) {
  }

  /**
   * One request template.
   *
   * @param name stable endpoint label, e.g. {@code GET /api/dashboards/{slug}/overview} (never a raw URL with ids)
   * @param method HTTP method; default GET
   * @param path path (and query) appended to the target base URL; starts with '/'
   * @param headers request headers
   * @param body request body (UTF-8), if any
   */
  public record Request(@Nullable String name, @Nullable String method, @Nullable String path,
      @Nullable Map<String, @Nullable String> headers, @Nullable String body) {
  }
}
