/**
 * Baselines: named reference runs kept with their history in PostgreSQL ({@code PUT/GET /baselines}), each version a
 * snapshot of its run's histograms document, so comparisons against it outlive the run's stream state.
 */
@NullMarked
package io.perfplane.analyzer.baseline;

import org.jspecify.annotations.NullMarked;
