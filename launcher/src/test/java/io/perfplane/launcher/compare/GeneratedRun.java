package io.perfplane.launcher.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes a native NDJSON results file of a generated run: per endpoint, requests at a steady rate with log-normal
 * latencies (median and spread per endpoint) scaled by a factor, and failures with a given probability.
 */
final class GeneratedRun {

  private static final long START_US = 1_764_000_000_000_000L;

  private record Endpoint(double medianMs, double sigma, double scale, double errorRate) {
  }

  private final long seed;
  private final int requestsPerEndpoint;
  private final double rps;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  /**
   * @param seed the random seed
   * @param requestsPerEndpoint requests of each endpoint
   * @param rps each endpoint's request rate, requests/s
   */
  GeneratedRun(long seed, int requestsPerEndpoint, double rps) {
    this.seed = seed;
    this.requestsPerEndpoint = requestsPerEndpoint;
    this.rps = rps;
  }

  /** Adds an endpoint whose latencies are log-normal(median, sigma) × scale and which fails with errorRate. */
  GeneratedRun endpoint(String name, double medianMs, double sigma, double scale, double errorRate) {
    endpoints.put(name, new Endpoint(medianMs, sigma, scale, errorRate));
    return this;
  }

  Path write(Path file) {
    Random random = new Random(seed);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < requestsPerEndpoint; i++) {
        long startUs = START_US + Math.round(i * 1e6 / rps);
        for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
          Endpoint e = entry.getValue();
          double ms = e.medianMs() * Math.exp(e.sigma() * random.nextGaussian()) * e.scale();
          boolean failed = random.nextDouble() < e.errorRate();
          out.write(String.format(Locale.ROOT, "{\"endpoint\":\"%s\",\"method\":\"GET\",\"status\":%d,"
              + "\"startUs\":%d,\"latencyUs\":%d}%n", entry.getKey(), failed ? 500 : 200, startUs,
              Math.round(ms * 1000)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
