package io.perfplane.loadgen.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as {@link Http2Client} pre-encodes it: method, path-and-query, header count, then each name and value,
 * then the body, every part an int length followed by its UTF-8 bytes. Opaque to the engine, like HTTP/1.1's bytes.
 *
 * @param method the HTTP method
 * @param pathAndQuery the request target
 * @param headers header name to value, in order
 * @param body the body; empty for none
 */
record EncodedRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

  static byte[] encode(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    byte[][] parts = new byte[2 + 2 * headers.size()][];
    parts[0] = method.getBytes(StandardCharsets.UTF_8);
    parts[1] = pathAndQuery.getBytes(StandardCharsets.UTF_8);
    int i = 2;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      parts[i++] = header.getKey().getBytes(StandardCharsets.UTF_8);
      parts[i++] = header.getValue().getBytes(StandardCharsets.UTF_8);
    }
    int size = 4 + 4 + body.length;
    for (byte[] part : parts) {
      size += 4 + part.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    put(out, parts[0]);
    put(out, parts[1]);
    out.putInt(headers.size());
    for (int p = 2; p < parts.length; p++) {
      put(out, parts[p]);
    }
    put(out, body);
    return out.array();
  }

  static EncodedRequest decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String method = text(in);
    String pathAndQuery = text(in);
    int count = in.getInt();
    Map<String, String> headers = new LinkedHashMap<>(count * 2);
    for (int i = 0; i < count; i++) {
      headers.put(text(in), text(in));
    }
    byte[] body = new byte[in.getInt()];
    in.get(body);
    return new EncodedRequest(method, pathAndQuery, headers, body);
  }

  private static void put(ByteBuffer out, byte[] part) {
    out.putInt(part.length);
    out.put(part);
  }

  private static String text(ByteBuffer in) {
    int length = in.getInt();
    String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }
}
