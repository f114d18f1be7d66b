package io.perfplane.launcher.compare;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * One side of a comparison and where it came from.
 *
 * @param kind {@code file} (a results file), {@code summary} (a saved summary's histograms), {@code run} (a run of
 *     the running stack) or {@code baseline} (a named baseline of the stack's analyzer)
 * @param label the header's name of the side: a file name, {@code run r1}, {@code baseline main v3},
 *     {@code summary out.json}
 * @param detail the header's first word in parentheses: the file's format, {@code stack}, {@code run r1}
 * @param file the file read, null for a run or a baseline
 * @param runId the run the histograms are of, null for a results file
 * @param baseline the baseline's name, null unless {@code kind} is {@code baseline}
 * @param version the baseline's version, null unless {@code kind} is {@code baseline}
 * @param samples what the comparison reads
 */
record Side(String kind, String label, String detail, @Nullable Path file, @Nullable String runId,
    @Nullable String baseline, @Nullable Integer version, RunSamples samples) {

  static Side file(Path file, RunSamples samples) {
    return new Side("file", file.getFileName().toString(), samples.format(), file, null, null, null, samples);
  }
}
