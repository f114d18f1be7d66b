package io.perfplane.launcher.compare;

import org.jspecify.annotations.Nullable;

/**
 * One line of the comparison.
 *
 * @param endpoint the endpoint label, or {@link Comparison#OVERALL}
 * @param baseline the baseline's figure: ms for latencies (the median for {@code shift}), 0..1 for the error rate,
 *     requests/s for throughput
 * @param candidate the candidate's, same unit
 * @param change candidate against baseline as a fraction: relative (0.1 = +10 %) except for the error rate, where it
 *     is the difference of the rates (0.005 = +0.5 percentage points)
 * @param low lower end of the change's interval, same unit
 * @param high upper end
 * @param p the test's two-sided p-value where the row has a test ({@code shift}, {@code error_rate},
 *     {@code throughput}), else null
 * @param verdict the verdict
 * @param note why the figures need care (too few values for a tail percentile), else null
 */
record Row(String endpoint, Metric metric, double baseline, double candidate, double change, double low, double high,
    @Nullable Double p, Verdict verdict, @Nullable String note) {
}
