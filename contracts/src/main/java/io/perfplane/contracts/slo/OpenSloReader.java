package io.perfplane.contracts.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Maps OpenSLO v1 ({@code apiVersion: openslo/v1}) onto perfplane's SLOs, for {@code --slo} and
 * {@code PERFPLANE_SLO_FILE}. A load test measures every request itself, so what only a monitoring system can use
 * (metric queries, data sources, notification targets) is reported as a note, never silently dropped, and what
 * cannot be mapped is an error naming line and field. The mapping (docs/analyzer-service.md, "OpenSLO and Sloth"):
 * <ul>
 *   <li>an objective with {@code op: lt|lte}, {@code value: V} and {@code target: T} (a threshold SLI) is the latency
 *       objective "p(100·T) &lt; V ms"; T must be 0.5, 0.9, 0.95, 0.99 or 0.999;</li>
 *   <li>an objective with only a target (a ratio SLI) is "availability &gt;= 100·T %" over all requests;</li>
 *   <li>{@code timeSliceWindow} is the rolling evaluation window;</li>
 *   <li>a {@code burnrate} AlertCondition (inline or by reference, through an AlertPolicy) is a burn-rate rule: factor
 *       {@code threshold}, long window {@code lookbackWindow}, short window a twelfth of it (the SRE workbook's 1 h / 5
 *       m ratio), all scaled by budget period / 30 d;</li>
 *   <li>perfplane's own settings ride in {@code metadata.annotations}: {@code perfplane.io/endpoint},
 *       {@code perfplane.io/budget-period} (default 12h), {@code perfplane.io/abort-on-fail},
 *       {@code perfplane.io/value-unit} ({@code ms}, default, or {@code s}), {@code perfplane.io/min-requests}.</li>
 * </ul>
 */
final class OpenSloReader {

  static final String ANNOTATION = "perfplane.io/";
  /** The error-budget period a load test's burn rates are scaled to when the file names none (as slo-example.yml). */
  static final Duration DEFAULT_BUDGET_PERIOD = Duration.ofHours(12);

  private final YamlFields yaml;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Node> slis = new HashMap<>();
  private final Map<String, Node> policies = new HashMap<>();
  private final Map<String, Node> conditions = new HashMap<>();

  OpenSloReader(YamlFields yaml) {
    this.yaml = yaml;
  }

  SloFile.Loaded read(List<Node> documents) {
    List<Node> slos = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      Node document = documents.get(i);
      String field = documents.size() == 1 ? "(document)" : "document[" + i + "]";
      Map<String, Node> top = yaml.lenientMapping(document, field);
      String apiVersion = yaml.requiredText(top, document, field, "apiVersion").trim();
      if (!apiVersion.equals("openslo/v1")) {
        throw yaml.error(top.get("apiVersion"), YamlFields.child(field, "apiVersion"),
            "only openslo/v1 is read, not '" + apiVersion + "'");
      }
      String kind = yaml.requiredText(top, document, field, "kind").trim();
      switch (kind) {
        case "SLO" -> slos.add(document);
        case "SLI" -> slis.put(name(top, document, field), document);
        case "AlertPolicy" -> policies.put(name(top, document, field), document);
        case "AlertCondition" -> conditions.put(name(top, document, field), document);
        default -> notes.add(yaml.note(top.get("kind"), YamlFields.child(field, "kind"),
            kind + " is not used by a load test"));
      }
    }
    if (slos.isEmpty()) {
      throw yaml.error(documents.getFirst(), "kind", "no document of kind SLO");
    }
    List<Slo> result = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Node document : slos) {
      for (Slo slo : slo(document)) {
        if (!ids.add(slo.id())) {
          throw yaml.error(document, "metadata.name", "duplicate SLO id '" + slo.id() + "'");
        }
        result.add(slo);
      }
    }
    return new SloFile.Loaded(result, notes, "openslo/v1");
  }

  private String name(Map<String, Node> top, Node document, String field) {
    Node metadata = top.get("metadata");
    if (metadata == null) {
      throw yaml.error(document, YamlFields.child(field, "metadata.name"), "is required");
    }
    return yaml.requiredText(yaml.lenientMapping(metadata, "metadata"), metadata, "metadata", "name").trim();
  }

  private List<Slo> slo(Node document) {
    Map<String, Node> top = yaml.lenientMapping(document, "(document)");
    String name = name(top, document, "(document)");
    String at = "SLO " + name;
    Map<String, Node> metadata = yaml.lenientMapping(top.get("metadata"), at + ".metadata");
    Map<String, String> annotations = annotations(metadata, at);
    Node specNode = top.get("spec");
    if (specNode == null) {
      throw yaml.error(document, at + ".spec", "is required");
    }
    Map<String, Node> spec = yaml.lenientMapping(specNode, at + ".spec");
    if (spec.containsKey("service")) {
      notes.add(yaml.note(spec.get("service"), at + ".spec.service", "not used: a load test's SLOs apply to the "
          + "run's target (set perfplane.io/endpoint to narrow one to an endpoint)"));
    }
    indicatorNotes(specNode, spec, at);
    Duration period = annotations.containsKey("budget-period")
        ? yaml.duration(annotationNode(metadata, "budget-period"), at + ".metadata.annotations[perfplane.io/budget-period]")
        : DEFAULT_BUDGET_PERIOD;
    if (period.compareTo(SloFile.WORKBOOK_PERIOD) > 0) {
      throw yaml.error(annotationNode(metadata, "budget-period"), at + ".metadata.annotations[perfplane.io/budget-period]",
          "must be at most 30d: " + period);
    }
    if (spec.containsKey("timeWindow")) {
      notes.add(yaml.note(YamlFields.keyNode(specNode, "timeWindow"), at + ".spec.timeWindow", "the production SLO period is not a load "
          + "test's; burn-rate windows are scaled to a " + human(period) + " error-budget period instead "
          + "(annotation perfplane.io/budget-period)"));
    }
    String endpoint = annotations.getOrDefault("endpoint", Slo.ALL_ENDPOINTS);
    boolean abortOnFail = annotations.containsKey("abort-on-fail") && yaml.bool(annotationNode(metadata,
        "abort-on-fail"), at + ".metadata.annotations[perfplane.io/abort-on-fail]");
    int minRequests = annotations.containsKey("min-requests")
        ? yaml.positiveInt(annotationNode(metadata, "min-requests"), at + ".metadata.annotations[perfplane.io/min-requests]")
        : SloFile.DEFAULT_MIN_REQUESTS;
    double valueScale = switch (annotations.getOrDefault("value-unit", "ms").trim().toLowerCase(Locale.ROOT)) {
      case "ms" -> 1.0;
      case "s" -> 1000.0;
      default -> throw yaml.error(annotationNode(metadata, "value-unit"),
          at + ".metadata.annotations[perfplane.io/value-unit]", "must be ms or s");
    };
    List<BurnRatePolicy.Rule> rules = burnRules(spec, at);

    Node objectivesNode = spec.get("objectives");
    if (!(objectivesNode instanceof SequenceNode objectives) || objectives.getValue().isEmpty()) {
      throw yaml.error(objectivesNode == null ? specNode : objectivesNode, at + ".spec.objectives",
          "must be a non-empty list");
    }
    List<Slo> slos = new ArrayList<>();
    for (int i = 0; i < objectives.getValue().size(); i++) {
      Node node = objectives.getValue().get(i);
      String field = at + ".spec.objectives[" + i + "]";
      Map<String, Node> objective = yaml.lenientMapping(node, field);
      String id = objectives.getValue().size() == 1 ? name : name + "-" + (i + 1);
      double target = target(objective, node, field);
      Duration window = objective.containsKey("timeSliceWindow")
          ? timeSlice(objective.get("timeSliceWindow"), field + ".timeSliceWindow") : SloFile.DEFAULT_WINDOW;
      for (String composite : List.of("indicator", "indicatorRef", "compositeWeight")) {
        if (objective.containsKey(composite)) {
          notes.add(yaml.note(objective.get(composite), field + "." + composite, "composite SLOs are not mapped; "
              + "this objective is evaluated over the run's requests"));
        }
      }
      Slo slo;
      if (objective.containsKey("value")) {
        String op = objective.containsKey("op") ? yaml.text(objective.get("op"), field + ".op").trim() : "";
        if (!op.equals("lt") && !op.equals("lte")) {
          throw yaml.error(objective.getOrDefault("op", node), field + ".op", "a threshold objective maps to a "
              + "latency percentile only with op lt or lte, not '" + op + "'");
        }
        Indicator indicator = percentile(target, objective, node, field);
        double ms = yaml.number(objective.get("value"), field + ".value") * valueScale;
        if (!rules.isEmpty()) {
          notes.add(yaml.note(node, field, "burn-rate alerting applies to ratio objectives; this latency objective "
              + "is checked over its rolling window"));
        }
        slo = slo(id, endpoint, indicator, ms, window, minRequests, abortOnFail, null, node, field);
      } else {
        if (objective.containsKey("op")) {
          notes.add(yaml.note(objective.get("op"), field + ".op", "ignored without a value (ratio objective)"));
        }
        double errorBudget = Math.round((1.0 - target) * 1e9) / 1e9;
        BurnRatePolicy burn = rules.isEmpty() ? null : policy(target, rules, period, node, field);
        slo = slo(id, endpoint, Indicator.ERROR_RATE, errorBudget, window, minRequests, abortOnFail, burn, node,
            field);
      }
      slos.add(slo);
    }
    return slos;
  }

  private Slo slo(String id, String endpoint, Indicator indicator, double objective, Duration window,
      int minRequests, boolean abortOnFail, @Nullable BurnRatePolicy burn, Node node, String field) {
    try {
      return new Slo(id, endpoint.isBlank() ? Slo.ALL_ENDPOINTS : endpoint, indicator, objective, window,
          minRequests, abortOnFail, burn);
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, field, e.getMessage());
    }
  }

  private BurnRatePolicy policy(double target, List<BurnRatePolicy.Rule> rules, Duration period, Node node,
      String field) {
    try {
      return new BurnRatePolicy(target, rules, (double) period.toMillis() / SloFile.WORKBOOK_PERIOD.toMillis());
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, field, e.getMessage());
    }
  }

  private double target(Map<String, Node> objective, Node node, String field) {
    if (objective.containsKey("target") == objective.containsKey("targetPercent")) {
      throw yaml.error(node, field + ".target", "exactly one of target (0..1) and targetPercent (0..100) is required");
    }
    double target = objective.containsKey("target")
        ? yaml.number(objective.get("target"), field + ".target")
        : yaml.number(objective.get("targetPercent"), field + ".targetPercent") / 100.0;
    target = Math.round(target * 1e12) / 1e12; // 99.9 / 100 is 0.9990000000000001
    if (!(target > 0 && target < 1)) {
      throw yaml.error(objective.getOrDefault("target", objective.get("targetPercent")), field + ".target",
          "must be in (0, 1) (targetPercent in (0, 100)): " + target);
    }
    return target;
  }

  private Indicator percentile(double target, Map<String, Node> objective, Node node, String field) {
    for (Indicator indicator : Indicator.values()) {
      if (indicator != Indicator.ERROR_RATE && Math.abs(indicator.percentile() / 100.0 - target) < 1e-9) {
        return indicator;
      }
    }
    throw yaml.error(objective.getOrDefault("target", objective.getOrDefault("targetPercent", node)),
        field + ".target", "a threshold objective's target is the latency percentile; perfplane evaluates 0.5, 0.9, "
            + "0.95, 0.99 and 0.999, not " + target);
  }

  /** OpenSLO's timeSliceWindow: a duration, or a plain number of minutes. */
  private Duration timeSlice(Node node, String field) {
    String text = yaml.text(node, field).trim();
    return text.matches("[0-9]+") ? Duration.ofMinutes(Long.parseLong(text)) : yaml.duration(node, field);
  }

  private void indicatorNotes(Node specNode, Map<String, Node> spec, String at) {
    Node indicator = spec.get("indicator");
    String field = at + ".spec.indicator";
    if (indicator == null && spec.containsKey("indicatorRef")) {
      String ref = yaml.text(spec.get("indicatorRef"), at + ".spec.indicatorRef").trim();
      indicator = slis.get(ref);
      field = "SLI " + ref;
      if (indicator == null) {
        notes.add(yaml.note(spec.get("indicatorRef"), at + ".spec.indicatorRef", "SLI '" + ref + "' is not in the "
            + "file; the objectives alone decide (value: latency, none: error ratio)"));
        return;
      }
    }
    if (indicator != null) {
      notes.add(yaml.note(field.startsWith("SLI ") ? indicator : YamlFields.keyNode(specNode, "indicator"), field, "metric queries are not run: perfplane measures each request itself "
          + "(latency and error from the samples)"));
    }
  }

  private List<BurnRatePolicy.Rule> burnRules(Map<String, Node> spec, String at) {
    List<BurnRatePolicy.Rule> rules = new ArrayList<>();
    if (!(spec.get("alertPolicies") instanceof SequenceNode list)) {
      return rules;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      Node entry = list.getValue().get(i);
      String field = at + ".spec.alertPolicies[" + i + "]";
      Map<String, Node> ref = yaml.lenientMapping(entry, field);
      Node policy = entry;
      if (ref.containsKey("alertPolicyRef")) {
        String name = yaml.text(ref.get("alertPolicyRef"), field + ".alertPolicyRef").trim();
        policy = policies.get(name);
        if (policy == null) {
          throw yaml.error(ref.get("alertPolicyRef"), field + ".alertPolicyRef", "no AlertPolicy '" + name
              + "' in the file");
        }
        field = "AlertPolicy " + name;
      }
      Node policySpecNode = required(yaml.lenientMapping(policy, field), policy, field, "spec");
      Map<String, Node> policySpec = yaml.lenientMapping(policySpecNode, field + ".spec");
      if (policySpec.containsKey("notificationTargets")) {
        notes.add(yaml.note(YamlFields.keyNode(policySpecNode, "notificationTargets"), field + ".spec.notificationTargets", "not notified: "
            + "breaches go to the slo-breaches topic and the run's summary"));
      }
      if (!(policySpec.get("conditions") instanceof SequenceNode conditionList)) {
        throw yaml.error(policy, field + ".spec.conditions", "must be a list of one AlertCondition");
      }
      for (int c = 0; c < conditionList.getValue().size(); c++) {
        rules.add(rule(conditionList.getValue().get(c), field + ".spec.conditions[" + c + "]"));
      }
    }
    return rules;
  }

  private BurnRatePolicy.Rule rule(Node entry, String field) {
    Map<String, Node> ref = yaml.lenientMapping(entry, field);
    Node condition = entry;
    if (ref.containsKey("conditionRef")) {
      String name = yaml.text(ref.get("conditionRef"), field + ".conditionRef").trim();
      condition = conditions.get(name);
      if (condition == null) {
        throw yaml.error(ref.get("conditionRef"), field + ".conditionRef", "no AlertCondition '" + name
            + "' in the file");
      }
      field = "AlertCondition " + name;
    }
    Map<String, Node> spec = yaml.lenientMapping(required(yaml.lenientMapping(condition, field), condition, field,
        "spec"), field + ".spec");
    Node conditionNode = required(spec, condition, field + ".spec", "condition");
    String at = field + ".spec.condition";
    Map<String, Node> c = yaml.lenientMapping(conditionNode, at);
    String kind = c.containsKey("kind") ? yaml.text(c.get("kind"), at + ".kind").trim() : "burnrate";
    if (!kind.equalsIgnoreCase("burnrate")) {
      throw yaml.error(c.get("kind"), at + ".kind", "only burnrate conditions can be evaluated, not '" + kind + "'");
    }
    String op = yaml.requiredText(c, conditionNode, at, "op").trim();
    if (op.equals("lt") || op.equals("lte")) {
      notes.add(yaml.note(c.get("op"), at + ".op", "'" + op + "' read as gte: the alert fires when the budget "
          + "burns at least threshold times too fast"));
    }
    double factor = yaml.number(required(c, conditionNode, at, "threshold"), at + ".threshold");
    Duration lookback = yaml.duration(required(c, conditionNode, at, "lookbackWindow"), at + ".lookbackWindow");
    if (c.containsKey("alertAfter")) {
      notes.add(yaml.note(c.get("alertAfter"), at + ".alertAfter", "not applied: the short window (lookback / 12) "
          + "keeps the alert from firing on a blip"));
    }
    try {
      return new BurnRatePolicy.Rule(factor, lookback, lookback.dividedBy(12));
    } catch (IllegalArgumentException e) {
      throw yaml.error(conditionNode, at, e.getMessage());
    }
  }

  private Node required(Map<String, Node> map, Node parent, String field, String key) {
    Node node = map.get(key);
    if (node == null) {
      throw yaml.error(parent, YamlFields.child(field, key), "is required");
    }
    return node;
  }

  private Map<String, String> annotations(Map<String, Node> metadata, String at) {
    Map<String, String> values = new HashMap<>();
    Node node = metadata.get("annotations");
    if (node == null) {
      return values;
    }
    for (Map.Entry<String, Node> entry : yaml.lenientMapping(node, at + ".metadata.annotations").entrySet()) {
      if (entry.getKey().startsWith(ANNOTATION)) {
        String key = entry.getKey().substring(ANNOTATION.length());
        if (!Set.of("endpoint", "budget-period", "abort-on-fail", "value-unit", "min-requests").contains(key)) {
          throw yaml.error(YamlFields.keyNode(node, entry.getKey()), at + ".metadata.annotations[" + entry.getKey()
              + "]", "unknown perfplane annotation; expected perfplane.io/ endpoint, budget-period, abort-on-fail, "
              + "value-unit or min-requests");
        }
        values.put(key, yaml.text(entry.getValue(), at + ".metadata.annotations[" + entry.getKey() + "]"));
      }
    }
    return values;
  }

  private static Node annotationNode(Map<String, Node> metadata, String key) {
    Node annotations = metadata.get("annotations");
    Map<String, Node> map = new HashMap<>();
    if (annotations instanceof MappingNode m) {
      for (NodeTuple tuple : m.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k) {
          map.put(k.getValue(), tuple.getValueNode());
        }
      }
    }
    return map.getOrDefault(ANNOTATION + key, annotations);
  }

  static String human(Duration duration) {
    if (duration.toDays() > 0 && duration.toHours() % 24 == 0) {
      return duration.toDays() + "d";
    }
    if (duration.toHours() > 0 && duration.toMinutes() % 60 == 0) {
      return duration.toHours() + "h";
    }
    return duration.toMinutes() > 0 && duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m"
        : duration.toSeconds() + "s";
  }
}
