package io.perfplane.contracts.cloudevents;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import io.perfplane.contracts.json.JsonText;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;

/**
 * Plain JSON of an Avro record, as a consumer without Avro expects it: unions are their value (not Avro's
 * {@code {"long": 1}} wrapping), enums their symbol, decimals a plain decimal string (exact money), other bytes
 * base64. The shape is what {@link AvroJsonSchema} describes.
 */
public final class AvroJson {

  private AvroJson() {
  }

  /** The record as a JSON object. */
  public static String of(IndexedRecord record) {
    StringBuilder out = new StringBuilder(512);
    write(out, record.getSchema(), record);
    return out.toString();
  }

  static void write(StringBuilder out, Schema schema, @Nullable Object value) {
    if (value == null) {
      out.append("null");
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        out.append('{');
        boolean first = true;
        for (Schema.Field field : schema.getFields()) {
          out.append(first ? "" : ",");
          string(out, field.name()).append(':');
          write(out, field.schema(), record.get(field.pos()));
          first = false;
        }
        out.append('}');
      }
      case UNION -> write(out, branch(schema, value), value);
      case ENUM -> string(out, value.toString());
      case STRING -> string(out, value.toString());
      case BOOLEAN -> out.append(value);
      case INT, LONG -> out.append(((Number) value).longValue());
      case FLOAT, DOUBLE -> {
        double d = ((Number) value).doubleValue();
        if (Double.isFinite(d)) {
          out.append(d);
        } else {
          out.append("null"); // JSON has no NaN or infinity
        }
      }
      case BYTES, FIXED -> {
        byte[] bytes;
        if (value instanceof BigDecimal decimal) {
          string(out, decimal.toPlainString());
          return;
        } else if (value instanceof GenericFixed fixed) {
          bytes = fixed.bytes();
        } else {
          ByteBuffer buffer = ((ByteBuffer) value).duplicate();
          bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimalType) {
          string(out, new BigDecimal(new BigInteger(bytes), decimalType.getScale()).toPlainString());
        } else {
          string(out, Base64.getEncoder().encodeToString(bytes));
        }
      }
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (Object element : (Collection<?>) value) {
          out.append(first ? "" : ",");
          write(out, schema.getElementType(), element);
          first = false;
        }
        out.append(']');
      }
      case MAP -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          out.append(first ? "" : ",");
          string(out, entry.getKey().toString()).append(':');
          write(out, schema.getValueType(), entry.getValue());
          first = false;
        }
        out.append('}');
      }
      case NULL -> out.append("null");
    }
  }

  /** The non-null branch of a union that {@code value} belongs to (perfplane's unions are {@code [null, T]}). */
  private static Schema branch(Schema union, Object value) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    throw new IllegalArgumentException("union without a non-null branch: " + union);
  }

  static StringBuilder string(StringBuilder out, String text) {
    return JsonText.quote(out, text);
  }
}
