/**
 * {@code perfplane runs} (the runs the stack's analyzer holds, one table) and {@code perfplane report} (a run's
 * HTML report saved to a file). {@link io.perfplane.launcher.runs.RunsTable} is the pure rendering.
 */
@NullMarked
package io.perfplane.launcher.runs;

import org.jspecify.annotations.NullMarked;
