package io.perfplane.launcher.compare;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.perfplane.launcher.Summary;

/** The comparison as the terminal shows it. */
final class CompareTable {

  private static final int ENDPOINT_WIDTH = 36;

  private CompareTable() {
  }

  static String render(Side baseline, Side candidate, Comparison comparison, Tolerances tolerances,
      double confidence) {
    StringBuilder out = new StringBuilder();
    out.append("perfplane compare: ").append(side("baseline ", baseline)).append('\n');
    out.append("                   ").append(side("candidate", candidate)).append('\n');
    String level = String.format(Locale.ROOT, "%.0f%%", confidence * 100);
    out.append("  intervals at ").append(level).append(", tests at α = ")
        .append(String.format(Locale.ROOT, "%.2f", 1 - confidence)).append("; ~ = no significant change; ")
        .append(tolerances.isEmpty() ? "no --max-regression: nothing is gated"
            : "gated: " + tolerances.asPercent().entrySet().stream()
                .map(e -> e.getKey() + " " + plain(e.getValue()) + (e.getKey().equals("error_rate") ? "pp" : "%"))
                .collect(Collectors.joining(", ")))
        .append("\n\n");
    out.append(String.format(Locale.ROOT, "  %-" + ENDPOINT_WIDTH + "s %-10s %12s %12s %9s  %-22s %8s  %s%n",
        "endpoint", "metric", "baseline", "candidate", "change", level + " interval", "p", "verdict"));
    for (Row row : comparison.rows()) {
      out.append(String.format(Locale.ROOT, "  %-" + ENDPOINT_WIDTH + "s %-10s %12s %12s %9s  %-22s %8s  %s%s%n",
          fit(row.endpoint()), row.metric().id(), value(row.metric(), row.baseline()),
          value(row.metric(), row.candidate()), change(row.metric(), row.change()), interval(row), p(row),
          row.verdict().text(), row.note() == null ? "" : "  (" + row.note() + ")"));
    }
    for (String note : comparison.notes()) {
      out.append("  note: ").append(note).append('\n');
    }
    return out.toString();
  }

  /** The closing line: the regressions named, or why the gate passed. */
  static String result(Comparison comparison, int exitCode) {
    List<Row> regressions = comparison.regressions();
    if (regressions.isEmpty()) {
      long worse = comparison.rows().stream().filter(r -> r.verdict() == Verdict.WORSE).count();
      return "  result     no significant regression beyond the tolerances" + (worse == 0 ? ""
          : " (" + worse + " row(s) significantly worse within them)") + " (exit " + exitCode + ")\n";
    }
    StringBuilder out = new StringBuilder("  result     REGRESSION (exit " + exitCode + ")\n");
    for (Row row : regressions) {
      out.append("             ").append(row.endpoint()).append(' ').append(row.metric().id()).append(' ')
          .append(change(row.metric(), row.change())).append(' ').append(interval(row)).append('\n');
    }
    return out.toString();
  }

  private static String side(String role, Side side) {
    RunSamples run = side.samples();
    return String.format(Locale.ROOT, "%s %s (%s, %,d requests over %s s, %d endpoints)", role, side.label(),
        side.detail(), run.overall().requests(), Summary.number(run.overall().durationSeconds()),
        run.endpoints().size());
  }

  static String value(Metric metric, double value) {
    return switch (metric) {
      case ERROR_RATE -> Summary.percent(value);
      case THROUGHPUT -> Summary.number(value) + "/s";
      default -> Summary.number(value) + " ms";
    };
  }

  static String change(Metric metric, double fraction) {
    if (Double.isInfinite(fraction)) {
      return fraction > 0 ? "+inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%+.1f%s", fraction * 100, metric.changeUnit());
  }

  static String interval(Row row) {
    return "[" + change(row.metric(), row.low()) + ", " + change(row.metric(), row.high()) + "]";
  }

  private static String p(Row row) {
    Double p = row.p();
    if (p == null) {
      return "";
    }
    return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  private static String fit(String endpoint) {
    return endpoint.length() <= ENDPOINT_WIDTH ? endpoint : endpoint.substring(0, ENDPOINT_WIDTH - 1) + "…";
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.valueOf(value);
  }
}
