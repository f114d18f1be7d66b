package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import io.perfplane.loadgen.plan.Extraction;
import org.junit.jupiter.api.Test;

/** Extraction from real responses: JSON path, regex and header, and what a missing value does to the variable. */
class ResponseChecksTest {

  private static final String JSON = """
      {"token": "abc.def", "count": 3, "ok": true, "none": null,
       "items": [{"id": "i-1", "tags": ["x"]}, {"id": "i-2"}]}""";
  private static final String HTML = "<form><input name=\"csrf\" value=\"c-9\"><input name=\"csrf\" value=\"c-10\">";

  private static HttpTransport.Response response(String body, HttpTransport.Header... headers) {
    return new HttpTransport.Response(200, body.length(), body.getBytes(StandardCharsets.UTF_8), 1, List.of(headers));
  }

  private static String value(Extraction extraction, HttpTransport.Response response) {
    return ResponseChecks.value(extraction, response, new ResponseChecks.Body(response.body()));
  }

  private static Extraction.JsonPath json(String path, String pointer) {
    return new Extraction.JsonPath("v", path, pointer);
  }

  @Test
  void aJsonPathGivesAScalarsTextAndAContainersJson() {
    HttpTransport.Response response = response(JSON);

    assertThat(value(json("$.token", "/token"), response)).isEqualTo("abc.def");
    assertThat(value(json("$.count", "/count"), response)).isEqualTo("3");
    assertThat(value(json("$.ok", "/ok"), response)).isEqualTo("true");
    assertThat(value(json("$.items[1].id", "/items/1/id"), response)).isEqualTo("i-2");
    assertThat(value(json("$.items[0].tags", "/items/0/tags"), response)).isEqualTo("[\"x\"]");
  }

  @Test
  void aMissingOrNullJsonValueOrABodyThatIsNotJsonFindsNothing() {
    assertThat(value(json("$.nope", "/nope"), response(JSON))).isNull();
    assertThat(value(json("$.none", "/none"), response(JSON))).isNull();
    assertThat(value(json("$.items[5].id", "/items/5/id"), response(JSON))).isNull();
    assertThat(value(json("$.token", "/token"), response(HTML))).isNull();
    assertThat(ResponseChecks.value(json("$.token", "/token"), response(JSON), null)).isNull();
  }

  @Test
  void aRegexGivesTheFirstMatchsFirstGroup() {
    assertThat(value(new Extraction.Regex("v", Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")), response(HTML)))
        .isEqualTo("c-9");
    assertThat(value(new Extraction.Regex("v", Pattern.compile("value=\"(z+)?c-10")), response(HTML))).isEmpty();
    assertThat(value(new Extraction.Regex("v", Pattern.compile("token=(\\w+)")), response(HTML))).isNull();
  }

  @Test
  void aHeaderGivesItsFirstValueAndAnAbsentOneFindsNothing() {
    HttpTransport.Response response = response("", new HttpTransport.Header("location", "/orders/1"),
        new HttpTransport.Header("location", "/orders/2"));

    assertThat(value(new Extraction.Header("v", "location"), response)).isEqualTo("/orders/1");
    assertThat(value(new Extraction.Header("v", "etag"), response)).isNull();
  }

  @Test
  void extractingSetsTheVariablesUnsetsTheMissingAndNamesTheFirstFailure() {
    VuSession user = new VuSession(7);
    user.set("stale", "old");
    HttpTransport.Response response = response(JSON, new HttpTransport.Header("location", "/x"));
    List<Extraction> extractions = List.of(new Extraction.JsonPath("token", "$.token", "/token"),
        new Extraction.JsonPath("stale", "$.gone", "/gone"), new Extraction.Header("loc", "location"),
        new Extraction.Header("etag", "etag"));

    String failure = ResponseChecks.extract(extractions, response, new ResponseChecks.Body(response.body()), user);

    assertThat(failure).isEqualTo("extract stale: $.gone found nothing");
    assertThat(user.variable("token")).isEqualTo("abc.def");
    assertThat(user.variable("loc")).isEqualTo("/x");
    assertThat(user.variable("stale")).isNull();
    assertThat(user.variable("etag")).isNull();
    assertThat(ResponseChecks.extract(extractions.subList(0, 1), response, new ResponseChecks.Body(response.body()),
        user)).isNull();
  }

  @Test
  void variablesBelongToOneSession() {
    VuSession first = new VuSession(0);
    VuSession second = new VuSession(1);
    HttpTransport.Response response = response(JSON);
    ResponseChecks.extract(List.of(new Extraction.JsonPath("token", "$.token", "/token")), response,
        new ResponseChecks.Body(response.body()), first);

    assertThat(first.variable("token")).isEqualTo("abc.def");
    assertThat(second.variable("token")).isNull();
    assertThat(second.cookies()).isNull();
    assertThat(second.started()).isFalse();
  }
}
