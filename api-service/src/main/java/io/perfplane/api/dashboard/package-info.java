/** Dashboards: list, detail and the overview read that the load profiles hit. */
@NullMarked
package io.perfplane.api.dashboard;

import org.jspecify.annotations.NullMarked;
