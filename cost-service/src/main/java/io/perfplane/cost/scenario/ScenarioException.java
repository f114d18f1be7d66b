package io.perfplane.cost.scenario;

/** A scenario (or scenario file) is invalid; {@link #field()} names the offending field, e.g. {@code scenarios[1].peakFactor}. */
final class ScenarioException extends IllegalArgumentException {

  private final String field;

  ScenarioException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** Path of the invalid field. */
  public String field() {
    return field;
  }

  ScenarioException under(String prefix) {
    ScenarioException prefixed = new ScenarioException(prefix + "." + field, getMessage().substring(field.length() + 2));
    prefixed.initCause(this);
    return prefixed;
  }
}
