package io.perfplane.contracts.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.SloBreach;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * docs/schemas/ holds the JSON Schemas of the CloudEvents' {@code data}, generated from the Avro schemas: this test
 * fails when they drift; {@code -Dperfplane.docs.write=true} rewrites them.
 */
class JsonSchemasDocTest {

  private static final Path DIR = Path.of("../docs/schemas");
  private static final Map<String, Schema> SCHEMAS = Map.of("slo-breach", SloBreach.getClassSchema(),
      "capacity-event", CapacityEvent.getClassSchema(), "cost-estimate", CostEstimate.getClassSchema());

  @Test
  void publishedSchemasAreTheGeneratedOnes() throws IOException {
    boolean write = Boolean.getBoolean("perfplane.docs.write");
    for (Map.Entry<String, Schema> entry : SCHEMAS.entrySet()) {
      Path file = DIR.resolve(entry.getKey() + ".schema.json");
      String generated = AvroJsonSchema.of(entry.getValue(), "urn:perfplane:schema:" + entry.getKey());
      if (write) {
        Files.createDirectories(DIR);
        Files.writeString(file, generated);
      }
      assertThat(file).as("regenerate with -Dperfplane.docs.write=true").exists();
      assertThat(Files.readString(file)).as(file.toString()).isEqualTo(generated);
    }
  }
}
