package io.perfplane.loadgen.plan;

import java.util.List;
import java.util.Map;

/**
 * Test data for a scenario's templates: each iteration takes one row.
 *
 * @param columns variable names the rows define
 * @param rows the data, every row defining every column
 * @param strategy how iterations pick rows
 */
public record Feeder(List<String> columns, List<Map<String, String>> rows, Strategy strategy) {

  /** Row selection. */
  public enum Strategy {
    /** Rows in order, shared by all users, wrapping around at the end. */
    SEQUENTIAL,
    /** A uniformly random row per iteration. */
    RANDOM
  }

  public Feeder {
    columns = List.copyOf(columns);
    rows = rows.stream().map(Map::copyOf).toList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a feeder needs at least one row");
    }
  }
}
