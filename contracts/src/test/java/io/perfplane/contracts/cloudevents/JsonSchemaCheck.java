package io.perfplane.contracts.cloudevents;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The subset of JSON Schema that {@link AvroJsonSchema} emits, checked against a JSON value (tests only). */
final class JsonSchemaCheck {

  private JsonSchemaCheck() {
  }

  static List<String> violations(JsonNode schema, JsonNode value) {
    List<String> violations = new ArrayList<>();
    check(schema, value, "$", violations);
    return violations;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> out) {
    if (schema.has("anyOf")) {
      for (JsonNode option : schema.get("anyOf")) {
        List<String> attempt = new ArrayList<>();
        check(option, value, path, attempt);
        if (attempt.isEmpty()) {
          return;
        }
      }
      out.add(path + ": matches no option");
      return;
    }
    JsonNode type = schema.get("type");
    boolean typed = false;
    for (JsonNode t : type.isArray() ? type : List.of(type)) {
      typed |= is(t.asString(), value);
    }
    if (!typed) {
      out.add(path + ": not " + (type.isArray() ? type.toString() : type.asString()));
      return;
    }
    if (schema.has("enum")) {
      List<String> symbols = new ArrayList<>();
      schema.get("enum").forEach(s -> symbols.add(s.asString()));
      if (!symbols.contains(value.asString())) {
        out.add(path + ": not one of " + symbols);
      }
    }
    if (schema.has("pattern") && !value.asString().matches(schema.get("pattern").asString())) {
      out.add(path + ": does not match " + schema.get("pattern").asString());
    }
    if (schema.has("required")) {
      schema.get("required").forEach(r -> {
        if (!value.has(r.asString())) {
          out.add(path + ": missing " + r.asString());
        }
      });
    }
    if (schema.has("properties")) {
      schema.get("properties").properties().forEach(p -> {
        if (value.has(p.getKey())) {
          check(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), out);
        }
      });
    }
    if (schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
      }
    }
    if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
      value.properties().forEach(p -> check(schema.get("additionalProperties"), p.getValue(),
          path + "." + p.getKey(), out));
    }
  }

  private static boolean is(String type, JsonNode value) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> false;
    };
  }
}
