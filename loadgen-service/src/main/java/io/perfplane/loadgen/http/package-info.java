/**
 * The hand-written HTTP/1.1 client behind the engine's {@link io.perfplane.loadgen.engine.HttpTransport} port, and
 * the classification of failed exchanges into error kinds. Apart because it is the throughput-critical part of the
 * generator (see {@link io.perfplane.loadgen.http.Http1Client} for why it exists at all) and is tested on raw sockets,
 * without Spring or Kafka.
 */
@NullMarked
package io.perfplane.loadgen.http;

import org.jspecify.annotations.NullMarked;
