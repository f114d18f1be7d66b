package io.perfplane.ingest.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.ingest.format.CheckCount;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.Measurement;
import io.perfplane.ingest.format.NativeSample;
import org.junit.jupiter.api.Test;

class NativeSampleParserTest {

  private static final long START = 1_764_000_000_000_000L;
  private final NativeSampleParser parser = new NativeSampleParser();

  @Test
  void parsesAFullLine() {
    NativeSample sample = valid("""
        {"endpoint":"GET /items/{id}","method":"get","status":200,"startUs":%d,"latencyUs":12345,"ttfbUs":9000,\
        "bytesIn":512,"bytesOut":64,"scenario":"browse","errorKind":"check_failed","tags":{"group":"a"}}"""
        .formatted(START));

    assertThat(sample).isEqualTo(new NativeSample("GET /items/{id}", "GET", 200, START, 12345, 9000L, 512, 64,
        "browse", ErrorKind.CHECK_FAILED, Map.of("group", "a")));
  }

  @Test
  void measurementsAndChecksAreRead() {
    NativeSample sample = valid("""
        {"endpoint":"e","method":"GET","status":200,"startUs":%d,"latencyUs":5000,\
        "measurements":[{"name":"server_timing.db","value":1234.5,"kind":"DURATION_US"},\
        {"name":"web_vital.cls","value":0.12,"kind":"score"},{"name":"custom.x","value":7}],\
        "checks":[{"name":"status is 200","passed":1,"failed":0},{"name":"has body","failed":2}]}"""
        .formatted(START));

    assertThat(sample.measurements()).containsExactly(
        new Measurement("server_timing.db", 1234.5, MeasurementKind.DURATION_US),
        new Measurement("web_vital.cls", 0.12, MeasurementKind.SCORE),
        new Measurement("custom.x", 7, MeasurementKind.DURATION_US));
    assertThat(sample.checks()).containsExactly(new CheckCount("status is 200", 1, 0),
        new CheckCount("has body", 0, 2));
    assertThat(valid(line(200, 1)).measurements()).isEmpty();
  }

  @Test
  void badMeasurementsAndChecksNameTheirField() {
    List<LineError> errors = errors("""
        {"endpoint":"e","method":"GET","status":200,"startUs":%d,"latencyUs":5000,\
        "measurements":[{"name":"a","value":-1},{"name":"b","value":1,"kind":"OTHER"},{"value":1},{"name":"c"},3],\
        "checks":[{"name":"x","passed":-1},{"name":"y","failed":1.5},{"passed":1}]}""".formatted(START));

    assertThat(errors).extracting(LineError::field).containsExactly("measurements[0].value",
        "measurements[1].kind", "measurements[2].name", "measurements[3].value", "measurements[4]",
        "checks[0].passed", "checks[1].failed", "checks[2].name");
    assertThat(errors("{\"endpoint\":\"e\",\"method\":\"GET\",\"status\":200,\"startUs\":" + START
        + ",\"latencyUs\":1,\"measurements\":{},\"checks\":\"x\"}"))
        .extracting(LineError::field).containsExactly("measurements", "checks");
  }

  @Test
  void optionalFieldsDefault() {
    NativeSample sample = valid(line(200, 10));

    assertThat(sample.ttfbUs()).isNull();
    assertThat(sample.bytesIn()).isZero();
    assertThat(sample.bytesOut()).isZero();
    assertThat(sample.scenario()).isEqualTo(NativeSampleParser.DEFAULT_SCENARIO);
    assertThat(sample.tags()).isEmpty();
  }

  @Test
  void errorKindIsDerivedFromTheStatusWhenAbsent() {
    assertThat(valid(line(204, 1)).errorKind()).isEqualTo(ErrorKind.NONE);
    assertThat(valid(line(302, 1)).errorKind()).isEqualTo(ErrorKind.NONE);
    assertThat(valid(line(404, 1)).errorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(valid(line(503, 1)).errorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(valid(line(0, 1)).errorKind()).isEqualTo(ErrorKind.OTHER);
  }

  @Test
  void unknownFieldsAreIgnoredAndNullMeansAbsent() {
    NativeSample sample = valid("""
        {"endpoint":"e","method":"GET","status":200,"startUs":%d,"latencyUs":5,"ttfbUs":null,"future":[1,2]}"""
        .formatted(START));

    assertThat(sample.ttfbUs()).isNull();
  }

  @Test
  void malformedJsonIsRejectedAsAWholeLine() {
    assertThat(errors("{\"endpoint\": ")).singleElement().satisfies(error -> {
      assertThat(error.line()).isEqualTo(7);
      assertThat(error.field()).isNull();
      assertThat(error.reason()).startsWith("malformed JSON");
    });
    assertThat(errors("[1,2]")).singleElement().satisfies(error -> assertThat(error.reason()).contains("object"));
    assertThat(errors(line(200, 1) + " {}")).singleElement()
        .satisfies(error -> assertThat(error.reason()).startsWith("malformed JSON"));
  }

  @Test
  void duplicateKeysAreMalformed() {
    assertThat(errors("""
        {"endpoint":"e","method":"GET","status":200,"startUs":%d,"latencyUs":5,"latencyUs":6}""".formatted(START)))
        .singleElement().satisfies(error -> assertThat(error.reason()).contains("latencyUs"));
  }

  @Test
  void nanLatencyIsNotJson() {
    assertThat(errors("""
        {"endpoint":"e","method":"GET","status":200,"startUs":%d,"latencyUs":NaN}""".formatted(START)))
        .singleElement().satisfies(error -> assertThat(error.reason()).startsWith("malformed JSON"));
    assertThat(fields("""
        {"endpoint":"e","method":"GET","status":200,"startUs":%d,"latencyUs":"NaN"}""".formatted(START)))
        .containsExactly("latencyUs");
  }

  @Test
  void everyMissingRequiredFieldIsNamed() {
    List<LineError> errors = errors("{}");

    assertThat(errors).extracting(LineError::field)
        .containsExactly("endpoint", "method", "status", "startUs", "latencyUs");
    assertThat(errors).allSatisfy(error -> assertThat(error.reason()).isEqualTo("is required"));
  }

  @Test
  void wrongTypesAndRangesAreNamedPerField() {
    List<LineError> errors = errors("""
        {"endpoint":42,"method":"G E T","status":"200","startUs":%d,"latencyUs":-1,"bytesIn":1.5,"bytesOut":-2,\
        "errorKind":"BROKEN","tags":{"ok":"x","bad":3},"scenario":" "}""".formatted(START));

    assertThat(errors).extracting(LineError::field).containsExactlyInAnyOrder("endpoint", "method", "status",
        "latencyUs", "bytesIn", "bytesOut", "errorKind", "tags.bad", "scenario");
    assertThat(reason(errors, "latencyUs")).isEqualTo("must be >= 0");
    assertThat(reason(errors, "status")).contains("number");
    assertThat(reason(errors, "bytesIn")).contains("integer");
    assertThat(reason(errors, "errorKind")).contains("HTTP_STATUS");
  }

  @Test
  void fractionalLatencyIsNotMicroseconds() {
    assertThat(fields(line(200, 1).replace("\"latencyUs\":1", "\"latencyUs\":1.5"))).containsExactly("latencyUs");
  }

  @Test
  void millisecondTimestampsAreCaught() {
    List<LineError> errors = errors(line(200, 5).replace(Long.toString(START), "1764000000000"));

    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("startUs");
      assertThat(error.reason()).contains("milliseconds");
    });
  }

  @Test
  void statusMustBeAnHttpStatusOrZero() {
    assertThat(fields(line(99, 1))).containsExactly("status");
    assertThat(fields(line(600, 1))).containsExactly("status");
    assertThat(fields(line(-1, 1))).containsExactly("status");
  }

  @Test
  void timeToFirstByteCannotExceedLatency() {
    assertThat(fields(line(200, 100).replace("}", ",\"ttfbUs\":101}"))).containsExactly("ttfbUs");
    assertThat(valid(line(200, 100).replace("}", ",\"ttfbUs\":100}")).ttfbUs()).isEqualTo(100L);
  }

  @Test
  void outOfRangeIntegersAreRejected() {
    assertThat(fields(line(200, 1).replace("\"latencyUs\":1", "\"latencyUs\":99999999999999999999")))
        .containsExactly("latencyUs");
  }

  private static String line(int status, long latencyUs) {
    return """
        {"endpoint":"GET /x","method":"GET","status":%d,"startUs":%d,"latencyUs":%d}"""
        .formatted(status, START, latencyUs);
  }

  private NativeSample valid(String line) {
    ParsedLine parsed = parser.parse(7, line);
    assertThat(parsed).isInstanceOf(ParsedLine.Valid.class);
    return ((ParsedLine.Valid) parsed).sample();
  }

  private List<LineError> errors(String line) {
    ParsedLine parsed = parser.parse(7, line);
    assertThat(parsed).isInstanceOf(ParsedLine.Rejected.class);
    List<LineError> errors = ((ParsedLine.Rejected) parsed).errors();
    assertThat(errors).allSatisfy(error -> assertThat(error.line()).isEqualTo(7));
    return errors;
  }

  private List<String> fields(String line) {
    return errors(line).stream().map(LineError::field).toList();
  }

  private static String reason(List<LineError> errors, String field) {
    return errors.stream().filter(error -> field.equals(error.field())).findFirst().orElseThrow().reason();
  }
}
