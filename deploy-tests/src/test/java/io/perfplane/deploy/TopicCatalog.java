package io.perfplane.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topic catalog as contracts' {@code Topics.java} declares it: name, partitions, compaction. */
final class TopicCatalog {

  /** One catalog entry. */
  record Spec(String name, int partitions, boolean compacted) {
  }

  // new Topic<>("request-samples", Serdes.String(), AvroSerde.of(X.class), 6, Duration.ofDays(7), false)
  private static final Pattern TOPIC = Pattern.compile(
      "new Topic<>\\(\\s*\"([a-z0-9.-]+)\",.*?,\\s*(\\d+),\\s*(?:null|Duration\\.[^,]+),\\s*(true|false)\\s*\\)",
      Pattern.DOTALL);

  private TopicCatalog() {
  }

  static Map<String, Spec> topics() {
    try {
      String source = Files.readString(Repo.path("contracts/src/main/java/io/perfplane/contracts/kafka/Topics.java"));
      Map<String, Spec> topics = new LinkedHashMap<>();
      Matcher matcher = TOPIC.matcher(source);
      while (matcher.find()) {
        topics.put(matcher.group(1), new Spec(matcher.group(1), Integer.parseInt(matcher.group(2)),
            Boolean.parseBoolean(matcher.group(3))));
      }
      if (topics.size() < 5) {
        throw new IllegalStateException("Topics.java no longer matches the catalog pattern: " + topics.keySet());
      }
      return topics;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
