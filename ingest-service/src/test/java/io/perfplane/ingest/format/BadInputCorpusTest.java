package io.perfplane.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import io.perfplane.ingest.gatling.GatlingLogReader;
import io.perfplane.ingest.jmeter.JtlCsvReader;
import io.perfplane.ingest.k6.K6NdjsonReader;
import io.perfplane.ingest.ndjson.NativeNdjsonReader;
import io.perfplane.ingest.ndjson.NativeSampleParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: each case is one bad line (or row) followed by one good one, read by its format's reader
 * with the format-neutral {@link SampleRules} applied, as an upload is. The bad line must be rejected with the
 * expected line and field, the good one kept. (Whole-upload refusals, gzip bombs and HTTP answers are covered by
 * {@code BadUploadIntegrationTest}.)
 */
class BadInputCorpusTest {

  /** Now: 2026-11-21T00:00Z; the corpus's valid times are 2026-11-20T10:00Z. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final long T0_MS = 1_795_168_800_000L;
  private static final long T0_US = T0_MS * 1000;
  private static final int MAX_LINE = 400;

  record Case(String name, Format format, byte[] bad, List<String> expected, int good) {

    @Override
    public String toString() {
      return format.pathName() + ": " + name;
    }
  }

  static Stream<Case> corpus() {
    return Stream.of(
        nat("malformed JSON", "{\"endpoint\":", "1:-"),
        nat("not an object", "[1,2]", "1:-"),
        nat("NaN latency", line("GET /a", "200", T0_US, "NaN"), "1:-"),
        nat("negative latency", line("GET /a", "200", T0_US, "-5"), "1:latencyUs"),
        nat("latency of wrong type", line("GET /a", "200", T0_US, "\"5\""), "1:latencyUs"),
        nat("fractional latency", line("GET /a", "200", T0_US, "1.5"), "1:latencyUs"),
        nat("missing endpoint", line("GET /a", "200", T0_US, "5").replace("\"endpoint\":\"GET /a\",", ""),
            "1:endpoint"),
        nat("status out of range", line("GET /a", "700", T0_US, "5"), "1:status"),
        nat("start in milliseconds", line("GET /a", "200", T0_MS, "5"), "1:startUs"),
        nat("start far in the future", line("GET /a", "200", T0_US + Duration.ofDays(400).toNanos() / 1000, "5"),
            "1:start"),
        nat("start far in the past", line("GET /a", "200", T0_US - Duration.ofDays(60).toNanos() / 1000, "5"),
            "1:start"),
        nat("formula in endpoint", line("=HYPERLINK(\\\"http://x\\\")", "200", T0_US, "5"), "1:endpoint"),
        nat("formula in scenario", line("GET /a", "200", T0_US, "5").replace("}", ",\"scenario\":\"+cmd\"}"),
            "1:scenario"),
        nat("formula in tag", line("GET /a", "200", T0_US, "5").replace("}", ",\"tags\":{\"k\":\"@SUM(A1)\"}}"),
            "1:tags.k"),
        nat("control character in endpoint", line("GET /a\\u0007", "200", T0_US, "5"), "1:endpoint"),
        nat("TTFB above latency", line("GET /a", "200", T0_US, "5").replace("}", ",\"ttfbUs\":9}"), "1:ttfbUs"),
        nat("duplicate key", line("GET /a", "200", T0_US, "5").replace("}", ",\"latencyUs\":6}"), "1:-"),
        nat("oversize line", line("GET /" + "a".repeat(MAX_LINE), "200", T0_US, "5"), "1:-"),
        new Case("not UTF-8", Format.NATIVE, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, List.of("1:-"), 1),
        new Case("too many distinct endpoints", Format.NATIVE, utf8(String.join("\n",
            line("GET /1", "200", T0_US, "5"), line("GET /2", "200", T0_US, "5"), line("GET /3", "200", T0_US, "5"),
            line("GET /4", "200", T0_US, "5"), line("GET /1", "200", T0_US, "6")) + "\n"), List.of("4:endpoint"), 5),
        k6("value of wrong type", k6point("http_req_duration", "\"12\"", "2026-11-20T10:00:00Z", "200"),
            "1:data.value"),
        k6("time not RFC 3339", k6point("http_req_duration", "12", "20/11/2026 10:00", "200"), "1:data.time"),
        k6("unknown line type", "{\"type\":\"Sample\",\"metric\":\"x\",\"data\":{}}", "1:type"),
        k6("HTTP point without name tag", k6point("http_req_duration", "12", "2026-11-20T10:00:00Z", "200")
            .replace("\"name\":\"GET /a\",", ""), "1:data.tags.name"),
        k6("negative duration", k6point("http_req_duration", "-1", "2026-11-20T10:00:00Z", "200"),
            "1:http_req_duration"),
        k6("status tag not a number", k6point("http_req_duration", "12", "2026-11-20T10:00:00Z", "abc"),
            "1:data.tags.status"),
        k6("http_req_failed neither 0 nor 1", k6point("http_req_duration", "12", "2026-11-20T10:00:00Z", "200")
            + "\n" + k6point("http_req_failed", "0.5", "2026-11-20T10:00:00Z", "200"), "2:http_req_failed"),
        k6("tags not an object", "{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{\"time\":"
            + "\"2026-11-20T10:00:00Z\",\"value\":1,\"tags\":[1]}}", "1:data.tags"),
        k6("formula in name tag", k6point("http_req_duration", "12", "2026-11-20T10:00:00Z", "200")
            .replace("\"name\":\"GET /a\"", "\"name\":\"=1+2\""), "1:endpoint"),
        jtl("elapsed not a number", T0_MS + ",abc,GET /a,200", "2:elapsed"),
        jtl("negative elapsed", T0_MS + ",-3,GET /a,200", "2:elapsed"),
        jtl("formatted timeStamp", "2026/11/20 10:00:00,3,GET /a,200", "2:timeStamp"),
        jtl("wrong field count", T0_MS + ",3,GET /a", "2:-"),
        jtl("text after a closing quote", T0_MS + ",3,\"GET /a\"x,200", "2:-"),
        // An unclosed quote takes the following lines into its field (CSV allows newlines in quotes), up to EOF or
        // max-line-bytes: the good row after it is part of the malformed record.
        new Case("unterminated quote", Format.JMETER, utf8(T0_MS + ",3,\"GET /a,200"), List.of("2:-"), 0),
        jtl("CSV injection in label", T0_MS + ",3,\"=cmd|' /C calc'!A0\",200", "2:endpoint"),
        jtl("start in seconds", (T0_MS / 1000) + ",3,GET /a,200", "2:start"),
        gatling("unknown record type", "SESSION\tx\t1", "1:type"),
        gatling("REQUEST without OK/KO", "REQUEST\t\tGET /a\t" + T0_MS + "\t" + (T0_MS + 3) + "\tMAYBE\t ", "1:status"),
        gatling("end before start", "REQUEST\t\tGET /a\t" + T0_MS + "\t" + (T0_MS - 3) + "\tOK\t ", "1:end"),
        gatling("start not a number", "REQUEST\t\tGET /a\tsoon\t" + T0_MS + "\tOK\t ", "1:start"),
        gatling("formula in request name", "REQUEST\t\t-2+3\t" + T0_MS + "\t" + (T0_MS + 3) + "\tOK\t ",
            "1:endpoint"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void badLineIsRejectedWithItsFieldAndTheGoodLineKept(Case c) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(c.format() == Format.JMETER ? utf8("timeStamp,elapsed,label,responseCode\n") : new byte[0]);
    body.write(c.bad());
    body.write(utf8("\n" + goodLine(c.format()) + "\n"));
    CollectingSink collected = new CollectingSink();
    RulesSink sink = new RulesSink(new SampleRules(new SampleRules.Limits(Duration.ofDays(30), Duration.ofHours(1),
        3), CLOCK), collected);

    reader(c.format()).read(new ByteArrayInputStream(body.toByteArray()), sink);

    assertThat(collected.errorKeys()).as(collected.errors.toString()).containsExactlyElementsOf(c.expected());
    assertThat(collected.samples).hasSize(c.good());
    assertThat(collected.errors).allSatisfy(error -> assertThat(error.reason()).isNotBlank());
  }

  /** Applies the rules as the upload's Kafka sink does. */
  private record RulesSink(SampleRules rules, CollectingSink into) implements ResultSink {

    @Override
    public void sample(long line, NativeSample sample, String payload) {
      List<LineError> errors = rules.check(line, sample);
      if (errors.isEmpty()) {
        into.sample(line, sample, payload);
      } else {
        into.rejected(errors, payload);
      }
    }

    @Override
    public void rejected(List<LineError> errors, String payload) {
      into.rejected(errors, payload);
    }

    @Override
    public void ignored(long line) {
      into.ignored(line);
    }
  }

  private static ResultReader reader(Format format) {
    return switch (format) {
      case NATIVE -> new NativeNdjsonReader(new NativeSampleParser(), MAX_LINE);
      case K6 -> new K6NdjsonReader(MAX_LINE);
      case JMETER -> new JtlCsvReader(MAX_LINE);
      case GATLING -> new GatlingLogReader(MAX_LINE);
      case K6_SUMMARY -> throw new IllegalArgumentException("not per sample");
    };
  }

  private static String goodLine(Format format) {
    return switch (format) {
      case NATIVE -> line("GET /1", "200", T0_US, "5");
      case K6 -> k6point("http_req_duration", "5", "2026-11-20T10:00:01Z", "200");
      case JMETER -> T0_MS + ",5,GET /1,200";
      case GATLING -> "REQUEST\t\tGET /1\t" + T0_MS + "\t" + (T0_MS + 5) + "\tOK\t ";
      case K6_SUMMARY -> throw new IllegalArgumentException();
    };
  }

  private static Case nat(String name, String bad, String expected) {
    return new Case(name, Format.NATIVE, utf8(bad), List.of(expected), 1);
  }

  private static Case k6(String name, String bad, String expected) {
    return new Case(name, Format.K6, utf8(bad), List.of(expected), 1);
  }

  private static Case jtl(String name, String bad, String expected) {
    return new Case(name, Format.JMETER, utf8(bad), List.of(expected), 1);
  }

  private static Case gatling(String name, String bad, String expected) {
    return new Case(name, Format.GATLING, utf8(bad), List.of(expected), 1);
  }

  private static String line(String endpoint, String status, long startUs, String latency) {
    return "{\"endpoint\":\"" + endpoint + "\",\"method\":\"GET\",\"status\":" + status + ",\"startUs\":" + startUs
        + ",\"latencyUs\":" + latency + "}";
  }

  private static String k6point(String metric, String value, String time, String status) {
    return "{\"type\":\"Point\",\"metric\":\"" + metric + "\",\"data\":{\"time\":\"" + time + "\",\"value\":" + value
        + ",\"tags\":{\"name\":\"GET /a\",\"method\":\"GET\",\"status\":\"" + status + "\"}}}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
