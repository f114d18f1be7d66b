package io.perfplane.loadgen.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.loadgen.plan.Check;
import io.perfplane.loadgen.plan.Extraction;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a step asks of its response: its checks, and the values its extractions capture into the user's variables. */
final class ResponseChecks {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResponseChecks() {
  }

  /** A response body kept for checks and extractions, decoded and parsed at most once. */
  static final class Body {

    private final byte @Nullable [] bytes;
    private @Nullable JsonNode json;
    private @Nullable String text;

    /** @param bytes the kept body; null when the transport kept none */
    Body(byte @Nullable [] bytes) {
      this.bytes = bytes;
    }

    /** The body as JSON; a missing node when it is absent or not JSON. */
    JsonNode json() {
      if (json == null) {
        json = parse(bytes);
      }
      return json;
    }

    /** The body as UTF-8 text; null when absent. */
    @Nullable String text() {
      if (text == null && bytes != null) {
        text = new String(bytes, StandardCharsets.UTF_8);
      }
      return text;
    }
  }

  /** The description of the first failing check, or null when all pass. */
  static @Nullable String failedCheck(List<Check> checks, int status, @Nullable Body body) {
    for (Check check : checks) {
      boolean ok = switch (check) {
        case Check.Status s -> s.statuses().contains(status);
        case Check.BodyContains c -> body != null && body.text() != null && body.text().contains(c.text());
        case Check.JsonPath p -> {
          JsonNode value = body == null ? JSON.missingNode() : body.json().at(p.pointer());
          yield !value.isMissingNode() && !value.isNull()
              && (p.equals() == null || p.equals().equals(text(value)));
        }
      };
      if (!ok) {
        return check.describe();
      }
    }
    return null;
  }

  /**
   * One outcome per check (passed 1/0, failed 0/1), every check evaluated: for a response where
   * {@link #failedCheck} found a failure (the all-passed list is the step's shared one).
   */
  static List<CheckOutcome> outcomes(List<Check> checks, int status, @Nullable Body body) {
    List<CheckOutcome> outcomes = new ArrayList<>(checks.size());
    for (Check check : checks) {
      boolean ok = failedCheck(List.of(check), status, body) == null;
      outcomes.add(new CheckOutcome(check.describe(), ok ? 1 : 0, ok ? 0 : 1));
    }
    return outcomes;
  }

  /**
   * Runs {@code extractions} into {@code user}'s variables; answers the description of the first that found nothing
   * (its variable is then unset, so the steps needing it are skipped), or null when all found a value.
   */
  static @Nullable String extract(List<Extraction> extractions, HttpTransport.Response response, @Nullable Body body,
      VuSession user) {
    String failed = null;
    for (Extraction extraction : extractions) {
      String value = value(extraction, response, body);
      if (value == null) {
        user.unset(extraction.name());
        if (failed == null) {
          failed = extraction.describe() + " found nothing";
        }
      } else {
        user.set(extraction.name(), value);
      }
    }
    return failed;
  }

  /** The value {@code extraction} captures from the response, or null when there is none. */
  static @Nullable String value(Extraction extraction, HttpTransport.Response response, @Nullable Body body) {
    return switch (extraction) {
      case Extraction.Header h -> response.header(h.header());
      case Extraction.JsonPath p -> {
        JsonNode node = body == null ? JSON.missingNode() : body.json().at(p.pointer());
        yield node.isMissingNode() || node.isNull() ? null : text(node);
      }
      case Extraction.Regex r -> {
        String text = body == null ? null : body.text();
        Matcher m = text == null ? null : r.pattern().matcher(text);
        yield m == null || !m.find() ? null : m.group(1) == null ? "" : m.group(1);
      }
    };
  }

  /** A scalar's text ({@code "a"} → {@code a}, {@code 1} → {@code 1}), a container's JSON. */
  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asString() : node.toString();
  }

  private static JsonNode parse(byte @Nullable [] body) {
    if (body == null) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return JSON.missingNode();
    }
  }
}
