package io.perfplane.launcher.pipeline;

import java.nio.file.Path;

import io.perfplane.contracts.slo.SloFile;

/** Checks an SLO file before anything starts, so a mistake is a usage error naming file, line and field. */
public final class SloFiles {

  private SloFiles() {
  }

  /**
   * @throws IllegalArgumentException e.g. {@code slos.yml:7: slos[1].objective: unknown objective 'p97 < 5ms'}
   */
  public static void check(Path file) {
    try {
      SloFile.load(file);
    } catch (SloFile.InvalidSloFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
