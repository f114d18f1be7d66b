package io.perfplane.launcher.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How long the command took to become useful: the figure the time-to-ready benchmark reads.
 *
 * @param commandStarted when the {@code ./perfplane} command started (or the launcher's process, to about a second)
 * @param ready when every service of the pipeline answered ready
 * @param firstSampleAnalyzed when the analyzer first counted a sample of the run (polled every 100 ms), null if
 *     never
 */
public record Timing(Instant commandStarted, Instant ready, @Nullable Instant firstSampleAnalyzed) {

  /** Milliseconds from the command's start to {@code at}. */
  public long sinceStartMs(Instant at) {
    return Duration.between(commandStarted, at).toMillis();
  }

  /** One summary line, e.g. {@code ready 13.2 s, first sample analyzed 15.0 s after the command started}. */
  public String line() {
    return String.format(Locale.ROOT, "pipeline ready %.1f s, first sample analyzed %s after the command started",
        sinceStartMs(ready) / 1000.0, firstSampleAnalyzed == null ? "(never)"
            : String.format(Locale.ROOT, "%.1f s", sinceStartMs(firstSampleAnalyzed) / 1000.0));
  }
}
