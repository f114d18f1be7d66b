package io.perfplane.cost.estimates;

import io.perfplane.cost.sizing.Estimate;

/**
 * An estimate for one run, as published and stored.
 *
 * @param runId load-test run the capacity was measured in
 * @param atUs when the capacity was measured (µs epoch, the capacity event's time), so a replay publishes an
 *     identical record
 * @param estimate the estimate
 */
record RunEstimate(String runId, long atUs, Estimate estimate) {
}
