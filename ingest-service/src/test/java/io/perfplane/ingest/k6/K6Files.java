package io.perfplane.ingest.k6;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Writes synthetic k6 {@code --out json} files exactly as k6 lays them out: Metric lines before a metric's first
 * point, nine consecutive {@code http_req*} points per request sharing time and tags, and a non-HTTP
 * {@code iteration_duration} point after every 10th request. Latencies are log-normal, in ms with 3 decimals (so
 * they are whole µs). Used by the percentile test and the ingest benchmark.
 */
public final class K6Files {

  private static final String[] METRICS = {"http_reqs", "http_req_duration", "http_req_blocked",
      "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting",
      "http_req_receiving", "http_req_failed"};
  private static final String[] ENDPOINTS = {"https://shop.example/items/{id}", "https://shop.example/cart",
      "https://shop.example/search", "https://shop.example/checkout"};

  private K6Files() {
  }

  /**
   * @param requests how many requests to write
   * @param start time of the first request's end
   * @param latencyUs receives each request's latency in µs, in file order
   * @return lines written
   */
  public static long write(Writer out, int requests, long seed, Instant start, LongConsumer latencyUs)
      throws IOException {
    Random random = new Random(seed);
    long lines = 0;
    for (String metric : METRICS) {
      out.write("{\"type\":\"Metric\",\"data\":{\"name\":\"" + metric + "\",\"type\":\"trend\",\"contains\":"
          + "\"time\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"" + metric + "\"}\n");
      lines++;
    }
    StringBuilder line = new StringBuilder(512);
    for (int i = 0; i < requests; i++) {
      long micros = Math.max(1, Math.round(Math.exp(9 + random.nextGaussian() * 0.8)));
      latencyUs.accept(micros);
      String ms = micros / 1000 + "." + String.format("%03d", micros % 1000);
      String waiting = (micros * 9 / 10) / 1000 + "." + String.format("%03d", (micros * 9 / 10) % 1000);
      boolean failed = random.nextInt(50) == 0;
      String time = start.plusNanos(i * 1_000_000L + random.nextInt(999_999)).toString();
      String tags = "{\"expected_response\":\"true\",\"group\":\"\",\"method\":\"GET\",\"name\":\""
          + ENDPOINTS[i % ENDPOINTS.length] + "\",\"proto\":\"HTTP/1.1\",\"scenario\":\"default\",\"status\":\""
          + (failed ? 503 : 200) + "\",\"tls_version\":\"tls1.3\",\"url\":\"" + ENDPOINTS[i % ENDPOINTS.length]
          + "\"}";
      for (String metric : METRICS) {
        String value = switch (metric) {
          case "http_reqs" -> "1";
          case "http_req_duration" -> ms;
          case "http_req_waiting" -> waiting;
          case "http_req_failed" -> failed ? "1" : "0";
          default -> "0.012";
        };
        line.setLength(0);
        line.append("{\"type\":\"Point\",\"data\":{\"time\":\"").append(time).append("\",\"value\":").append(value)
            .append(",\"tags\":").append(tags).append("},\"metric\":\"").append(metric).append("\"}\n");
        out.append(line);
        lines++;
      }
      if (i % 10 == 9) {
        out.write("{\"type\":\"Point\",\"data\":{\"time\":\"" + time + "\",\"value\":" + ms + ",\"tags\":"
            + "{\"group\":\"\",\"scenario\":\"default\"}},\"metric\":\"iteration_duration\"}\n");
        lines++;
      }
    }
    return lines;
  }
}
