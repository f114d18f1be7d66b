package io.perfplane.cost.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads scenarios from YAML:
 *
 * <pre>
 * scenarios:
 *   - name: 1k-users
 *     usersPerMonth: 1000
 *     concurrentUsers: {min: 10, max: 20}
 *     peakFactor: 2
 *     ...
 * </pre>
 *
 * Every field is required except {@code usesKafka} (default {@code false}: the workload does not use Kafka, so no
 * MSK is priced), unknown fields are rejected (a typo must not silently fall back to a default), and
 * every error is a {@link ScenarioException} naming the field, e.g. {@code scenarios[1].peakFactor: must be >= 1}.
 * Numbers are read as decimals from their YAML text, never through binary floating point.
 */
public final class ScenarioReader {

  private static final Set<String> FIELDS = Set.of("name", "usersPerMonth", "concurrentUsers", "peakFactor",
      "sessionsPerUserPerMonth", "requestsPerSession", "sessionMinutes", "initialDataGb", "dataGrowthGbPerMonth",
      "retentionMonths", "availability");
  private static final Set<String> OPTIONAL = Set.of("usesKafka");

  private ScenarioReader() {
  }

  /**
   * Parses and validates a scenario file.
   *
   * @param yaml the file, closed by this method
   * @param name where it came from, for error messages
   * @return the scenarios in file order, names unique, at least one
   * @throws ScenarioException if the file is malformed or a scenario invalid
   */
  public static List<Scenario> read(InputStream yaml, String name) {
    Object root;
    try (Reader reader = new InputStreamReader(yaml, StandardCharsets.UTF_8)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).load(reader);
    } catch (YAMLException e) {
      throw new ScenarioException("(file " + name + ")", "invalid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario file " + name, e);
    }
    Map<?, ?> document = map(root, "(root)");
    Set<Object> extra = new LinkedHashSet<>(document.keySet());
    extra.remove("scenarios");
    if (!extra.isEmpty()) {
      throw new ScenarioException(extra.iterator().next().toString(), "unknown field (expected 'scenarios')");
    }
    Object list = document.get("scenarios");
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      throw new ScenarioException("scenarios", "must be a non-empty list");
    }
    List<Scenario> scenarios = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "scenarios[" + i + "]";
      Scenario scenario = scenario(map(items.get(i), path), path);
      if (!names.add(scenario.name())) {
        throw new ScenarioException(path + ".name", "duplicate scenario name '" + scenario.name() + "'");
      }
      scenarios.add(scenario);
    }
    return List.copyOf(scenarios);
  }

  private static Scenario scenario(Map<?, ?> fields, String path) {
    for (Object key : fields.keySet()) {
      if (!FIELDS.contains(String.valueOf(key)) && !OPTIONAL.contains(String.valueOf(key))) {
        throw new ScenarioException(path + "." + key, "unknown field");
      }
    }
    for (String field : FIELDS) {
      if (fields.get(field) == null) {
        throw new ScenarioException(path + "." + field, "is required");
      }
    }
    Map<?, ?> concurrency = map(fields.get("concurrentUsers"), path + ".concurrentUsers");
    for (Object key : concurrency.keySet()) {
      if (!Set.of("min", "max").contains(String.valueOf(key))) {
        throw new ScenarioException(path + ".concurrentUsers." + key, "unknown field (expected min, max)");
      }
    }
    try {
      Availability availability;
      try {
        availability = Availability.of(String.valueOf(fields.get("availability")));
      } catch (IllegalArgumentException e) {
        throw new ScenarioException("availability", e.getMessage());
      }
      return new Scenario(string(fields.get("name")), whole(fields, "usersPerMonth"),
          new ConcurrentUsers(whole(concurrency, "min", "concurrentUsers.min"),
              whole(concurrency, "max", "concurrentUsers.max")),
          decimal(fields, "peakFactor"), decimal(fields, "sessionsPerUserPerMonth"),
          decimal(fields, "requestsPerSession"), decimal(fields, "sessionMinutes"), decimal(fields, "initialDataGb"),
          decimal(fields, "dataGrowthGbPerMonth"), Math.toIntExact(whole(fields, "retentionMonths")), availability,
          flag(fields, "usesKafka"));
    } catch (ScenarioException e) {
      throw e.under(path);
    }
  }

  private static Map<?, ?> map(@Nullable Object node, String path) {
    if (node instanceof Map<?, ?> map) {
      return map;
    }
    throw new ScenarioException(path, "must be a mapping, was " + describe(node));
  }

  private static String string(Object node) {
    if (node instanceof String text) {
      return text;
    }
    throw new ScenarioException("name", "must be a string, was " + describe(node));
  }

  private static long whole(Map<?, ?> fields, String field) {
    return whole(fields, field, field);
  }

  private static long whole(Map<?, ?> fields, String key, String field) {
    Object node = fields.get(key);
    if (node instanceof Integer || node instanceof Long) {
      return ((Number) node).longValue();
    }
    throw new ScenarioException(field, node == null ? "is required" : "must be a whole number, was " + describe(node));
  }

  private static BigDecimal decimal(Map<?, ?> fields, String field) {
    Object node = fields.get(field);
    if (node instanceof Integer || node instanceof Long || node instanceof java.math.BigInteger) {
      return new BigDecimal(node.toString());
    }
    if (node instanceof Double d && Double.isFinite(d)) {
      // Double.toString gives the shortest decimal that round-trips, i.e. the text written in the file.
      return new BigDecimal(d.toString());
    }
    throw new ScenarioException(field, "must be a number, was " + describe(node));
  }

  private static boolean flag(Map<?, ?> fields, String field) {
    Object node = fields.get(field);
    if (node == null) {
      return false;
    }
    if (node instanceof Boolean b) {
      return b;
    }
    throw new ScenarioException(field, "must be true or false, was " + describe(node));
  }

  private static String describe(@Nullable Object node) {
    return node == null ? "empty" : "'" + node + "'";
  }
}
