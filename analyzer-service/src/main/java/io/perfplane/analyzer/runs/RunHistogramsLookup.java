package io.perfplane.analyzer.runs;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's histograms document for other features (baselines), wherever the run lives: read from this instance's
 * stores, or asked of the instance that owns the run ({@code GET /runs/{runId}/histograms} there, with the caller's
 * credential: with several instances that credential needs {@code runs:read} too).
 */
@Component
public final class RunHistogramsLookup {

  private final RunReports reports;
  private final RunRouter router;
  private final JsonMapper json;

  RunHistogramsLookup(RunReports reports, RunRouter router, JsonMapper json) {
    this.reports = reports;
    this.router = router;
    this.json = json;
  }

  /**
   * The run's histograms.
   *
   * @param authorization the caller's {@code Authorization} header, passed on to the owning instance if another
   * @return empty for an unknown run
   * @throws IOException when the owning instance does not answer, or answers anything but 200 or 404
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the stores are not queryable
   */
  public Optional<RunHistograms> find(String runId, @Nullable String authorization) throws IOException {
    Optional<HostInfo> owner = router.remoteOwner(runId);
    if (owner.isEmpty()) {
      return reports.histograms(runId);
    }
    HttpResponse<byte[]> response = router.get(owner.get(),
        "/runs/" + UriUtils.encodePathSegment(runId, StandardCharsets.UTF_8) + "/histograms", authorization);
    return switch (response.statusCode()) {
      case 200 -> Optional.of(json.readValue(response.body(), RunHistograms.class));
      case 404 -> Optional.empty();
      default -> throw new IOException("the analyzer instance owning run '" + runId + "' (" + owner.get()
          + ") answered " + response.statusCode() + " for its histograms");
    };
  }
}
