package io.perfplane.analyzer.notify;

import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A breach CloudEvent as a Slack incoming-webhook message ({@code {"text": ...}}, Slack's mrkdwn). */
final class SlackMessage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SlackMessage() {
  }

  static String of(String cloudEvent) {
    JsonNode event = JSON.readTree(cloudEvent);
    JsonNode data = event.path("data");
    boolean opened = "OPENED".equals(data.path("state").asString(""));
    String unit = data.path("unit").asString("");
    String text = String.format(Locale.ROOT, "%s *SLO breach %s*: `%s` on `%s` (run `%s`): %s%s %s %s over %d s%s",
        opened ? ":red_circle:" : ":white_check_mark:", opened ? "opened" : "resolved",
        escape(data.path("sloId").asString("")), escape(data.path("endpoint").asString("")),
        escape(data.path("runId").asString("")), escape(data.path("indicator").asString("")),
        "latency".equals(data.path("metric").asString("latency")) ? "" : " (" + data.path("metric").asString() + ")",
        value(data.path("observed").asDouble(), unit), (opened ? "> " : "≤ ") + value(data.path("objective")
            .asDouble(), unit), data.path("windowSeconds").asInt(), " at " + event.path("time").asString(""));
    ObjectNode message = JSON.createObjectNode();
    message.put("text", text);
    return JSON.writeValueAsString(message);
  }

  private static String value(double value, String unit) {
    return "ratio".equals(unit) ? String.format(Locale.ROOT, "%.2f%%", value * 100)
        : String.format(Locale.ROOT, "%.1f ms", value);
  }

  /** Slack's three control characters in text; the rest is shown as is. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
