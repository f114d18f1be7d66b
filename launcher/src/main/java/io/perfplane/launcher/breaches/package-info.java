/**
 * {@code perfplane breaches}: the {@code slo-breaches} topic as readable lines, printed up to its end or followed
 * live. {@link io.perfplane.launcher.breaches.BreachLine} is the pure formatting.
 */
@NullMarked
package io.perfplane.launcher.breaches;

import org.jspecify.annotations.NullMarked;
