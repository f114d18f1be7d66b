package io.perfplane.analyzer.stream;

/**
 * Keys of the topology's state stores: {@code '|'}-separated, run id first. Run ids never contain {@code '|'}, so a
 * {@code runId|} prefix selects exactly one run; seconds are zero-padded so a key range is a time range.
 */
public final class StoreKeys {

  private StoreKeys() {
  }

  /** Prefix of every key of one run in the totals, slices and breach-log stores. */
  public static String runPrefix(String runId) {
    return runId + "|";
  }

  /** Key of a whole-run slice in {@link AnalyzerTopology#TOTALS_STORE}. */
  public static String total(String runId, String endpoint) {
    return runId + "|" + endpoint;
  }

  /** The endpoint of a {@link #total} key. */
  public static String endpointOfTotal(String runId, String totalKey) {
    return totalKey.substring(runPrefix(runId).length());
  }

  /** Key of a per-second slice in {@link AnalyzerTopology#SLICES_STORE}; seconds zero-padded to sort in order. */
  static String slice(String runId, String endpoint, long epochSecond) {
    return runId + "|" + endpoint + "|" + String.format("%012d", Math.max(0, epochSecond));
  }

  /** Key of a breach episode in {@link AnalyzerTopology#BREACH_LOG_STORE}. */
  static String breachLog(String runId, String breachId) {
    return runId + "|" + breachId;
  }
}
