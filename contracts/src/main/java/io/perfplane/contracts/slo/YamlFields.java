package io.perfplane.contracts.slo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Typed reads of composed YAML nodes for the SLO readers. Every failure is an {@link SloFile.InvalidSloFileException}
 * naming the source, the node's line and the field.
 */
final class YamlFields {

  /** ms, s, m, h, d and OpenSLO's w; plain numbers are seconds. */
  private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m|h|d|w)?");

  private final String source;

  YamlFields(String source) {
    this.source = source;
  }

  String source() {
    return source;
  }

  /** The mapping's entries; a key outside {@code allowed} fails, naming the allowed ones. */
  Map<String, Node> mapping(Node node, String field, Set<String> allowed) {
    Map<String, Node> values = lenientMapping(node, field);
    for (Map.Entry<String, Node> entry : values.entrySet()) {
      if (!allowed.contains(entry.getKey())) {
        throw error(keyNode(node, entry.getKey()), child(field, entry.getKey()),
            "unknown field; expected one of " + new TreeSet<>(allowed));
      }
    }
    return values;
  }

  /** The mapping's entries, whatever the keys; duplicates still fail (YAML forbids them, the later would win). */
  Map<String, Node> lenientMapping(Node node, String field) {
    if (!(node instanceof MappingNode mapping)) {
      throw error(node, field, "must be a mapping (key: value)");
    }
    Map<String, Node> values = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = text(tuple.getKeyNode(), field + " key");
      if (values.put(key, tuple.getValueNode()) != null) {
        throw error(tuple.getKeyNode(), child(field, key), "duplicate field");
      }
    }
    return values;
  }

  /** The key node of {@code key} in {@code mapping}, for its line; the mapping itself when absent. */
  static Node keyNode(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple tuple : m.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return k;
        }
      }
    }
    return mapping;
  }

  static String child(String field, String key) {
    return field.equals("(document)") ? key : field + "." + key;
  }

  String requiredText(Map<String, Node> map, Node parent, String field, String key) {
    Node node = map.get(key);
    if (node == null) {
      throw error(parent, child(field, key), "is required");
    }
    String value = text(node, child(field, key));
    if (value.isBlank()) {
      throw error(node, child(field, key), "must not be blank");
    }
    return value;
  }

  String text(Node node, String field) {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(node, field, "must be a single value");
    }
    return scalar.getValue();
  }

  @Nullable String optionalText(Map<String, Node> map, String field, String key) {
    Node node = map.get(key);
    return node == null ? null : text(node, child(field, key));
  }

  Duration duration(Node node, String field) {
    String value = text(node, field).trim();
    Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw error(node, field, "not a duration: '" + value + "' (e.g. 500ms, 10s, 5m, 1h, 30d, 4w; plain numbers "
          + "are seconds)");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration duration = switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      case "w" -> Duration.ofDays(7 * amount);
      default -> Duration.ofSeconds(amount);
    };
    if (duration.isZero()) {
      throw error(node, field, "must be positive: '" + value + "'");
    }
    return duration;
  }

  int positiveInt(Node node, String field) {
    String value = text(node, field).trim();
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(node, field, "must be a whole number >= 1: '" + value + "'");
  }

  double number(Node node, String field) {
    String value = text(node, field).trim();
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw error(node, field, "not a number: '" + value + "'");
    }
  }

  boolean bool(Node node, String field) {
    String value = text(node, field).trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw error(node, field, "must be true or false: '" + value + "'");
    };
  }

  int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** A note about {@code node}: {@code source:line: field: text}. */
  String note(Node node, String field, String text) {
    return source + ":" + line(node) + ": " + field + ": " + text;
  }

  SloFile.InvalidSloFileException error(Node node, String field, String problem) {
    int line = line(node);
    return new SloFile.InvalidSloFileException(source + ":" + line + ": " + field + ": " + problem, field, problem,
        line, null);
  }
}
