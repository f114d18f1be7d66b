/**
 * {@code perfplane demo}: the walking skeleton end to end on the embedded default (broker, PostgreSQL, the five
 * services), one staged load against api-service with the demo's SLOs, a live progress line and an end-of-run summary.
 */
@NullMarked
package io.perfplane.launcher.demo;

import org.jspecify.annotations.NullMarked;
