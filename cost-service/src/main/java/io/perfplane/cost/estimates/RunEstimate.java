package io.perfplane.cost.estimates;

import io.perfplane.cost.sizing.Estimate;

/**
 * An estimate for one run, as published.
 *
 * @param runId load-test run the capacity was measured in
 * @param atUs when the estimate was made (µs epoch)
 * @param estimate the estimate
 */
record RunEstimate(String runId, long atUs, Estimate estimate) {
}
