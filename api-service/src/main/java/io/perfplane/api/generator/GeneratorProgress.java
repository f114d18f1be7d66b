package io.perfplane.api.generator;

/** Receives progress of a generator run, one call per committed batch of activities. */
@FunctionalInterface
interface GeneratorProgress {

  /**
   * @param done activities generated so far (committed), including earlier interrupted runs
   * @param total activities the scale asks for
   * @param inserted rows this batch actually inserted (0 when they existed already)
   */
  void batchCommitted(long done, long total, int inserted);
}
