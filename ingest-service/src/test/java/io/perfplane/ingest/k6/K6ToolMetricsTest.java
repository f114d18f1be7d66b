package io.perfplane.ingest.k6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.perfplane.contracts.MeasurementKind;
import io.perfplane.ingest.format.CheckCount;
import io.perfplane.ingest.format.CollectingSink;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.SampleRules;
import org.junit.jupiter.api.Test;

/** k6 custom metrics, web vitals and checks mapped onto the requests they belong to (issue #21, ADR 0007). */
class K6ToolMetricsTest {

  private static final String[] ENDPOINTS = {"GET /", "GET /api/items"};
  private static final String DECLARATIONS = declare("http_reqs", "counter", "default")
      + declare("http_req_duration", "trend", "time") + declare("http_req_waiting", "trend", "time")
      + declare("http_req_failed", "rate", "default") + declare("db_query_duration", "trend", "time")
      + declare("browser_web_vital_lcp", "trend", "time") + declare("browser_web_vital_cls", "trend", "default")
      + declare("checks", "rate", "default") + declare("rows_returned", "trend", "default")
      + declare("orders", "counter", "default") + declare("vus", "gauge", "default");

  private final K6NdjsonReader reader = new K6NdjsonReader(65_536);

  /**
   * The acceptance case: a generated file with known values, two VUs interleaved (each VU's tool points come after
   * the other VU's next request), db_query_duration on every request, LCP and CLS on page requests, two checks per
   * request. Every value lands on its own request: exact counts, exact values, exact checks rate.
   */
  @Test
  void generatedRunMapsEveryToolPointOntoItsRequestExactly() {
    Random random = new Random(21);
    int requests = 4_000;
    StringBuilder file = new StringBuilder(DECLARATIONS);
    Map<String, List<Double>> dbUsByEndpoint = new HashMap<>();
    List<Double> lcpUs = new ArrayList<>();
    List<Double> cls = new ArrayList<>();
    long passed = 0;
    long failed = 0;
    String pendingTools = "";
    for (int i = 0; i < requests; i++) {
      String endpoint = ENDPOINTS[i % 2];
      String tags = requestTags(endpoint, "vu" + (i % 2));
      String time = "2026-11-20T10:00:%02d.%06dZ".formatted(i / 1000, (i % 1000) * 1000);
      file.append(point("http_reqs", time, 1, tags)).append(point("http_req_duration", time, 40.5, tags))
          .append(point("http_req_waiting", time, 30.25, tags)).append(point("http_req_failed", time, 0, tags));
      file.append(pendingTools);
      // The script's own points: db time from the X-Db-Query-Duration header, tagged with the request's name.
      long dbMicros = 1 + Math.round(Math.exp(8 + random.nextGaussian()));
      dbUsByEndpoint.computeIfAbsent(endpoint, e -> new ArrayList<>()).add((double) dbMicros);
      String later = "2026-11-20T10:00:%02d.%06dZ".formatted(i / 1000, (i % 1000) * 1000 + 7);
      String toolTags = "{\"name\":\"%s\",\"scenario\":\"default\",\"group\":\"\"}".formatted(endpoint);
      StringBuilder tools = new StringBuilder(point("db_query_duration", later, dbMicros / 1000.0, toolTags));
      if (endpoint.equals("GET /")) {
        long lcp = 800_000 + random.nextInt(2_000_000);
        double shift = random.nextInt(300) / 1000.0;
        lcpUs.add((double) lcp);
        cls.add(shift);
        String vitalTags = "{\"url\":\"https://shop.example/\",\"rating\":\"good\",\"scenario\":\"default\"}";
        tools.append(point("browser_web_vital_lcp", later, lcp / 1000.0, vitalTags))
            .append(point("browser_web_vital_cls", later, shift, vitalTags));
      }
      for (String check : List.of("status is 200", "body has items")) {
        boolean pass = random.nextInt(40) != 0;
        passed += pass ? 1 : 0;
        failed += pass ? 0 : 1;
        String checkTags = "{\"check\":\"%s\",\"name\":\"%s\",\"scenario\":\"default\",\"group\":\"\"}"
            .formatted(check, endpoint);
        tools.append(point("checks", later, pass ? 1 : 0, checkTags));
      }
      pendingTools = tools.toString();
    }
    file.append(pendingTools);

    CollectingSink sink = CollectingSink.read(reader, file.toString());

    assertThat(sink.errors).isEmpty();
    List<NativeSample> samples = sink.sampleList();
    assertThat(samples).hasSize(requests);
    assertThat(sink.ignored).as("only the Metric lines").isEqualTo(11);
    for (String endpoint : ENDPOINTS) {
      double[] got = samples.stream().filter(s -> s.endpoint().equals(endpoint))
          .mapToDouble(s -> value(s, "custom.db_query_duration", MeasurementKind.DURATION_US)).toArray();
      double[] want = dbUsByEndpoint.get(endpoint).stream().mapToDouble(Double::doubleValue).toArray();
      assertThat(got).hasSize(want.length);
      for (int i = 0; i < want.length; i++) {
        assertThat(got[i]).as("%s request %d db µs", endpoint, i).isCloseTo(want[i], within(1e-6));
      }
      for (double quantile : new double[] {0.5, 0.95, 0.99}) {
        assertThat(percentile(got, quantile)).isCloseTo(percentile(want, quantile),
            within(percentile(want, quantile) * 0.001));
      }
    }
    List<NativeSample> pages = samples.stream().filter(s -> s.endpoint().equals("GET /")).toList();
    assertThat(pages).extracting(s -> value(s, "web_vital.lcp", MeasurementKind.DURATION_US))
        .usingComparatorForType((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b), Double.class)
        .containsExactlyElementsOf(lcpUs);
    assertThat(pages).extracting(s -> value(s, "web_vital.cls", MeasurementKind.SCORE))
        .containsExactlyElementsOf(cls);
    assertThat(samples.stream().filter(s -> s.endpoint().equals("GET /api/items")))
        .allSatisfy(s -> assertThat(s.measurements()).extracting(Measurement::name)
            .containsExactly("custom.db_query_duration"));
    assertThat(samples).allSatisfy(s -> assertThat(s.checks()).extracting(CheckCount::name)
        .containsExactly("status is 200", "body has items"));
    long gotPassed = samples.stream().flatMap(s -> s.checks().stream()).mapToLong(CheckCount::passed).sum();
    long gotFailed = samples.stream().flatMap(s -> s.checks().stream()).mapToLong(CheckCount::failed).sum();
    assertThat(gotFailed).isPositive();
    assertThat(gotPassed).isEqualTo(passed);
    assertThat(gotFailed).isEqualTo(failed);
  }

  @Test
  void untaggedChecksCountOnTheNewestRequestOfTheirScenarioAndRepeatsAddUp() {
    String tags = requestTags("GET /a", null);
    String time = "2026-11-20T10:00:00.5Z";
    String check = "{\"check\":\"status is 200\",\"group\":\"\",\"scenario\":\"default\"}";
    String other = "{\"check\":\"status is 200\",\"group\":\"\",\"scenario\":\"other\"}";
    String file = DECLARATIONS + point("http_req_duration", time, 5, tags) + point("checks", time, 1, check)
        + point("checks", time, 0, check) + point("checks", time, 1, other);

    CollectingSink sink = CollectingSink.read(reader, file);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).singleElement()
        .satisfies(s -> assertThat(s.checks()).containsExactly(new CheckCount("status is 200", 1, 1)));
    assertThat(sink.ignored).as("11 Metric lines and the check of a scenario without requests").isEqualTo(12);
  }

  @Test
  void untaggedTrendPointsAttachToTheNewestRequestOfTheirFlowThatLacksTheMeasurement() {
    String first = "2026-11-20T10:00:00.5Z";
    String second = "2026-11-20T10:00:00.6Z";
    String untagged = "{\"scenario\":\"default\",\"group\":\"\"}";
    String file = DECLARATIONS + point("http_req_duration", first, 5, requestTags("GET /a", null))
        + point("http_req_duration", second, 6, requestTags("GET /b", null))
        + point("db_query_duration", second, 3, untagged) // seed 002's dbQueryDuration.add(v): the newest request
        + point("db_query_duration", second, 4, untagged) // GET /b has one: the next newest
        + point("db_query_duration", second, 5, untagged); // both have one: no request left

    CollectingSink sink = CollectingSink.read(reader, file);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).extracting(s -> s.endpoint() + " " + s.measurements()).containsExactly(
        "GET /a " + List.of(new Measurement("custom.db_query_duration", 4000, MeasurementKind.DURATION_US)),
        "GET /b " + List.of(new Measurement("custom.db_query_duration", 3000, MeasurementKind.DURATION_US)));
    assertThat(sink.ignored).as("11 Metric lines and the third point").isEqualTo(12);
  }

  @Test
  void pointsOfNoRequestAreIgnoredNotInventedAsRequests() {
    String tags = requestTags("GET /a", null);
    String time = "2026-11-20T10:00:00.5Z";
    String untagged = "{\"scenario\":\"default\",\"group\":\"\"}";
    String named = "{\"name\":\"GET /a\",\"scenario\":\"default\"}";
    String file = DECLARATIONS + point("http_req_duration", time, 5, tags)
        + point("db_query_duration", time, 3, untagged.replace("default", "other")) // no request of its flow
        + point("orders", time, 1, named) // a Counter
        + point("vus", time, 10, untagged) // a Gauge
        + point("undeclared_trend", time, 1, named) // no Metric line: type unknown
        + point("db_query_duration", time, 2, named.replace("GET /a", "GET /b")) // another endpoint's name
        + point("rows_returned", time, 17, named) // a Trend of counts: SCORE, as written
        + point("db_query_duration", time, 1.5, named)
        + point("db_query_duration", time, 9, named); // the request has it already

    CollectingSink sink = CollectingSink.read(reader, file);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).singleElement().satisfies(s -> assertThat(s.measurements()).containsExactly(
        new Measurement("custom.rows_returned", 17, MeasurementKind.SCORE),
        new Measurement("custom.db_query_duration", 1500, MeasurementKind.DURATION_US)));
    assertThat(sink.ignored).isEqualTo(11 + 6);
  }

  @Test
  void aPointOlderThanTheWindowIsIgnoredAndSamplesKeepFileOrder() {
    StringBuilder file = new StringBuilder(DECLARATIONS);
    for (int i = 0; i <= K6NdjsonReader.WINDOW; i++) {
      String time = "2026-11-20T10:00:00.%06dZ".formatted(i);
      file.append(point("http_req_duration", time, i + 1, requestTags("GET /" + i, null)));
    }
    file.append(point("db_query_duration", "2026-11-20T10:00:01Z", 1, "{\"name\":\"GET /0\"}"))
        .append(point("db_query_duration", "2026-11-20T10:00:01Z", 2, "{\"name\":\"GET /1\"}"));

    CollectingSink sink = CollectingSink.read(reader, file.toString());

    List<NativeSample> samples = sink.sampleList();
    assertThat(samples).extracting(NativeSample::latencyUs).isSorted().hasSize(K6NdjsonReader.WINDOW + 1);
    assertThat(samples.get(0).measurements()).isEmpty();
    assertThat(samples.get(1).measurements()).extracting(Measurement::value).containsExactly(2000.0);
    assertThat(sink.ignored).isEqualTo(11 + 1);
  }

  @Test
  void badToolPointsAreRejectedByField() {
    String time = "2026-11-20T10:00:00.5Z";
    String file = DECLARATIONS + point("http_req_duration", time, 5, requestTags("GET /a", null))
        + point("db_query_duration", time, -1, "{\"name\":\"GET /a\"}")
        + point("checks", time, 1, "{\"scenario\":\"default\"}");

    CollectingSink sink = CollectingSink.read(reader, file);

    assertThat(sink.errorKeys()).containsExactly("13:db_query_duration", "14:data.tags.check");
    assertThat(sink.sampleList()).singleElement().satisfies(s -> assertThat(s.measurements()).isEmpty());
  }

  @Test
  void checkNamesBeyondTheSampleLimitAreIgnoredNotTheRequest() {
    String time = "2026-11-20T10:00:00.5Z";
    StringBuilder file = new StringBuilder(DECLARATIONS)
        .append(point("http_req_duration", time, 5, requestTags("GET /a", null)));
    for (int i = 0; i <= SampleRules.MAX_NAMED_PER_SAMPLE; i++) {
      file.append(point("checks", time, 1, "{\"check\":\"c" + i + "\",\"name\":\"GET /a\"}"));
    }
    file.append(point("checks", time, 0, "{\"check\":\"c0\",\"name\":\"GET /a\"}"));

    CollectingSink sink = CollectingSink.read(reader, file.toString());

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).singleElement().satisfies(s -> {
      assertThat(s.checks()).hasSize(SampleRules.MAX_NAMED_PER_SAMPLE);
      assertThat(s.checks().get(0)).isEqualTo(new CheckCount("c0", 1, 1));
    });
    assertThat(sink.ignored).isEqualTo(11 + 1);
  }

  private static double value(NativeSample sample, String name, MeasurementKind kind) {
    Measurement found = sample.measurements().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(sample.endpoint() + " has no " + name + ": " + sample.measurements()));
    assertThat(found.kind()).isEqualTo(kind);
    return found.value();
  }

  /** Nearest-rank percentile. */
  private static double percentile(double[] values, double quantile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
  }

  private static String requestTags(String endpoint, String vu) {
    return ("{\"expected_response\":\"true\",\"group\":\"\",\"method\":\"GET\",\"name\":\"%s\",\"scenario\":"
        + "\"default\",\"status\":\"200\",\"url\":\"https://shop.example%s\"%s}").formatted(endpoint,
        endpoint.substring(4), vu == null ? "" : ",\"vu\":\"" + vu + "\"");
  }

  private static String point(String metric, String time, double value, String tags) {
    return "{\"type\":\"Point\",\"metric\":\"%s\",\"data\":{\"time\":\"%s\",\"value\":%s,\"tags\":%s}}\n"
        .formatted(metric, time, value, tags);
  }

  private static String declare(String metric, String type, String contains) {
    return ("{\"type\":\"Metric\",\"data\":{\"name\":\"%s\",\"type\":\"%s\",\"contains\":\"%s\",\"thresholds\":[],"
        + "\"submetrics\":null},\"metric\":\"%s\"}\n").formatted(metric, type, contains, metric);
  }
}
