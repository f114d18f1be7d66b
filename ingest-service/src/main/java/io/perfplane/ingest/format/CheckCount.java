package io.perfplane.ingest.format;

/**
 * The outcomes of one named check on one sample's response.
 *
 * @param name the check's name as the tool names it; at most once per sample
 * @param passed times it passed on this request, {@code >= 0}
 * @param failed times it failed on this request, {@code >= 0}
 */
public record CheckCount(String name, int passed, int failed) {

  public CheckCount {
    if (passed < 0 || failed < 0) {
      throw new IllegalArgumentException("check " + name + ": passed and failed must be >= 0");
    }
  }

  /** This check with one more evaluation, passed or not. */
  public CheckCount plus(boolean pass) {
    return new CheckCount(name, pass ? Math.addExact(passed, 1) : passed, pass ? failed : Math.addExact(failed, 1));
  }
}
