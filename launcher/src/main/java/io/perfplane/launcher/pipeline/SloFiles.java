package io.perfplane.launcher.pipeline;

import java.nio.file.Path;
import java.util.Locale;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.slo.SloFile;

/** Checks an SLO file before anything starts, so a mistake is a usage error naming file, line and field. */
public final class SloFiles {

  private SloFiles() {
  }

  /**
   * Reads the file as the analyzer will (perfplane's format, OpenSLO v1 or Sloth prometheus/v1).
   *
   * @throws IllegalArgumentException e.g. {@code slos.yml:7: slos[1].objective: unknown objective 'p97 < 5ms'}
   */
  public static SloFile.Loaded check(Path file) {
    try {
      return SloFile.read(file);
    } catch (SloFile.InvalidSloFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** One line per SLO, then what the file says that is not applied (so nothing is dropped silently). */
  public static String describe(Path file, SloFile.Loaded loaded) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "  SLOs from %s (%s):%n", file, loaded.format()));
    for (Slo slo : loaded.slos()) {
      text.append(String.format(Locale.ROOT, "    %-22s %s %s %s%s%n", slo.id(), slo.endpoint(), slo.indicator().id(),
          slo.indicator() == Indicator.ERROR_RATE ? String.format(Locale.ROOT, "<= %.3f%%", slo.objective() * 100)
              : String.format(Locale.ROOT, "<= %.1f ms", slo.objective()),
          slo.burnRate() == null ? "" : ", burn-rate alerts"));
    }
    for (String note : loaded.notes()) {
      text.append("    not applied: ").append(note).append(System.lineSeparator());
    }
    return text.toString();
  }
}
