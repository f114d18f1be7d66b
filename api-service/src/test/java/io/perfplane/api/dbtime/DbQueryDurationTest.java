package io.perfplane.api.dbtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.tenant.TenantsChanged;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

class DbQueryDurationTest extends ApiIntegrationTest {

  @Autowired
  MeterRegistry registry;
  @Autowired
  ApplicationEventPublisher events;

  @ParameterizedTest
  @CsvSource({
      "ccl-demo-key, /api/dashboards/engineering/overview, 200, true",
      "ccl-demo-key, /api/dashboards/engineering, 200, true",
      "ccl-demo-key, /api/dashboards, 200, true",
      "ccl-demo-key, /api/dashboards/nope/overview, 404, true",
      "wrong-key, /api/dashboards, 401, true",
      "ccl-demo-key, /api/dashboards?size=1000, 400, false"})
  void everyApiResponseReportsMillisecondsSpentInTheDatabase(String apiKey, String uri, int status,
      boolean queriesTheDatabase) {
    var headers = get(apiKey, uri)
        .expectStatus().isEqualTo(status)
        .returnResult().getResponseHeaders();
    String header = headers.getFirst(DbQueryDurationHeaderAdvice.HEADER);

    assertThat(header).matches("\\d+\\.\\d{3}");
    assertThat(headers.get(DbQueryDurationHeaderAdvice.SERVER_TIMING)).as("the same time, W3C Server-Timing")
        .containsExactly("db;dur=" + header);
    if (queriesTheDatabase) {
      // A handler ran its queries, or an unknown key was looked up (those are never cached): time was spent.
      assertThat(Double.parseDouble(header)).isPositive();
    }
  }

  @ParameterizedTest
  @CsvSource({"dashboard.overview.latest", "dashboard.overview.by-kind", "tenant.by-api-key"})
  void queriesAreRecordedInAHistogramTimer(String query) {
    // Forget resolved keys, so that this request looks its tenant up too.
    events.publishEvent(new TenantsChanged());
    Timer timer = registry.find(DbQueryTimer.METER).tag("query", query).timer();
    long before = timer == null ? 0 : timer.count();

    get(CANDY_CORN_KEY, "/api/dashboards/engineering/overview").expectStatus().isOk();

    timer = registry.get(DbQueryTimer.METER).tag("query", query).timer();
    assertThat(timer.count()).isEqualTo(before + 1);
    assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(timer.takeSnapshot().histogramCounts()).as("percentile histogram buckets").isNotEmpty();
  }
}
