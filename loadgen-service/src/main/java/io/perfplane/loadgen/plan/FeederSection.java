package io.perfplane.loadgen.plan;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.perfplane.loadgen.plan.TestDefinition.FeederSpec;
import org.jspecify.annotations.Nullable;

/** A scenario's test data ({@code feeder:}): CSV text or inline rows, every row defining the same variables. */
final class FeederSection {

  static final int MAX_FEEDER_ROWS = 100_000;

  private final FieldChecks checks;

  FeederSection(FieldChecks checks) {
    this.checks = checks;
  }

  /** The feeder, or null (with a violation) when it is unusable. */
  @Nullable Feeder feeder(FeederSpec spec, String field) {
    Feeder.Strategy strategy = Feeder.Strategy.SEQUENTIAL;
    if (spec.strategy() != null) {
      try {
        strategy = Feeder.Strategy.valueOf(spec.strategy().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        checks.add(field + ".strategy", "must be sequential or random");
      }
    }
    if ((spec.csv() == null) == (spec.rows() == null)) {
      checks.add(field, "must have exactly one of csv, rows");
      return null;
    }
    List<Map<String, String>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    boolean read = spec.csv() != null ? csv(spec.csv(), field + ".csv", columns, rows)
        : inline(spec.rows(), field, columns, rows);
    if (!read) {
      return null;
    }
    if (rows.isEmpty() || rows.size() > MAX_FEEDER_ROWS) {
      checks.add(field, "must have between 1 and " + MAX_FEEDER_ROWS + " rows");
      return null;
    }
    return new Feeder(List.copyOf(columns), rows, strategy);
  }

  /** Reads CSV with a header line into {@code columns} and {@code rows}; false (with a violation) when unusable. */
  private boolean csv(String text, String field, Set<String> columns, List<Map<String, String>> rows) {
    List<List<String>> records;
    try {
      records = Csv.parse(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      checks.add(field, e.getMessage() == null ? "is not valid CSV" : e.getMessage());
      return false;
    }
    if (records.size() < 2) {
      checks.add(field, "needs a header line and at least one row");
      return false;
    }
    List<String> header = records.getFirst().stream().map(String::strip).toList();
    columns.addAll(header);
    if (columns.size() != header.size() || columns.stream().anyMatch(c -> !c.matches("[A-Za-z_][A-Za-z0-9_.-]*"))) {
      checks.add(field, "header must name distinct variables (a letter first): " + header);
      return false;
    }
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      if (record.size() != header.size()) {
        checks.add(field, "row " + r + " has " + record.size() + " values, the header " + header.size());
        return false;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), record.get(c));
      }
      rows.add(row);
    }
    return true;
  }

  /** Copies inline rows into {@code columns} and {@code rows}; false (with a violation) when unusable. */
  private boolean inline(List<@Nullable Map<String, @Nullable String>> inline, String field, Set<String> columns,
      List<Map<String, String>> rows) {
    for (int r = 0; r < inline.size(); r++) {
      Map<String, @Nullable String> row = inline.get(r);
      if (row == null || row.isEmpty()) {
        checks.add(field + ".rows[" + r + "]", "must define at least one variable");
        return false;
      }
      if (r == 0) {
        columns.addAll(row.keySet());
      } else if (!row.keySet().equals(columns)) {
        checks.add(field + ".rows[" + r + "]", "must define the same variables as rows[0]: " + columns);
        return false;
      }
      Map<String, String> copy = new LinkedHashMap<>();
      row.forEach((k, v) -> copy.put(k, v == null ? "" : v));
      rows.add(copy);
    }
    return true;
  }
}
