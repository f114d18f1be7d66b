package io.perfplane.contracts.slo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads SLO definitions from an OpenSLO-like YAML file (format in docs/analyzer-service.md, example in
 * {@code slo-example.yml}). Every error names the file, the line and the field, e.g.
 * {@code slos.yml:7: slos[1].objective: unknown objective 'p97 < 5ms'}: a bad file fails the service at startup
 * instead of silently evaluating something else.
 *
 * <pre>
 * slos:
 *   - id: checkout-p95
 *     endpoint: POST /api/orders      # omit (or "*") for all endpoints together
 *     objective: p95 &lt; 500ms          # p50|p90|p95|p99|p99.9 &lt; N ms|s
 *     window: 10s
 *   - id: availability
 *     objective: availability &gt;= 99.9%   # error-ratio budget 0.1 %; or: error_rate &lt;= 1%
 *     burnRate:
 *       budgetPeriod: 12h             # scales the workbook windows: 12h / 30d = 1/60 (1h/5m becomes 60s/5s)
 * </pre>
 */
public final class SloFile {

  /** The SLO period the workbook's burn-rate windows were designed for. */
  static final Duration WORKBOOK_PERIOD = Duration.ofDays(30);
  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  static final int DEFAULT_MIN_REQUESTS = 20;

  private static final Set<String> TOP_KEYS = Set.of("apiVersion", "kind", "metadata", "defaults", "slos",
      "schema");
  private static final Set<String> DEFAULT_KEYS = Set.of("window", "minRequests", "budgetPeriod", "for",
      "keepFiringFor");
  private static final Set<String> SLO_KEYS = Set.of("id", "description", "endpoint", "objective", "window",
      "minRequests", "abortOnFail", "burnRate", "for", "keepFiringFor", "metric");
  private static final Set<String> BURN_KEYS = Set.of("budgetPeriod", "rules");
  private static final Set<String> RULE_KEYS = Set.of("factor", "long", "short");
  private static final Pattern LATENCY = Pattern.compile(
      "p\\(?(50|75|90|95|99|99\\.9)\\)?\\s*<=?\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)?", Pattern.CASE_INSENSITIVE);
  /** {@code checks > 95%}: the pass rate of the check outcomes. */
  private static final Pattern CHECKS = Pattern.compile(
      "checks\\s*>=?\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%", Pattern.CASE_INSENSITIVE);
  /** A named measurement's metric: {@code server_timing.<name>}, {@code web_vital.<name>}, {@code custom.<name>}. */
  private static final Pattern MEASUREMENT = Pattern.compile("(server_timing|web_vital|custom)\\.[A-Za-z0-9_.-]+");
  private static final Pattern AVAILABILITY = Pattern.compile(
      "availability\\s*>=?\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%", Pattern.CASE_INSENSITIVE);
  private static final Pattern ERROR_RATE = Pattern.compile(
      "error_rate\\s*<=?\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(%?)", Pattern.CASE_INSENSITIVE);

  private final String source;
  private final YamlFields yaml;

  private SloFile(String source) {
    this.source = source;
    this.yaml = new YamlFields(source);
  }

  /** Thrown for an unreadable or invalid file; the message names the file, line and field. */
  public static final class InvalidSloFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;
    private final int line;

    InvalidSloFileException(String message, @Nullable Throwable cause) {
      this(message, "(document)", message, 0, cause);
    }

    InvalidSloFileException(String message, String field, String problem, int line, @Nullable Throwable cause) {
      super(message, cause);
      this.field = field;
      this.problem = problem;
      this.line = line;
    }

    /** The offending field, e.g. {@code slos[1].objective}; {@code (document)} when the whole text is at fault. */
    public String field() {
      return field;
    }

    /** What is wrong with the field, without source, line or field. */
    public String problem() {
      return problem;
    }

    /** 1-based line within the parsed text; 0 when unknown. */
    public int line() {
      return line;
    }
  }

  /**
   * What an SLO file yields.
   *
   * @param slos the SLOs, in file order
   * @param notes what the file says that perfplane does not apply, one line each ({@code file:line: field: why}),
   *     e.g. an OpenSLO indicator's Prometheus query; empty for perfplane's own format
   * @param format {@code perfplane}, {@code openslo/v1} or {@code sloth prometheus/v1}
   */
  public record Loaded(List<Slo> slos, List<String> notes, String format) {
    public Loaded {
      slos = List.copyOf(slos);
      notes = List.copyOf(notes);
    }
  }

  /** The SLOs of {@code file}, in file order, in any of the formats {@link #read(Path)} takes. */
  public static List<Slo> load(Path file) {
    return read(file).slos();
  }

  /**
   * Reads perfplane's SLO format, OpenSLO v1 ({@code apiVersion: openslo/v1}, several documents) or Sloth's
   * {@code prometheus/v1} spec ({@code version: prometheus/v1}), telling them apart by those keys.
   */
  public static Loaded read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidSloFileException("SLO file " + file + " cannot be read: " + e, e);
    }
    return read(file.toString(), text);
  }

  /**
   * As {@link #read(Path)}, from text.
   *
   * @param source what errors and notes call the document, usually its path
   */
  public static Loaded read(String source, String text) {
    List<Node> documents = new ArrayList<>();
    try {
      for (Node document : new Yaml(new LoaderOptions()).composeAll(new StringReader(text))) {
        documents.add(document);
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InvalidSloFileException(source + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (RuntimeException e) {
      throw new InvalidSloFileException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    YamlFields yaml = new YamlFields(source);
    if (!documents.isEmpty() && documents.getFirst() instanceof MappingNode first) {
      Map<String, Node> top = yaml.lenientMapping(first, "(document)");
      String apiVersion = top.get("apiVersion") instanceof ScalarNode v ? v.getValue().trim() : "";
      String version = top.get("version") instanceof ScalarNode v ? v.getValue().trim() : "";
      if (apiVersion.startsWith("openslo/")) {
        return new OpenSloReader(yaml).read(documents);
      }
      if (version.startsWith("prometheus/")) {
        return new SlothReader(yaml).read(first);
      }
    }
    if (documents.size() > 1) {
      throw yaml.error(documents.get(1), "(document)", "perfplane's SLO format is one YAML document; several "
          + "documents are read only as OpenSLO (apiVersion: openslo/v1)");
    }
    return new Loaded(new SloFile(source).read(new StringReader(text)), List.of(), "perfplane");
  }

  /**
   * The SLOs in {@code yaml}, in perfplane's own format only (a definition's {@code slos:}, a run's SLOs).
   *
   * @param source what errors call the document, usually its path
   */
  public static List<Slo> parse(String source, Reader yaml) {
    return new SloFile(source).read(yaml);
  }

  private List<Slo> read(Reader yaml) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(yaml);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InvalidSloFileException(source + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (RuntimeException e) {
      throw new InvalidSloFileException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new InvalidSloFileException(source + ":1: slos: the file is empty, at least one SLO is required", null);
    }
    Map<String, Node> top = mapping(root, "(document)", TOP_KEYS);
    Map<String, Node> defaults = top.containsKey("defaults")
        ? mapping(top.get("defaults"), "defaults", DEFAULT_KEYS) : Map.of();
    Duration defaultWindow = defaults.containsKey("window")
        ? duration(defaults.get("window"), "defaults.window") : DEFAULT_WINDOW;
    int defaultMinRequests = defaults.containsKey("minRequests")
        ? positiveInt(defaults.get("minRequests"), "defaults.minRequests") : DEFAULT_MIN_REQUESTS;
    Duration defaultPeriod = defaults.containsKey("budgetPeriod")
        ? duration(defaults.get("budgetPeriod"), "defaults.budgetPeriod") : null;

    Node slosNode = top.get("slos");
    if (slosNode == null) {
      throw error(root, "slos", "is required (a list of SLO definitions)");
    }
    if (!(slosNode instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      throw error(slosNode, "slos", "must be a non-empty list");
    }
    List<Slo> slos = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node node = sequence.getValue().get(i);
      String field = "slos[" + i + "]";
      Slo slo = slo(node, field, defaultWindow, defaultMinRequests, defaultPeriod);
      Map<String, Node> keys = mapping(node, field, SLO_KEYS);
      // defaults.for/keepFiringFor are for threshold SLOs: a burn-rate SLO's long window already is its 'for'.
      boolean threshold = slo.burnRate() == null;
      Duration pendingFor = keys.containsKey("for") ? duration0(keys.get("for"), field + ".for")
          : threshold && defaults.containsKey("for") ? duration0(defaults.get("for"), "defaults.for") : null;
      Duration keepFiringFor = keys.containsKey("keepFiringFor")
          ? duration0(keys.get("keepFiringFor"), field + ".keepFiringFor")
          : threshold && defaults.containsKey("keepFiringFor")
              ? duration0(defaults.get("keepFiringFor"), "defaults.keepFiringFor") : null;
      if (pendingFor != null || keepFiringFor != null) {
        slo = slo.withLifecycle(pendingFor, keepFiringFor);
      }
      if (!ids.add(slo.id())) {
        throw error(node, field + ".id", "duplicate SLO id '" + slo.id() + "'");
      }
      slos.add(slo);
    }
    return List.copyOf(slos);
  }

  private Slo slo(Node node, String field, Duration defaultWindow, int defaultMinRequests,
      @Nullable Duration defaultPeriod) {
    Map<String, Node> slo = mapping(node, field, SLO_KEYS);
    String id = requiredText(slo, node, field, "id");
    String endpoint = slo.containsKey("endpoint") ? text(slo.get("endpoint"), field + ".endpoint") : Slo.ALL_ENDPOINTS;
    Node objectiveNode = slo.get("objective");
    if (objectiveNode == null) {
      throw error(node, field + ".objective", "is required, e.g. 'p95 < 500ms' or 'availability >= 99.9%'");
    }
    String objectiveText = text(objectiveNode, field + ".objective");
    Indicator indicator;
    double objective;
    Matcher m;
    Node metricNode = slo.get("metric");
    String metricText = metricNode == null ? null : text(metricNode, field + ".metric").trim();
    boolean measurement = metricText != null && MEASUREMENT.matcher(metricText).matches();
    Slo.Measure measure = null;
    if ((m = LATENCY.matcher(objectiveText.trim())).matches()) {
      indicator = switch (m.group(1)) {
        case "50" -> Indicator.LATENCY_P50;
        case "75" -> Indicator.LATENCY_P75;
        case "90" -> Indicator.LATENCY_P90;
        case "95" -> Indicator.LATENCY_P95;
        case "99" -> Indicator.LATENCY_P99;
        default -> Indicator.LATENCY_P999;
      };
      boolean unitless = m.group(3) == null;
      if (unitless && !measurement) {
        throw error(objectiveNode, field + ".objective", "a latency objective needs a unit (ms or s): '"
            + objectiveText + "'; only a score measurement (metric: web_vital.cls) takes a plain number");
      }
      objective = Double.parseDouble(m.group(2)) * (!unitless && m.group(3).equalsIgnoreCase("s") ? 1000.0 : 1.0);
      if (measurement) {
        measure = new Slo.Measure(metricText, unitless);
      }
    } else if ((m = CHECKS.matcher(objectiveText.trim())).matches()) {
      indicator = Indicator.ERROR_RATE;
      double passRate = Double.parseDouble(m.group(1));
      if (!(passRate > 0 && passRate <= 100)) {
        throw error(objectiveNode, field + ".objective", "a checks pass rate must be above 0% and at most 100%: "
            + objectiveText);
      }
      // Failed checks are the errors: 95 % passing = at most 5 % failing, rounded as availability's budget.
      objective = Math.round((100.0 - passRate) * 1e9) / 1e11;
      measure = Slo.Measure.CHECKS;
      if (metricText != null && !metricText.equals(Slo.Measure.CHECKS.name())) {
        throw error(metricNode, field + ".metric", "a 'checks > N%' objective judges the check outcomes; leave out"
            + " metric or write metric: checks, not '" + metricText + "'");
      }
    } else if ((m = AVAILABILITY.matcher(objectiveText.trim())).matches()) {
      indicator = Indicator.ERROR_RATE;
      double availability = Double.parseDouble(m.group(1));
      if (!(availability > 0 && availability < 100)) {
        throw error(objectiveNode, field + ".objective", "availability must be between 0% and 100% (exclusive): "
            + objectiveText);
      }
      // 99.9 % availability = 0.1 % error budget; rounded so 100 - 99.9 is 0.001, not 0.0010000000000000009.
      objective = Math.round((100.0 - availability) * 1e9) / 1e11;
    } else if ((m = ERROR_RATE.matcher(objectiveText.trim())).matches()) {
      indicator = Indicator.ERROR_RATE;
      objective = Double.parseDouble(m.group(1)) / (m.group(2).isEmpty() ? 1.0 : 100.0);
      if (objective > 1) {
        throw error(objectiveNode, field + ".objective", "error rate must be at most 100%: " + objectiveText);
      }
    } else {
      throw error(objectiveNode, field + ".objective", "unknown objective '" + objectiveText
          + "'; expected 'pNN < N ms' or 'p(NN) < N ms' (NN = 50, 75, 90, 95, 99, 99.9), 'availability >= N%',"
          + " 'error_rate <= N%' or 'checks > N%'");
    }
    Duration window = slo.containsKey("window") ? duration(slo.get("window"), field + ".window") : defaultWindow;
    int minRequests = slo.containsKey("minRequests")
        ? positiveInt(slo.get("minRequests"), field + ".minRequests") : defaultMinRequests;
    boolean abortOnFail = slo.containsKey("abortOnFail") && bool(slo.get("abortOnFail"), field + ".abortOnFail");
    BurnRatePolicy burnRate = null;
    Node burnNode = slo.get("burnRate");
    if (burnNode != null) {
      if (indicator != Indicator.ERROR_RATE) {
        throw error(burnNode, field + ".burnRate", "burn-rate rules need a ratio objective ('availability >= N%' "
            + "or 'error_rate <= N%'), not '" + objectiveText + "'");
      }
      if (objective <= 0) {
        throw error(objectiveNode, field + ".objective", "a burn-rate SLO needs a non-zero error budget");
      }
      burnRate = burnRate(burnNode, field + ".burnRate", 1.0 - objective, defaultPeriod);
    }
    LatencyMetric metric = LatencyMetric.LATENCY;
    if (metricText != null && measure == null) {
      if (measurement || metricText.equals(Slo.Measure.CHECKS.name())) {
        throw error(metricNode, field + ".metric", "metric " + metricText + " needs "
            + (measurement ? "a percentile objective ('p95 < 100ms')" : "a pass-rate objective ('checks > 95%')")
            + ", not '" + objectiveText + "'");
      }
      metric = LatencyMetric.byId(metricText).orElseThrow(() -> error(metricNode, field + ".metric",
          "unknown metric '" + metricText + "'; expected latency (corrected, the default), service_time, ttfb,"
              + " server_timing.<name>, web_vital.<name>, custom.<name> or checks"));
      if (indicator == Indicator.ERROR_RATE && metric != LatencyMetric.LATENCY) {
        throw error(metricNode, field + ".metric", "metric " + metric.id() + " needs a latency objective ('pNN < N "
            + "ms'), not '" + objectiveText + "'");
      }
    }
    try {
      return new Slo(id, endpoint.isBlank() ? Slo.ALL_ENDPOINTS : endpoint, indicator, objective, window,
          minRequests, abortOnFail, burnRate, null, null, metric, measure);
    } catch (IllegalArgumentException e) {
      throw error(node, field, e.getMessage());
    }
  }

  private BurnRatePolicy burnRate(Node node, String field, double target, @Nullable Duration defaultPeriod) {
    Map<String, Node> burn = mapping(node, field, BURN_KEYS);
    Duration period = burn.containsKey("budgetPeriod")
        ? duration(burn.get("budgetPeriod"), field + ".budgetPeriod") : defaultPeriod;
    if (period == null) {
      throw error(node, field + ".budgetPeriod", "is required (here or in defaults): the period the error budget "
          + "covers, which scales the rules' windows (period / 30d)");
    }
    if (period.compareTo(WORKBOOK_PERIOD) > 0) {
      throw error(burn.getOrDefault("budgetPeriod", node), field + ".budgetPeriod", "must be at most 30d: "
          + period);
    }
    double timeScale = (double) period.toMillis() / WORKBOOK_PERIOD.toMillis();
    List<BurnRatePolicy.Rule> rules = BurnRatePolicy.WORKBOOK_RULES;
    Node rulesNode = burn.get("rules");
    if (rulesNode != null) {
      if (!(rulesNode instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
        throw error(rulesNode, field + ".rules", "must be a non-empty list of {factor, long, short}");
      }
      rules = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        Node ruleNode = sequence.getValue().get(i);
        String ruleField = field + ".rules[" + i + "]";
        Map<String, Node> rule = mapping(ruleNode, ruleField, RULE_KEYS);
        for (String key : List.of("factor", "long", "short")) {
          if (!rule.containsKey(key)) {
            throw error(ruleNode, ruleField + "." + key, "is required");
          }
        }
        double factor = number(rule.get("factor"), ruleField + ".factor");
        Duration longWindow = duration(rule.get("long"), ruleField + ".long");
        Duration shortWindow = duration(rule.get("short"), ruleField + ".short");
        try {
          rules.add(new BurnRatePolicy.Rule(factor, longWindow, shortWindow));
        } catch (IllegalArgumentException e) {
          throw error(ruleNode, ruleField, e.getMessage());
        }
      }
    }
    try {
      return new BurnRatePolicy(target, rules, timeScale);
    } catch (IllegalArgumentException e) {
      throw error(node, field, e.getMessage());
    }
  }

  private Map<String, Node> mapping(Node node, String field, Set<String> allowed) {
    return yaml.mapping(node, field, allowed);
  }

  private String requiredText(Map<String, Node> map, Node parent, String field, String key) {
    return yaml.requiredText(map, parent, field, key);
  }

  private String text(Node node, String field) {
    return yaml.text(node, field);
  }

  private Duration duration(Node node, String field) {
    return yaml.duration(node, field);
  }

  /** A breach lifecycle duration: whole seconds, 0 allowed (fire or resolve at once). */
  private Duration duration0(Node node, String field) {
    if (yaml.text(node, field).trim().matches("0+(ms|s|m|h)?")) {
      return Duration.ZERO;
    }
    Duration duration = duration(node, field);
    if (duration.toMillis() % 1000 != 0) {
      throw error(node, field, "must be whole seconds: " + duration.toMillis() + "ms");
    }
    return duration;
  }

  private int positiveInt(Node node, String field) {
    return yaml.positiveInt(node, field);
  }

  private double number(Node node, String field) {
    return yaml.number(node, field);
  }

  private boolean bool(Node node, String field) {
    return yaml.bool(node, field);
  }

  private InvalidSloFileException error(Node node, String field, String problem) {
    return yaml.error(node, field, problem);
  }
}
