package io.perfplane.analyzer.stream;

import io.perfplane.contracts.RunEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The numeric attributes of run events, read leniently: a malformed value is logged and ignored. */
final class RunEventAttributes {

  private static final Logger log = LoggerFactory.getLogger(RunEventAttributes.class);

  private RunEventAttributes() {
  }

  /** The run's shard count from a STARTED event; 0 when absent or not a positive number. */
  static int shardCount(RunEvent event) {
    String value = event.getAttributes().get(RunAnalysisProcessor.SHARD_COUNT);
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      log.warn("run {}: ignoring non-numeric {}='{}'", event.getRunId(), RunAnalysisProcessor.SHARD_COUNT, value);
      return 0;
    }
  }

  static @Nullable Long samplesPublished(RunEvent event) {
    String value = event.getAttributes().get(RunAnalysisProcessor.SAMPLES_PUBLISHED);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      log.warn("run {}: ignoring non-numeric {}='{}'", event.getRunId(), RunAnalysisProcessor.SAMPLES_PUBLISHED, value);
      return null;
    }
  }
}
