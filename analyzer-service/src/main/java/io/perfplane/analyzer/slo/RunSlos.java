package io.perfplane.analyzer.slo;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.slo.SloFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLOs a run is held to: its own, when its STARTED event brought them (attribute {@value #ATTRIBUTE}, JSON
 * {@code {"schema":1,"slos":[...]}} in the SLO file format), else the analyzer's configured ones; or always the
 * configured ones when they are set to win (an override). Parsed once per distinct text. Not thread-safe: one per
 * stream task or caller thread.
 */
public final class RunSlos {

  /** The STARTED attribute carrying a run's own SLOs. */
  public static final String ATTRIBUTE = "slos";

  private static final Logger log = LoggerFactory.getLogger(RunSlos.class);
  private static final int CACHED = 64;

  private final List<Slo> defaults;
  private final boolean defaultsWin;
  private final Map<String, List<Slo>> parsed = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Slo>> eldest) {
      return size() > CACHED;
    }
  };

  /** A run's own SLOs win over {@code defaults}. */
  public RunSlos(List<Slo> defaults) {
    this(defaults, false);
  }

  /**
   * @param defaults the configured SLOs
   * @param defaultsWin whether {@code defaults} apply even to runs that bring their own
   */
  public RunSlos(List<Slo> defaults, boolean defaultsWin) {
    this.defaults = List.copyOf(defaults);
    this.defaultsWin = defaultsWin;
  }

  /**
   * The run's SLOs.
   *
   * @param json the run's own SLOs as carried on STARTED; null or blank when it brought none
   */
  public List<Slo> of(@Nullable String json) {
    if (defaultsWin || json == null || json.isBlank()) {
      return defaults;
    }
    return parsed.computeIfAbsent(json, this::parse);
  }

  /**
   * A run's own SLOs, or the defaults when they cannot be read. loadgen and the launcher check the text before a
   * run starts; another generator could still send something unreadable, and failing every run of the partition
   * over it would be worse than evaluating the configured SLOs with a loud warning.
   */
  private List<Slo> parse(String json) {
    try {
      return SloFile.parse("run SLOs", new StringReader(json));
    } catch (SloFile.InvalidSloFileException e) {
      log.warn("a run's own SLOs are unreadable, evaluating the configured ones instead: {}", e.getMessage());
      return defaults;
    }
  }
}
