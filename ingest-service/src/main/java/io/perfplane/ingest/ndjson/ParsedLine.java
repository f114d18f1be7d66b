package io.perfplane.ingest.ndjson;

import java.util.List;

import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.NativeSample;

/** Outcome of parsing one line: a valid sample, or the reasons it was rejected. */
sealed interface ParsedLine {

  /** A line that becomes a sample. */
  record Valid(NativeSample sample) implements ParsedLine {
  }

  /** A rejected line with at least one error. */
  record Rejected(List<LineError> errors) implements ParsedLine {

    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejected line needs a reason");
      }
    }
  }
}
