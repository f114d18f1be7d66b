/**
 * {@code perfplane compare}: two runs' distributions compared per endpoint and overall, with intervals and tests that
 * tell a regression from run-to-run noise (method in docs/compare.md). The statistics are plain classes
 * ({@link io.perfplane.launcher.compare.MannWhitney}, {@link io.perfplane.launcher.compare.Quantiles},
 * {@link io.perfplane.launcher.compare.Proportions}); reading files, the analyzer's histograms (saved summaries, run
 * ids and named baselines of the running stack: {@link io.perfplane.launcher.compare.Sides},
 * {@link io.perfplane.launcher.compare.HistogramSamples}) and the command line are at the edge.
 */
@NullMarked
package io.perfplane.launcher.compare;

import org.jspecify.annotations.NullMarked;
