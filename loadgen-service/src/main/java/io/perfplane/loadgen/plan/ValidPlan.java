package io.perfplane.loadgen.plan;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A checked plan, ready to execute: defaults applied, request URIs resolved against the base URL.
 *
 * @param runId run id
 * @param name test name (the samples' scenario)
 * @param targetService system under test
 * @param targetBaseUrl base URL as submitted
 * @param schedule ramping-VU load shape
 * @param requests requests each VU sends round robin, never empty
 * @param thinkTime pause after each request of a VU
 * @param requestTimeout per-request timeout
 */
public record ValidPlan(String runId, String name, String targetService, String targetBaseUrl,
    StageSchedule schedule, List<PlannedRequest> requests, Duration thinkTime, Duration requestTimeout) {

  public ValidPlan {
    requests = List.copyOf(requests);
  }

  /**
   * One executable request.
   *
   * @param name endpoint label
   * @param method upper-case HTTP method
   * @param uri absolute URI
   * @param headers headers to send
   * @param body request body, UTF-8 encoded when sent; empty for none
   */
  public record PlannedRequest(String name, String method, URI uri, Map<String, String> headers, String body) {

    public PlannedRequest {
      headers = Map.copyOf(headers);
    }
  }
}
