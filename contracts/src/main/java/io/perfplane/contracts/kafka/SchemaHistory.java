package io.perfplane.contracts.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Earlier versions of each contract schema, kept as resources under {@code io/perfplane/contracts/history/}
 * named {@code <Record>-v<N>.avsc}. A schema change that adds a field with a default must copy the previous
 * {@code .avsc} there, so data already on the topics keeps decoding.
 */
public final class SchemaHistory {

  private static final String BASE = "/io/perfplane/contracts/history/";

  private SchemaHistory() {
  }

  /** Older versions of {@code current}, oldest first; empty when it never changed. */
  public static List<Schema> olderVersionsOf(Schema current) {
    List<Schema> older = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = BASE + current.getName() + "-v" + version + ".avsc";
      try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
        if (in == null) {
          return older;
        }
        older.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }
}
