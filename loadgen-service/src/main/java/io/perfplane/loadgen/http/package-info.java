/**
 * The transports behind the engine's {@link io.perfplane.loadgen.engine.HttpTransport} port, chosen per run by
 * {@link io.perfplane.loadgen.http.HttpTransports} from the definition's {@code http:} settings: the hand-written
 * HTTP/1.1 client ({@code Http1Client}, see it for why it exists at all), the HTTP/2 client on Jetty's session API
 * ({@code Http2Client}, docs/adr/0008-http2-client.md), the run's TLS context ({@code TlsContexts}), and the
 * classification of failed exchanges into error kinds. Apart because it is the throughput-critical part of the
 * generator and is tested on raw sockets and real servers, without Spring or Kafka.
 */
@NullMarked
package io.perfplane.loadgen.http;

import org.jspecify.annotations.NullMarked;
