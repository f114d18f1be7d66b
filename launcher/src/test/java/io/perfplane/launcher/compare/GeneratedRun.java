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
import java.util.function.Consumer;

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

  /** One generated request. */
  record Sample(String endpoint, long startUs, long latencyUs, boolean failed) {
  }

  /** Every request, in the order {@link #write} writes them. */
  void forEach(Consumer<Sample> each) {
    Random random = new Random(seed);
    for (int i = 0; i < requestsPerEndpoint; i++) {
      long startUs = START_US + Math.round(i * 1e6 / rps);
      for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
        Endpoint e = entry.getValue();
        double ms = e.medianMs() * Math.exp(e.sigma() * random.nextGaussian()) * e.scale();
        boolean failed = random.nextDouble() < e.errorRate();
        each.accept(new Sample(entry.getKey(), startUs, Math.round(ms * 1000), failed));
      }
    }
  }

  Path write(Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      forEach(sample -> {
        try {
          out.write(String.format(Locale.ROOT, "{\"endpoint\":\"%s\",\"method\":\"GET\",\"status\":%d,"
              + "\"startUs\":%d,\"latencyUs\":%d}%n", sample.endpoint(), sample.failed() ? 500 : 200,
              sample.startUs(), sample.latencyUs()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The analyzer's histograms document of this run (contract of {@code GET /runs/{id}/histograms}). */
  String histograms(String runId, boolean perSecond) {
    return HistogramDocument.of(runId, perSecond, this::forEach);
  }

  /** A pretty-printed {@code --summary-json} of this run carrying its histograms document. */
  Path summary(Path file, String runId) {
    try {
      Files.writeString(file, "{\n  \"schema\" : 1,\n  \"runId\" : \"" + runId + "\",\n  \"endpoints\" : [ ],\n"
          + "  \"histograms\" : " + histograms(runId, true) + "\n}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
