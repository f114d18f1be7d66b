package io.perfplane.launcher.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code compare --summary-json FILE}: the comparison as JSON for CI, versioned by {@code schema} like the run
 * summary (fields only ever added within a version). Format in docs/compare.md.
 */
final class CompareJson {

  /** Version of the document. */
  static final int SCHEMA = 1;

  private CompareJson() {
  }

  static Map<String, Object> of(Side baseline, Side candidate, Comparison comparison, Tolerances tolerances,
      double confidence, int exitCode) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("command", "compare");
    doc.put("confidence", confidence);
    doc.put("baseline", side(baseline));
    doc.put("candidate", side(candidate));
    doc.put("tolerances", tolerances.asPercent());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row row : comparison.rows()) {
      rows.add(row(row));
    }
    doc.put("rows", rows);
    doc.put("regressions", comparison.regressions().stream().map(CompareJson::row).toList());
    doc.put("notes", comparison.notes());
    doc.put("exitCode", exitCode);
    return doc;
  }

  private static Map<String, Object> side(Side origin) {
    RunSamples run = origin.samples();
    Path file = origin.file();
    Map<String, Object> side = new LinkedHashMap<>();
    side.put("file", file == null ? null : file.toAbsolutePath().toString());
    side.put("format", run.format());
    side.put("source", origin.kind());
    side.put("runId", origin.runId());
    side.put("baseline", origin.baseline());
    side.put("baselineVersion", origin.version());
    side.put("requests", run.overall().requests());
    side.put("errors", run.overall().errors());
    side.put("durationSeconds", run.overall().durationSeconds());
    side.put("endpoints", List.copyOf(run.endpoints().keySet()));
    return side;
  }

  private static Map<String, Object> row(Row row) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("endpoint", row.endpoint());
    r.put("metric", row.metric().id());
    r.put("unit", switch (row.metric()) {
      case ERROR_RATE -> "ratio";
      case THROUGHPUT -> "rps";
      default -> "ms";
    });
    r.put("baseline", finite(row.baseline()));
    r.put("candidate", finite(row.candidate()));
    r.put("changeKind", row.metric() == Metric.ERROR_RATE ? "difference" : "relative");
    r.put("change", finite(row.change()));
    r.put("low", finite(row.low()));
    r.put("high", finite(row.high()));
    r.put("p", row.p());
    r.put("verdict", row.verdict().name().toLowerCase(Locale.ROOT));
    r.put("note", row.note());
    return r;
  }

  /** JSON has no infinity: an unbounded end is null. */
  private static @Nullable Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
