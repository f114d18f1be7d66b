package io.perfplane.ingest.format;

import java.util.Locale;
import java.util.Set;

/** Method inference for formats that do not record the HTTP method (JMeter CSV, Gatling). */
public final class HttpMethods {

  /** Recorded when neither the format nor the label names the method. */
  public static final String UNKNOWN = "UNKNOWN";

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
      "TRACE", "PATCH");

  private HttpMethods() {
  }

  /** The method a label starts with ({@code "POST /orders"} is a POST), else {@value #UNKNOWN}. */
  public static String ofLabel(String label) {
    int space = label.indexOf(' ');
    if (space > 0) {
      String first = label.substring(0, space).toUpperCase(Locale.ROOT);
      if (METHODS.contains(first)) {
        return first;
      }
    }
    return UNKNOWN;
  }
}
