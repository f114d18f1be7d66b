/**
 * Kafka adapters of the engine's ports: publishers of request samples, run events and run shards, and the listeners
 * that feed run shards and abort requests back into the engine. Apart so that the engine never sees a producer, a
 * record or a consumer group; the clients themselves are built from the typed topics in {@code system}.
 */
@NullMarked
package io.perfplane.loadgen.kafka;

import org.jspecify.annotations.NullMarked;
