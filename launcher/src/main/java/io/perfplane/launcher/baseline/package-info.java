/**
 * {@code perfplane baseline set|show|history|list}: the named baselines of the stack's analyzer (a run's whole-run
 * histograms snapshotted under a name, with history), which {@code perfplane compare --baseline NAME} compares
 * against. {@link io.perfplane.launcher.baseline.BaselineTables} is the pure rendering.
 */
@NullMarked
package io.perfplane.launcher.baseline;

import org.jspecify.annotations.NullMarked;
