/**
 * The load engine: runs and their registry, iterations, live statistics and counters, and the workload models
 * (closed and open) behind {@link io.perfplane.loadgen.engine.WorkloadModel}. Apart so that it can be read and
 * tested as plain Java: it reaches the target, Kafka and the clock only through ports it owns
 * ({@link io.perfplane.loadgen.engine.HttpTransport}, {@link io.perfplane.loadgen.engine.SamplePublisher},
 * {@link io.perfplane.loadgen.engine.RunEventPublisher}, {@link io.perfplane.loadgen.engine.ShardPublisher}, an
 * injected {@link java.time.Clock}), and imports neither Spring nor Kafka. The edges enter through
 * {@link io.perfplane.loadgen.engine.RunRegistry} and {@link io.perfplane.loadgen.engine.DistributedRuns}.
 */
@NullMarked
package io.perfplane.loadgen.engine;

import org.jspecify.annotations.NullMarked;
