/**
 * Service wiring: configuration properties, the clock, bearer-token authentication of the control API, and the
 * assembly of the engine with its edges (HTTP client, Kafka clients built from typed topics, lifecycle). The only
 * package that knows every other; none knows it.
 */
@NullMarked
package io.perfplane.loadgen.system;

import org.jspecify.annotations.NullMarked;
