package io.perfplane.ingest.k6;

import static io.perfplane.ingest.format.CollectingSink.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.ingest.format.CheckCount;
import io.perfplane.ingest.format.CollectingSink;
import io.perfplane.ingest.format.NativeSample;
import org.junit.jupiter.api.Test;

class K6NdjsonReaderTest {

  /** 2026-11-20T10:00:00Z in µs. */
  private static final long T0 = 1_795_168_800_000_000L;

  private final K6NdjsonReader reader = new K6NdjsonReader(65_536);

  @Test
  void fixtureBecomesOneSamplePerRequestWithNonHttpLinesIgnored() {
    CollectingSink sink = CollectingSink.read(reader, fixture("k6-results.ndjson"));

    assertThat(sink.errors).isEmpty();
    // 13 Metric lines + 3 points of no request (vus, data_sent, iteration_duration); the untagged checks point
    // counts on the newest request of its scenario and group, the cart request.
    assertThat(sink.ignored).isEqualTo(16);
    List<NativeSample> samples = sink.sampleList();
    assertThat(samples).extracting(NativeSample::latencyUs).containsExactly(12_345L, 101_500L, 3_500L, 30_000_000L,
        7_000L);
    NativeSample first = samples.get(0);
    assertThat(first.endpoint()).isEqualTo("https://shop.example/items/{id}");
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.scenario()).isEqualTo("browse");
    assertThat(first.ttfbUs()).isEqualTo(11_200L);
    // time is the request's end (+01:00, ns truncated to µs); the start is that minus http_req_duration.
    assertThat(first.startUs()).isEqualTo(T0 + 245_123 - 12_345);
    assertThat(first.errorKind()).isEqualTo(ErrorKind.NONE);
    assertThat(first.tags()).isEqualTo(Map.of("expected_response", "true"));

    NativeSample cart = samples.get(1);
    assertThat(cart.method()).isEqualTo("POST");
    assertThat(cart.status()).isEqualTo(500);
    assertThat(cart.errorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(cart.tags()).containsEntry("group", "::checkout");
    assertThat(cart.scenario()).isEqualTo("checkout");
    assertThat(cart.checks()).containsExactly(new CheckCount("status is 200", 0, 1));
    assertThat(first.checks()).isEmpty();
    assertThat(first.measurements()).isEmpty();
    // An expected 404 (http_req_failed 0) is a success.
    assertThat(samples.get(2).errorKind()).isEqualTo(ErrorKind.NONE);
    assertThat(samples.get(2).status()).isEqualTo(404);
    // No response, k6 error code 1050: a timeout.
    assertThat(samples.get(3).status()).isZero();
    assertThat(samples.get(3).errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(samples.get(3).tags()).containsEntry("error_code", "1050");
    assertThat(sink.samples.get(0).line()).isEqualTo(4);
  }

  @Test
  void twoIdenticalRequestsEndingInTheSameNanosecondAreTwoSamples() {
    String request = point("http_reqs", 1) + "\n" + point("http_req_duration", 5.5) + "\n"
        + point("http_req_failed", 0) + "\n";

    CollectingSink sink = CollectingSink.read(reader, request + request);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).extracting(NativeSample::latencyUs).containsExactly(5_500L, 5_500L);
  }

  @Test
  void aRequestWithoutDurationIsRejectedAtItsFirstLine() {
    CollectingSink sink = CollectingSink.read(reader, point("http_reqs", 1) + "\n" + point("http_req_failed", 0));

    assertThat(sink.samples).isEmpty();
    assertThat(sink.errorKeys()).containsExactly("1:http_req_duration");
  }

  @Test
  void pointsWithDifferentTagsAreDifferentRequests() {
    String other = point("http_req_duration", 9).replace("\"status\":\"200\"", "\"status\":\"201\"");

    CollectingSink sink = CollectingSink.read(reader, point("http_req_duration", 1) + "\n" + other);

    assertThat(sink.sampleList()).extracting(NativeSample::status).containsExactly(200, 201);
  }

  static String point(String metric, double value) {
    return """
        {"type":"Point","data":{"time":"2026-11-20T10:00:00.5Z","value":%s,"tags":{"method":"GET","name":"GET /a",\
        "status":"200","scenario":"s"}},"metric":"%s"}""".formatted(value, metric);
  }
}
