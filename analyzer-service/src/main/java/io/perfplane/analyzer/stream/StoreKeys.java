package io.perfplane.analyzer.stream;

/**
 * Keys of the topology's state stores: {@code '|'}-separated, run id first. Run ids never contain {@code '|'}, so a
 * {@code runId|} prefix selects exactly one run; seconds are zero-padded so a key range is a time range.
 */
public final class StoreKeys {

  /** Width of the zero-padded epoch second at the end of a slice key. */
  static final int SECOND_DIGITS = 12;

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
  public static String slice(String runId, String endpoint, long epochSecond) {
    // Hand-padded: String.format costs more than the histogram update it keys.
    String digits = Long.toString(Math.max(0, epochSecond));
    StringBuilder key = new StringBuilder(runId.length() + endpoint.length() + 2 + SECOND_DIGITS)
        .append(runId).append('|').append(endpoint).append('|');
    for (int i = digits.length(); i < SECOND_DIGITS; i++) {
      key.append('0');
    }
    return key.append(digits).toString();
  }

  /** Key of a breach episode in {@link AnalyzerTopology#BREACH_LOG_STORE}. */
  static String breachLog(String runId, String breachId) {
    return runId + "|" + breachId;
  }
}
