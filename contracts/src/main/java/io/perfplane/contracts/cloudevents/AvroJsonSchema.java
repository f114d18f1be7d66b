package io.perfplane.contracts.cloudevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * JSON Schema (draft 2020-12) of the JSON that {@link AvroJson} writes for an Avro schema: generated, so the
 * published schemas (docs/schemas/) cannot drift from the Avro contracts. Every field is always present (null where
 * Avro has null); objects allow more properties, because fields are only ever added.
 */
public final class AvroJsonSchema {

  private AvroJsonSchema() {
  }

  /**
   * The schema document, pretty-printed.
   *
   * @param id the schema's {@code $id}, e.g. {@code urn:perfplane:schema:slo-breach}
   */
  public static String of(Schema avro, String id) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", id);
    root.put("title", avro.getName());
    root.putAll(node(avro));
    StringBuilder out = new StringBuilder();
    print(out, root, "");
    return out.append('\n').toString();
  }

  private static Map<String, Object> node(Schema schema) {
    Map<String, Object> node = new LinkedHashMap<>();
    switch (schema.getType()) {
      case RECORD -> {
        node.put("type", "object");
        if (schema.getDoc() != null) {
          node.put("description", schema.getDoc());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
          Map<String, Object> property = node(field.schema());
          if (field.doc() != null) {
            property.put("description", field.doc());
          }
          properties.put(field.name(), property);
          required.add(field.name());
        }
        node.put("properties", properties);
        node.put("required", required);
      }
      case UNION -> {
        List<Object> options = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
          options.add(branch.getType() == Schema.Type.NULL ? Map.of("type", "null") : node(branch));
        }
        node.put("anyOf", options);
      }
      case ENUM -> {
        node.put("type", "string");
        node.put("enum", new ArrayList<Object>(schema.getEnumSymbols()));
      }
      case STRING -> node.put("type", "string");
      case BOOLEAN -> node.put("type", "boolean");
      case INT, LONG -> node.put("type", "integer");
      case FLOAT, DOUBLE -> node.put("type", List.of("number", "null")); // NaN and infinity are written as null
      case BYTES, FIXED -> {
        node.put("type", "string");
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
          node.put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");
          node.put("format", "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")");
        } else {
          node.put("contentEncoding", "base64");
        }
      }
      case ARRAY -> {
        node.put("type", "array");
        node.put("items", node(schema.getElementType()));
      }
      case MAP -> {
        node.put("type", "object");
        node.put("additionalProperties", node(schema.getValueType()));
      }
      case NULL -> node.put("type", "null");
    }
    return node;
  }

  private static void print(StringBuilder out, Object value, String indent) {
    switch (value) {
      case Map<?, ?> map -> {
        out.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(indent).append("  ");
          AvroJson.string(out, entry.getKey().toString()).append(": ");
          print(out, entry.getValue(), indent + "  ");
          out.append(++i < map.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
      }
      case List<?> list -> {
        boolean simple = list.stream().allMatch(e -> e instanceof String);
        out.append(simple ? "[" : "[\n");
        for (int i = 0; i < list.size(); i++) {
          if (!simple) {
            out.append(indent).append("  ");
          }
          print(out, list.get(i), indent + "  ");
          out.append(i + 1 < list.size() ? (simple ? ", " : ",\n") : (simple ? "" : "\n"));
        }
        out.append(simple ? "]" : indent + "]");
      }
      case String text -> AvroJson.string(out, text);
      default -> out.append(value);
    }
  }
}
