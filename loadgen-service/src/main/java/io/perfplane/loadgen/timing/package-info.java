/**
 * Server timings of a response (issue #21, docs/adr/0007-named-measurements.md): the W3C {@code Server-Timing}
 * header and configured plain-number duration headers, parsed without allocating per entry and normalised to
 * {@code server_timing.<name>} measurements in µs. Plain code with no dependency on the engine or the transport, so
 * the engine can use it per response and it is tested on strings.
 */
@NullMarked
package io.perfplane.loadgen.timing;

import org.jspecify.annotations.NullMarked;
