package io.perfplane.analyzer.report;

import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.MediaType;

/**
 * Deliberately breaks {@code ArchitectureTest.renderingIsFrameworkFree}: a renderer that reaches for Spring and Kafka
 * types. It lives in test sources, which the rule's own import leaves out; only ArchitectureTest reads it, to prove
 * the rule reports such a class.
 */
public final class RenderingWithFrameworksFixture {

  private RenderingWithFrameworksFixture() {
  }

  static String contentType() {
    return MediaType.TEXT_HTML.toString();
  }

  static byte[] key(String runId) {
    try (StringSerializer serializer = new StringSerializer()) {
      return serializer.serialize("runs", runId);
    }
  }
}
