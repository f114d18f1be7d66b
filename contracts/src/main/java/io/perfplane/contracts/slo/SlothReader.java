package io.perfplane.contracts.slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Maps Sloth's {@code prometheus/v1} spec onto perfplane's SLOs. Sloth SLOs are event ratios (errors over total), so
 * each becomes an error-rate objective {@code 1 - objective/100} over the run's requests; its queries are reported as
 * not run, since perfplane counts errors itself. Sloth's alerts are the SRE workbook's multiwindow rules: the page
 * alert 14.4x over 1 h / 5 m and 6x over 6 h / 30 m, the ticket alert 3x over 1 d / 2 h and 1x over 3 d / 6 h; each
 * one not {@code disable}d becomes burn-rate rules, scaled to the budget period (default 12 h, label
 * {@code perfplane_budget_period}). Labels {@code perfplane_endpoint} and {@code perfplane_abort_on_fail} (on the
 * SLO or the spec) set the endpoint and abortOnFail.
 */
final class SlothReader {

  static final List<BurnRatePolicy.Rule> PAGE_RULES = BurnRatePolicy.WORKBOOK_RULES;
  static final List<BurnRatePolicy.Rule> TICKET_RULES = List.of(
      new BurnRatePolicy.Rule(3.0, Duration.ofDays(1), Duration.ofHours(2)),
      new BurnRatePolicy.Rule(1.0, Duration.ofDays(3), Duration.ofHours(6)));

  private final YamlFields yaml;
  private final List<String> notes = new ArrayList<>();

  SlothReader(YamlFields yaml) {
    this.yaml = yaml;
  }

  SloFile.Loaded read(Node document) {
    Map<String, Node> top = yaml.lenientMapping(document, "(document)");
    String version = yaml.requiredText(top, document, "(document)", "version").trim();
    if (!version.equals("prometheus/v1")) {
      throw yaml.error(top.get("version"), "version", "only Sloth's prometheus/v1 spec is read, not '" + version + "'");
    }
    Map<String, Node> specLabels = labels(top, "labels");
    Node slosNode = top.get("slos");
    if (!(slosNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
      throw yaml.error(slosNode == null ? document : slosNode, "slos", "must be a non-empty list");
    }
    List<Slo> slos = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.getValue().size(); i++) {
      Node node = list.getValue().get(i);
      String field = "slos[" + i + "]";
      Slo slo = slo(node, field, specLabels);
      if (slo == null) {
        continue;
      }
      if (!ids.add(slo.id())) {
        throw yaml.error(node, field + ".name", "duplicate SLO name '" + slo.id() + "'");
      }
      slos.add(slo);
    }
    if (slos.isEmpty()) {
      throw yaml.error(slosNode, "slos", "no SLO perfplane can evaluate (see the notes: "
          + String.join("; ", notes) + ")");
    }
    return new SloFile.Loaded(slos, notes, "sloth prometheus/v1");
  }

  private @Nullable Slo slo(Node node, String field, Map<String, Node> specLabels) {
    Map<String, Node> slo = yaml.lenientMapping(node, field);
    String name = yaml.requiredText(slo, node, field, "name").trim();
    Map<String, Node> labels = new HashMap<>(specLabels);
    labels.putAll(labels(slo, field + ".labels"));
    Node objectiveNode = slo.get("objective");
    if (objectiveNode == null) {
      throw yaml.error(node, field + ".objective", "is required (availability in percent, e.g. 99.9)");
    }
    double objective = yaml.number(objectiveNode, field + ".objective");
    if (!(objective > 0 && objective < 100)) {
      throw yaml.error(objectiveNode, field + ".objective", "must be between 0 and 100 (exclusive): " + objective);
    }
    Node sli = slo.get("sli");
    if (sli != null) {
      String queries = String.join(" ", queries(sli));
      if (queries.contains("_bucket") || queries.contains("le=")) {
        notes.add(yaml.note(YamlFields.keyNode(node, "sli"), field + ".sli", "skipped: its queries count requests slower than a histogram "
            + "bucket, a latency SLI perfplane cannot read from PromQL; write it as 'p(NN) < N ms' in perfplane's "
            + "format"));
        return null;
      }
      notes.add(yaml.note(YamlFields.keyNode(node, "sli"), field + ".sli", "queries not run: perfplane counts each request's error itself "
          + "(HTTP status >= 400 or a transport error)"));
    }
    double errorBudget = Math.round((100.0 - objective) * 1e9) / 1e11;
    List<BurnRatePolicy.Rule> rules = rules(slo.get("alerting"), field + ".alerting");
    BurnRatePolicy burn = null;
    if (!rules.isEmpty()) {
      Node periodNode = labels.get("perfplane_budget_period");
      Duration period = periodNode != null ? yaml.duration(periodNode, "labels.perfplane_budget_period")
          : OpenSloReader.DEFAULT_BUDGET_PERIOD;
      if (period.compareTo(SloFile.WORKBOOK_PERIOD) > 0) {
        throw yaml.error(periodNode, "labels.perfplane_budget_period", "must be at most 30d: " + period);
      }
      notes.add(yaml.note(node, field, "Sloth's 30-day period scaled to a " + OpenSloReader.human(period)
          + " error-budget period for a load test (label perfplane_budget_period)"));
      try {
        burn = new BurnRatePolicy(1.0 - errorBudget, rules,
            (double) period.toMillis() / SloFile.WORKBOOK_PERIOD.toMillis());
      } catch (IllegalArgumentException e) {
        throw yaml.error(node, field, e.getMessage());
      }
    }
    String endpoint = labels.containsKey("perfplane_endpoint")
        ? yaml.text(labels.get("perfplane_endpoint"), "labels.perfplane_endpoint").trim() : Slo.ALL_ENDPOINTS;
    boolean abort = labels.containsKey("perfplane_abort_on_fail")
        && yaml.bool(labels.get("perfplane_abort_on_fail"), "labels.perfplane_abort_on_fail");
    try {
      return new Slo(name, endpoint.isBlank() ? Slo.ALL_ENDPOINTS : endpoint, Indicator.ERROR_RATE, errorBudget,
          SloFile.DEFAULT_WINDOW, SloFile.DEFAULT_MIN_REQUESTS, abort, burn);
    } catch (IllegalArgumentException e) {
      throw yaml.error(node, field, e.getMessage());
    }
  }

  private List<BurnRatePolicy.Rule> rules(@Nullable Node alerting, String field) {
    List<BurnRatePolicy.Rule> rules = new ArrayList<>();
    if (alerting == null) {
      return rules;
    }
    Map<String, Node> map = yaml.lenientMapping(alerting, field);
    for (String alert : List.of("page_alert", "ticket_alert")) {
      boolean disabled = false;
      if (map.get(alert) != null) {
        Map<String, Node> settings = yaml.lenientMapping(map.get(alert), field + "." + alert);
        disabled = settings.containsKey("disable") && yaml.bool(settings.get("disable"), field + "." + alert
            + ".disable");
      }
      if (!disabled) {
        rules.addAll(alert.equals("page_alert") ? PAGE_RULES : TICKET_RULES);
      }
    }
    for (String routing : List.of("name", "labels", "annotations")) {
      if (map.containsKey(routing)) {
        notes.add(yaml.note(YamlFields.keyNode(alerting, routing), field + "." + routing, "Prometheus alert routing is not used: "
            + "breaches go to the slo-breaches topic and the run's summary"));
        break;
      }
    }
    return rules;
  }

  private List<String> queries(Node node) {
    List<String> texts = new ArrayList<>();
    if (node instanceof ScalarNode scalar) {
      texts.add(scalar.getValue());
    } else if (node instanceof MappingNode mapping) {
      mapping.getValue().forEach(tuple -> texts.addAll(queries(tuple.getValueNode())));
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> texts.addAll(queries(item)));
    }
    return texts;
  }

  private Map<String, Node> labels(Map<String, Node> parent, String field) {
    Node node = parent.get("labels");
    return node == null ? Map.of() : yaml.lenientMapping(node, field);
  }
}
