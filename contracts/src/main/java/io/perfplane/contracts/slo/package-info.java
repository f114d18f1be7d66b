/**
 * The SLO definition format, owned here for every reader: the analyzer (its global SLO file and a run's own SLOs),
 * loadgen-service (a definition's {@code slos:} section) and the launcher ({@code --slo FILE}). Format in
 * docs/analyzer-service.md.
 */
@NullMarked
package io.perfplane.contracts.slo;

import org.jspecify.annotations.NullMarked;
