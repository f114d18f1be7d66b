package io.perfplane.analyzer.baseline;

import java.time.Instant;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One version of a named baseline.
 *
 * @param name the baseline's name, {@link #NAME}
 * @param runId the run it points at
 * @param version 1, 2, ... per name, in the order the versions were set
 * @param setAt when it was set (µs precision, as PostgreSQL keeps it)
 * @param setBy the authenticated principal that set it (static token name or JWT subject)
 * @param note free text given when it was set, if any
 */
record BaselineEntry(String name, String runId, int version, Instant setAt, String setBy, @Nullable String note) {

  /** What a baseline name may be: 1 to 64 letters, digits, dots, underscores and hyphens. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
}
